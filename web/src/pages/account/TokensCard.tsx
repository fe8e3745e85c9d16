/** API tokens: list, create (the secret is shown once), revoke. */
import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Form, Input, InputNumber, Modal, Popconfirm, Table, Tag, Typography, type TableProps } from 'antd';
import { useState } from 'react';
import { CreateTokenBody as CreateTokenSchema } from '../../../../src/shared/api.js';
import { ErrorState } from '../../components/ErrorState.js';
import { api } from '../../lib/api.js';
import { formatDateTime } from '../../lib/dates.js';
import { errorMessage } from '../../lib/errors.js';
import { applyApiError, applyFieldErrors, zodFieldErrors } from '../../lib/forms.js';
import { useI18n } from '../../lib/i18n.js';
import type { ApiToken, CreatedToken, CreateTokenBody, Items } from '../../lib/types.js';
import { useApi } from '../../lib/useApi.js';

function tokenState(tok: ApiToken, now: number): 'revoked' | 'expired' | 'active' {
  if (tok.revokedAt) return 'revoked';
  if (tok.expiresAt && Date.parse(tok.expiresAt) <= now) return 'expired';
  return 'active';
}
const STATE_COLOR = { active: 'green', expired: 'default', revoked: 'red' } as const;

function CreateTokenModal({ onClose, onCreated }: { onClose: () => void; onCreated: (t: CreatedToken) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ name: string; expiresInDays?: number | null }>();
  const [busy, setBusy] = useState(false);

  const submit = async (v: { name: string; expiresInDays?: number | null }) => {
    const body: CreateTokenBody = { name: v.name.trim(), expiresInDays: v.expiresInDays ?? undefined };
    const checked = CreateTokenSchema.safeParse(body);
    if (!checked.success) {
      applyFieldErrors(form, zodFieldErrors(checked.error.issues), ['name', 'expiresInDays']);
      return;
    }
    setBusy(true);
    try {
      onCreated(await api.post<CreatedToken>('/auth/tokens', body));
    } catch (err) {
      if (!applyApiError(form, err, ['name', 'expiresInDays'])) message.error(errorMessage(err, t));
      setBusy(false);
    }
  };

  return (
    <Modal open title={t('tokens.create')} okText={t('tokens.createOk')} cancelText={t('common.cancel')} confirmLoading={busy} onOk={() => form.submit()} onCancel={onClose} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ expiresInDays: 90 }}>
        <Form.Item name="name" label={t('tokens.name')} extra={t('tokens.nameHint')} rules={[{ required: true, whitespace: true, message: t('tokens.nameRequired') }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="expiresInDays" label={t('tokens.expiresInDays')} extra={t('tokens.expiresHint')}>
          <InputNumber min={1} max={3650} precision={0} style={{ width: 160 }} />
        </Form.Item>
      </Form>
    </Modal>
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
  const { message } = App.useApp();
  const { data, error, loading, reload } = useApi<Items<ApiToken>>('/auth/tokens');
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const now = Date.now();

  const revoke = async (tok: ApiToken) => {
    try {
      await api.del(`/auth/tokens/${tok.id}`);
      message.success(t('tokens.revoked', { name: tok.name }));
      reload();
    } catch (err) {
      message.error(errorMessage(err, t));
    }
  };

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
          <Popconfirm
            title={t('tokens.revokeConfirm', { name: tok.name })}
            description={t('tokens.revokeHint')}
            okText={t('tokens.revoke')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={() => revoke(tok)}
          >
            <Button size="small" type="link" danger>
              {t('tokens.revoke')}
            </Button>
          </Popconfirm>
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
      {error ? (
        <ErrorState error={error} onRetry={reload} />
      ) : (
        <Table<ApiToken>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={data?.items ?? []}
          loading={loading}
          pagination={false}
          locale={{ emptyText: loading ? ' ' : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('tokens.empty')} /> }}
          scroll={{ x: 800 }}
        />
      )}
      {creating ? (
        <CreateTokenModal
          onClose={() => setCreating(false)}
          onCreated={(c) => {
            setCreating(false);
            setCreated(c);
            reload();
          }}
        />
      ) : null}
      {created ? <SecretOnce created={created} onClose={() => setCreated(null)} /> : null}
    </Card>
  );
}
