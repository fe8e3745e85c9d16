/**
 * 修订审核 (maker-checker): the rule proposals (GET /api/policy/proposals, by status, paged).
 * Opening one shows its document as a line diff against the item's version in force; another
 * administrator approves it (it becomes the item's next version at once) or rejects it with a
 * reason; its maker may withdraw it and cannot approve it.
 */
import { Alert, App, Button, Card, Empty, Flex, Input, List, Modal, Segmented, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ErrorState } from '../../components/ErrorState.js';
import { api } from '../../lib/api.js';
import { formatDateTime } from '../../lib/dates.js';
import { errorMessage } from '../../lib/errors.js';
import { useI18n } from '../../lib/i18n.js';
import { useMe } from '../../lib/session.js';
import type { Paged, ProposalStatus, ProposalSummary, ProposalView } from '../../lib/types.js';
import { useApi } from '../../lib/useApi.js';
import { formatDocument } from './ruleDocument.js';
import { lineDiff } from './ruleForm.js';

export const PROPOSAL_COLOR: Record<ProposalStatus, string> = { pending: 'orange', approved: 'green', rejected: 'red', withdrawn: 'default' };

interface Props {
  /** Bumped by the editor after it submits a proposal: the list reloads. */
  refreshKey: number;
  /** After an approval: the items and the history change. */
  onDecided: (itemId: string) => void;
}

export function RuleProposals({ refreshKey, onDecided }: Props) {
  const { t } = useI18n();
  const [status, setStatus] = useState<ProposalStatus | 'all'>('pending');
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<number | null>(null);
  const list = useApi<Paged<ProposalSummary>>('/policy/proposals', { status: status === 'all' ? undefined : status, page, pageSize: 10, r: refreshKey });

  return (
    <Card size="small" title={t('policy.proposals.title')} data-testid="rule-proposals" extra={list.loading && list.data ? <Spin size="small" /> : null}>
      <Flex vertical gap={12}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('policy.proposals.hint')}
        </Typography.Text>
        <div style={{ overflowX: 'auto' }}>
          <Segmented
            value={status}
            onChange={(v) => {
              setStatus(v as ProposalStatus | 'all');
              setPage(1);
            }}
            options={(['pending', 'approved', 'rejected', 'withdrawn', 'all'] as const).map((s) => ({ value: s, label: t(`policy.proposals.filter.${s}`) }))}
            data-testid="rule-proposals-filter"
          />
        </div>
        {list.error && !list.data ? (
          <ErrorState error={list.error} onRetry={list.reload} />
        ) : !list.data ? (
          <Spin style={{ display: 'block', margin: '16px auto' }} />
        ) : list.data.items.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('policy.proposals.empty')} />
        ) : (
          <List
            size="small"
            dataSource={list.data.items}
            pagination={list.data.total > 10 ? { current: page, pageSize: 10, total: list.data.total, onChange: setPage, size: 'small' } : false}
            renderItem={(p) => (
              <List.Item
                data-testid={`rule-proposal-${p.id}`}
                data-item={p.itemId}
                data-status={p.status}
                extra={
                  <Button size="small" onClick={() => setOpen(p.id)} data-testid={`rule-proposal-open-${p.id}`}>
                    {t('policy.proposals.open')}
                  </Button>
                }
              >
                <Flex vertical gap={2} style={{ minWidth: 0 }}>
                  <Flex gap={6} wrap align="center">
                    <Typography.Text strong>
                      #{p.id} {p.title}
                    </Typography.Text>
                    <Tag color={PROPOSAL_COLOR[p.status]} style={{ marginInlineEnd: 0 }}>
                      {t(`policy.proposals.status.${p.status}`)}
                    </Tag>
                  </Flex>
                  <Typography.Text type="secondary" style={{ fontSize: 12, overflowWrap: 'anywhere' }}>
                    {p.itemId} · {p.baseVersion === null ? t('policy.proposals.newItem') : t('policy.proposals.base', { v: p.baseVersion })} · {p.proposedBy.name} · {formatDateTime(p.proposedAt)}
                  </Typography.Text>
                  {p.note ? <Typography.Text style={{ fontSize: 13 }}>{p.note}</Typography.Text> : null}
                  {p.decidedBy && p.status !== 'withdrawn' ? (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('policy.proposals.decided', { who: p.decidedBy.name, at: formatDateTime(p.decidedAt!) })}
                      {p.decisionNote ? `：${p.decisionNote}` : ''}
                    </Typography.Text>
                  ) : null}
                </Flex>
              </List.Item>
            )}
          />
        )}
      </Flex>
      {open !== null ? (
        <ProposalModal
          id={open}
          onClose={() => setOpen(null)}
          onDone={(itemId, approved) => {
            list.reload();
            if (approved) onDecided(itemId);
          }}
        />
      ) : null}
    </Card>
  );
}

