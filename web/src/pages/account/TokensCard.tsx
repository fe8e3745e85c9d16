/** API tokens: list, create (the secret is shown once), revoke. */
import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, InputNumber, Modal, Tag, Typography, type TableProps } from 'antd';
import { useState } from 'react';
import { CreateTokenBody as CreateTokenSchema } from '../../../../src/shared/api.js';
import { CardTable } from '../../components/CardTable.js';
import { ConfirmDelete } from '../../components/ConfirmDelete.js';
import { FormModal } from '../../components/FormModal.js';
import { api } from '../../lib/api.js';
import { formatDateTime } from '../../lib/dates.js';
import { useI18n } from '../../lib/i18n.js';
import type { ApiToken, CreatedToken, CreateTokenBody, Items } from '../../lib/types.js';
import { useApi } from '../../lib/useApi.js';
import { useModalForm } from '../../lib/useModalForm.js';

function tokenState(tok: ApiToken, now: number): 'revoked' | 'expired' | 'active' {
  if (tok.revokedAt) return 'revoked';
  if (tok.expiresAt && Date.parse(tok.expiresAt) <= now) return 'expired';
  return 'active';
}
const STATE_COLOR = { active: 'green', expired: 'default', revoked: 'red' } as const;

interface TokenValues {
  name: string;
  expiresInDays?: number | null;
}

function CreateTokenModal({ onClose, onCreated }: { onClose: () => void; onCreated: (t: CreatedToken) => void }) {
  const { t } = useI18n();
  const modal = useModalForm<TokenValues, CreateTokenBody>({
    fields: ['name', 'expiresInDays'],
    toBody: (v) => ({ name: v.name.trim(), expiresInDays: v.expiresInDays ?? undefined }),
    schema: CreateTokenSchema,
    send: async (body) => onCreated(await api.post<CreatedToken>('/auth/tokens', body)),
    onClose,
  });

  return (
    <FormModal<TokenValues> modal={modal} title={t('tokens.create')} okText={t('tokens.createOk')} initialValues={{ expiresInDays: 90 }}>
      <Form.Item name="name" label={t('tokens.name')} extra={t('tokens.nameHint')} rules={[{ required: true, whitespace: true, message: t('tokens.nameRequired') }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="expiresInDays" label={t('tokens.expiresInDays')} extra={t('tokens.expiresHint')}>
        <InputNumber min={1} max={3650} precision={0} style={{ width: 160 }} />
      </Form.Item>
    </FormModal>
  );
}

function SecretOnce({ created, onClose }: { created: CreatedToken; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Modal
      open
      title={t('tokens.createdTitle', { name: created.token.name })}
      onCancel={onClose}
      footer={<Button type="primary" onClick={onClose}>{t('tokens.secretSaved')}</Button>}
      mask={{ closable: false }}
    >
      <Alert type="warning" showIcon title={t('tokens.secretOnce')} style={{ marginBottom: 16 }} />
      <Typography.Paragraph copyable={{ text: created.secret }} code style={{ wordBreak: 'break-all', fontSize: 14 }} data-testid="token-secret">
        {created.secret}
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary">{t('tokens.usage')}</Typography.Paragraph>
    </Modal>
  );
}

export function TokensCard() {
  const { t } = useI18n();
  const tokens = useApi<Items<ApiToken>>('/auth/tokens');
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const now = Date.now();

  const columns: TableProps<ApiToken>['columns'] = [
    { title: t('tokens.name'), dataIndex: 'name', key: 'name' },
    { title: t('tokens.prefix'), dataIndex: 'prefix', key: 'prefix', render: (v: string) => <Typography.Text code>{v}…</Typography.Text> },
    { title: t('common.createdAt'), dataIndex: 'createdAt', key: 'createdAt', render: (v: string) => formatDateTime(v) },
    { title: t('tokens.expiresAt'), dataIndex: 'expiresAt', key: 'expiresAt', render: (v: string | null) => (v ? formatDateTime(v) : t('tokens.never')) },
    { title: t('tokens.lastUsed'), dataIndex: 'lastUsedAt', key: 'lastUsedAt', render: (v: string | null) => (v ? formatDateTime(v) : t('tokens.unused')) },
    {
      title: t('tokens.state'),
      key: 'state',
      render: (_: unknown, tok) => {
        const s = tokenState(tok, now);
        return <Tag color={STATE_COLOR[s]}>{t(`tokens.state.${s}`)}</Tag>;
      },
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_: unknown, tok) =>
        tok.revokedAt ? null : (
          <ConfirmDelete
            path={`/auth/tokens/${tok.id}`}
            title={t('tokens.revokeConfirm', { name: tok.name })}
            description={t('tokens.revokeHint')}
            label={t('tokens.revoke')}
            done={t('tokens.revoked', { name: tok.name })}
            onDone={tokens.reload}
          />
        ),
    },
  ];

  return (
    <Card
      title={t('tokens.title')}
      size="small"
      extra={
        <Button size="small" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="token-create">
          {t('tokens.create')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('tokens.intro')}</Typography.Paragraph>
      <CardTable<ApiToken> state={tokens} rowKey="id" columns={columns} empty={t('tokens.empty')} scroll={{ x: 800 }} />
      {creating ? (
        <CreateTokenModal
          onClose={() => setCreating(false)}
          onCreated={(c) => {
            setCreating(false);
            setCreated(c);
            tokens.reload();
          }}
        />
      ) : null}
      {created ? <SecretOnce created={created} onClose={() => setCreated(null)} /> : null}
    </Card>
  );
}
