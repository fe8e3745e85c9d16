/** An item's versions, newest first (GET /api/policy/items/:id/versions): origin, time, note, who proposed and who approved it, hash; any one can be loaded into the editor. */
import { Button, Card, Empty, Flex, List, Spin, Tag, Tooltip, Typography } from 'antd';
import { ErrorState } from '../../components/ErrorState.js';
import type { ApiError } from '../../lib/api.js';
import { formatDateTime } from '../../lib/dates.js';
import { useI18n } from '../../lib/i18n.js';
import type { ItemVersionView } from '../../lib/types.js';

interface Props {
  /** null: no item chosen; 'new': a new item not saved yet. */
  itemId: string | null;
  versions: ItemVersionView[] | undefined;
  loading: boolean;
  error: ApiError | undefined;
  reload: () => void;
  /** The version whose text is in the editor, unchanged (none when edited or a template). */
  inEditor: number | null;
  onLoad: (v: ItemVersionView) => void;
}

export function RuleHistory({ itemId, versions, loading, error, reload, inEditor, onLoad }: Props) {
  const { t } = useI18n();
  let body;
  if (itemId === null) body = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('policy.editor.historyPick')} />;
  else if (itemId === 'new') body = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('policy.editor.historyEmpty')} />;
  else if (error) body = <ErrorState error={error} onRetry={reload} />;
  else if (!versions) body = <Spin style={{ display: 'block', margin: '24px auto' }} />;
  else
    body = (
      <List
        size="small"
        dataSource={versions}
        style={{ maxHeight: 360, overflowY: 'auto' }}
        renderItem={(v, i) => (
          <List.Item
            data-testid={`rule-version-${v.version}`}
            extra={
              <Button size="small" onClick={() => onLoad(v)} disabled={inEditor === v.version} data-testid={`rule-load-${v.version}`}>
                {t('policy.editor.load')}
              </Button>
            }
          >
            <Flex vertical gap={2} style={{ minWidth: 0 }}>
              <Flex gap={6} wrap align="center">
                <Typography.Text strong>{t('policy.editor.version', { v: v.version })}</Typography.Text>
                <Tag color={v.origin === 'admin' ? 'purple' : 'default'} style={{ marginInlineEnd: 0 }}>
                  {t(`policy.editor.origin.${v.origin}`)}
                </Tag>
                {i === 0 ? (
                  <Tag color="green" style={{ marginInlineEnd: 0 }}>
                    {t('policy.editor.latest')}
                  </Tag>
                ) : null}
                {inEditor === v.version ? (
                  <Tag color="blue" style={{ marginInlineEnd: 0 }}>
                    {t('policy.editor.inEditor')}
                  </Tag>
                ) : null}
              </Flex>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatDateTime(v.createdAt)} · {t('policy.editor.hash')}{' '}
                <Tooltip title={v.contentHash}>
                  <code>{v.contentHash.slice(0, 10)}</code>
                </Tooltip>
              </Typography.Text>
              <Typography.Text type={v.note ? undefined : 'secondary'} style={{ fontSize: 13 }}>
                {v.note || t('policy.editor.noNote')}
              </Typography.Text>
              {v.proposedBy || v.approvedBy ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid={`rule-version-${v.version}-people`}>
                  {v.approvedBy ? t('policy.editor.proposedApproved', { by: v.proposedBy ?? '—', approver: v.approvedBy }) : t('policy.editor.savedBy', { by: v.proposedBy ?? '—' })}
                </Typography.Text>
              ) : null}
            </Flex>
          </List.Item>
        )}
      />
    );
  return (
    <Card size="small" title={t('policy.editor.history')} data-testid="rule-history" loading={false} extra={loading && versions ? <Spin size="small" /> : null}>
      {body}
    </Card>
  );
}