function ProposalModal({ id, onClose, onDone }: { id: number; onClose: () => void; onDone: (itemId: string, approved: boolean) => void }) {
  const { t } = useI18n();
  const me = useMe();
  const { message } = App.useApp();
  const detail = useApi<ProposalView>(`/policy/proposals/${id}`);
  const [note, setNote] = useState('');
  const [reason, setReason] = useState('');
  const [rejecting, setRejecting] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const p = detail.data;
  const mine = p?.proposedBy.id === me.id;

  async function act(kind: 'approve' | 'reject' | 'withdraw') {
    if (!p) return;
    setBusy(true);
    setFailure(null);
    try {
      if (kind === 'approve') {
        const r = await api.post<{ version: number; created: boolean }>(`/policy/proposals/${id}/approve`, note.trim() ? { note: note.trim() } : {});
        message.success(t('policy.proposals.approved', { id: p.itemId, v: r.version }));
      } else if (kind === 'reject') {
        await api.post(`/policy/proposals/${id}/reject`, { reason: reason.trim() });
        message.info(t('policy.proposals.rejected'));
      } else {
        await api.post(`/policy/proposals/${id}/withdraw`);
        message.info(t('policy.proposals.withdrawn'));
      }
      onDone(p.itemId, kind === 'approve');
      detail.reload();
      setRejecting(false);
    } catch (err) {
      setFailure(errorMessage(err, t));
    } finally {
      setBusy(false);
    }
  }

  const diff = p ? lineDiff(p.inForce ? formatDocument(p.inForce.document) : '', formatDocument(p.document)) : [];
  const changed = diff.filter((d) => d.kind !== 'same').length;
  return (
    <Modal open onCancel={onClose} footer={null} width={900} title={t('policy.proposals.detailTitle', { id })} destroyOnHidden>
      {detail.error && !p ? (
        <ErrorState error={detail.error} onRetry={detail.reload} />
      ) : !p ? (
        <Spin style={{ display: 'block', margin: '24px auto' }} />
      ) : (
        <Flex vertical gap={12} data-testid="rule-proposal-detail" data-status={p.status}>
          <Flex gap={6} wrap align="center">
            <Typography.Text strong>{p.title}</Typography.Text>
            <Typography.Text type="secondary" style={{ overflowWrap: 'anywhere' }}>
              {p.itemId}
            </Typography.Text>
            <Tag color={PROPOSAL_COLOR[p.status]} style={{ marginInlineEnd: 0 }}>
              {t(`policy.proposals.status.${p.status}`)}
            </Tag>
          </Flex>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('policy.proposals.by', { who: p.proposedBy.name, at: formatDateTime(p.proposedAt) })}
            {p.note ? ` · ${p.note}` : ''}
          </Typography.Text>
          {p.status === 'approved' && p.resultVersion !== null ? <Alert type="success" showIcon title={t('policy.proposals.becameVersion', { v: p.resultVersion, who: p.decidedBy?.name ?? '' })} /> : null}
          {p.status === 'rejected' ? <Alert type="error" showIcon title={t('policy.proposals.rejectedBy', { who: p.decidedBy?.name ?? '', reason: p.decisionNote ?? '' })} /> : null}
          {p.status === 'pending' && p.inForce && p.baseVersion !== p.inForce.version ? (
            <Alert type="warning" showIcon title={t('policy.proposals.stale', { base: p.baseVersion ?? 0, v: p.inForce.version })} />
          ) : null}
          <Typography.Text strong>
            {p.inForce ? t('policy.proposals.diffAgainst', { v: p.inForce.version, n: changed }) : t('policy.proposals.diffNew')}
          </Typography.Text>
          <div className="rule-diff mono-editor" data-testid="rule-proposal-diff">
            {diff.map((d, i) => (
              <div key={i} className={`rule-diff-${d.kind}`}>
                <span aria-hidden>{d.kind === 'added' ? '+ ' : d.kind === 'removed' ? '- ' : '  '}</span>
                {d.text}
              </div>
            ))}
          </div>
          {p.status === 'pending' ? (
            mine ? (
              <Flex vertical gap={8}>
                <Alert type="info" showIcon title={t('policy.proposals.mine')} />
                <div>
                  <Button danger onClick={() => void act('withdraw')} loading={busy} data-testid="rule-proposal-withdraw">
                    {t('policy.proposals.withdraw')}
                  </Button>
                </div>
              </Flex>
            ) : (
              <Flex vertical gap={8}>
                <Input value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} placeholder={t('policy.proposals.notePlaceholder')} aria-label={t('policy.proposals.note')} data-testid="rule-proposal-note" />
                {rejecting ? (
                  <Input.TextArea value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} autoSize={{ minRows: 2 }} placeholder={t('policy.proposals.reasonPlaceholder')} aria-label={t('policy.proposals.reason')} data-testid="rule-proposal-reason" />
                ) : null}
                <Flex gap={8} wrap>
                  <Button type="primary" onClick={() => void act('approve')} loading={busy} disabled={rejecting} data-testid="rule-proposal-approve">
                    {t('policy.proposals.approve')}
                  </Button>
                  {rejecting ? (
                    <>
                      <Button danger type="primary" onClick={() => void act('reject')} loading={busy} disabled={!reason.trim()} data-testid="rule-proposal-reject-confirm">
                        {t('policy.proposals.rejectConfirm')}
                      </Button>
                      <Button onClick={() => setRejecting(false)}>{t('common.cancel')}</Button>
                    </>
                  ) : (
                    <Button danger onClick={() => setRejecting(true)} data-testid="rule-proposal-reject">
                      {t('policy.proposals.reject')}
                    </Button>
                  )}
                </Flex>
              </Flex>
            )
          ) : null}
          {failure ? <Alert type="error" showIcon title={failure} data-testid="rule-proposal-error" /> : null}
        </Flex>
      )}
    </Modal>
  );
}
