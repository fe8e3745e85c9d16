/**
 * 授权 (measure 17). Enterprise users: their consents (GET /api/index/consents: institution,
 * granted, withdrawn, standing), 授权 to a financial institution (picked from GET
 * /api/orgs?kind=financial; POST /api/index/consents) and 撤回 with a confirmation (DELETE
 * /api/index/consents/:id, at once). Financial institutions: the standing consents granted to
 * them, each opening the bank view. Administrators: every consent, read only.
 */
import { KeyOutlined, StopOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Popconfirm, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { Link } from 'react-router-dom';
import { ErrorState } from '../../components/ErrorState.js';
import { api, isApiError } from '../../lib/api.js';
import { formatDateTime } from '../../lib/dates.js';
import { errorMessage } from '../../lib/errors.js';
import { useI18n } from '../../lib/i18n.js';
import { useMe } from '../../lib/session.js';
import type { OrgSummary, Paged } from '../../lib/types.js';
import { useApi } from '../../lib/useApi.js';
import { bankPath, enterprisePath } from './paths.js';
import type { Consent } from './types.js';

const rowAttrs = (c: Consent) => ({ 'data-testid': `index-consent-${c.id}`, 'data-standing': String(c.standing), 'data-institution': c.institutionId, 'data-enterprise': c.enterpriseId }) as HTMLAttributes<HTMLElement>;

function StandingTag({ c }: { c: Consent }) {
  const { t } = useI18n();
  return c.standing ? <Tag color="green">{t('index.consent.standing')}</Tag> : <Tag>{t('index.consent.withdrawn')}</Tag>;
}

function GrantForm({ consents, onGranted }: { consents: Consent[]; onGranted: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const banks = useApi<Paged<OrgSummary>>('/orgs', { kind: 'financial', pageSize: 200, sort: 'name' });
  const [institution, setInstitution] = useState<number | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const standing = new Set(consents.filter((c) => c.standing).map((c) => c.institutionId));

  async function grant() {
    if (institution === undefined) {
      setError(t('index.consent.pickFirst'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api.post<{ id: number }>('/index/consents', { institutionId: institution });
      const name = banks.data?.items.find((b) => b.id === institution)?.name ?? '';
      message.success(t('index.consent.granted', { name }));
      setInstitution(undefined);
      onGranted();
    } catch (err) {
      // 409 (already granted) and 400 (not a financial institution) name the field: shown under the picker.
      setError(isApiError(err) && err.field === 'institutionId' ? err.message : errorMessage(err, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card size="small" title={t('index.consent.grantTitle')} style={{ marginBottom: 16 }}>
      <Flex vertical gap={12}>
        <Alert type="info" showIcon title={t('index.consent.whatBanksSee')} description={t('index.consent.whatBanksSeeMore')} />
        <Flex gap={8} wrap align="flex-start">
          <Flex vertical gap={4} style={{ flex: '1 1 360px', maxWidth: 520 }}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              allowClear
              placeholder={t('index.consent.pick')}
              value={institution}
              loading={banks.loading}
              status={error ? 'error' : undefined}
              onChange={(v: number | undefined) => {
                setInstitution(v);
                setError(null);
              }}
              options={(banks.data?.items ?? []).map((b) => ({ value: b.id, label: b.name, disabled: standing.has(b.id) }))}
              data-testid="index-consent-institution"
              aria-label={t('index.consent.pick')}
            />
            {error ? (
              <Typography.Text type="danger" data-testid="index-consent-error">
                {error}
              </Typography.Text>
            ) : null}
            {banks.error ? <Typography.Text type="danger">{errorMessage(banks.error, t)}</Typography.Text> : null}
          </Flex>
          <Button type="primary" icon={<KeyOutlined />} loading={busy} onClick={() => void grant()} data-testid="index-consent-grant">
            {t('index.consent.grant')}
          </Button>
        </Flex>
      </Flex>
    </Card>
  );
}

function EnterpriseConsents() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const me = useMe();
  const state = useApi<{ consents: Consent[] }>('/index/consents');
  const consents = state.data?.consents ?? [];

  async function withdraw(c: Consent) {
    try {
      await api.del(`/index/consents/${c.id}`);
      message.success(t('index.consent.withdrawnDone', { name: c.institution }));
    } catch (err) {
      message.error(errorMessage(err, t));
    }
    state.reload();
  }

  const columns: TableColumnsType<Consent> = [
    { key: 'institution', title: t('index.consent.institution'), dataIndex: 'institution' },
    { key: 'granted', title: t('index.consent.grantedAt'), width: 180, render: (_, c) => formatDateTime(c.grantedAt) },
    { key: 'withdrawn', title: t('index.consent.withdrawnAt'), width: 180, render: (_, c) => formatDateTime(c.withdrawnAt) },
    { key: 'standing', title: t('index.consent.status'), width: 100, render: (_, c) => <StandingTag c={c} /> },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 110,
      render: (_, c) =>
        c.standing ? (
          <Popconfirm
            title={t('index.consent.withdrawTitle', { name: c.institution })}
            description={t('index.consent.withdrawBody')}
            okText={t('index.consent.withdraw')}
            okButtonProps={{ danger: true, 'data-testid': 'index-consent-withdraw-ok' }}
            cancelText={t('common.cancel')}
            onConfirm={() => withdraw(c)}
          >
            <Button size="small" type="link" danger icon={<StopOutlined />} data-testid="index-consent-withdraw" data-consent={c.id}>
              {t('index.consent.withdraw')}
            </Button>
          </Popconfirm>
        ) : null,
    },
  ];

  return (
    <>
      <GrantForm consents={consents} onGranted={state.reload} />
      <Card
        size="small"
        title={t('index.consent.mine')}
        extra={me.orgId !== null ? <Link to={enterprisePath(me.orgId)}>{t('index.consent.toMine')}</Link> : null}
      >
        {state.error ? (
          <ErrorState error={state.error} onRetry={state.reload} />
        ) : (
          <Table<Consent>
            size="small"
            rowKey="id"
            loading={state.loading}
            pagination={false}
            columns={columns}
            dataSource={consents}
            onRow={rowAttrs}
            locale={{ emptyText: t('index.consent.none') }}
            data-testid="index-consents"
          />
        )}
      </Card>
    </>
  );
}

function FinanceConsents() {
  const { t } = useI18n();
  const state = useApi<{ consents: Consent[] }>('/index/consents');
  const columns: TableColumnsType<Consent> = [
    {
      key: 'enterprise',
      title: t('index.consent.enterprise'),
      render: (_, c) => (
        <Link to={bankPath(c.enterpriseId)} data-testid={`index-bank-link-${c.enterpriseId}`}>
          {c.enterprise}
        </Link>
      ),
    },
    { key: 'granted', title: t('index.consent.grantedAt'), width: 180, render: (_, c) => formatDateTime(c.grantedAt) },
    { key: 'standing', title: t('index.consent.status'), width: 100, render: (_, c) => <StandingTag c={c} /> },
    {
      key: 'open',
      title: t('common.actions'),
      width: 140,
      render: (_, c) => <Link to={bankPath(c.enterpriseId)}>{t('index.consent.openBank')}</Link>,
    },
  ];
  return (
    <Card size="small" title={t('index.consent.toUs')}>
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('index.consent.financeNote')} />
      {state.error ? (
        <ErrorState error={state.error} onRetry={state.reload} />
      ) : (
        <Table<Consent>
          size="small"
          rowKey="id"
          loading={state.loading}
          pagination={false}
          columns={columns}
          dataSource={state.data?.consents ?? []}
          onRow={rowAttrs}
          locale={{ emptyText: t('index.consent.noneToUs') }}
          data-testid="index-consents"
        />
      )}
    </Card>
  );
}

function AllConsents() {
  const { t } = useI18n();
  const state = useApi<{ consents: Consent[] }>('/index/consents');
  const columns: TableColumnsType<Consent> = [
    { key: 'enterprise', title: t('index.consent.enterprise'), render: (_, c) => <Link to={enterprisePath(c.enterpriseId)}>{c.enterprise}</Link> },
    { key: 'institution', title: t('index.consent.institution'), dataIndex: 'institution' },
    { key: 'granted', title: t('index.consent.grantedAt'), width: 180, render: (_, c) => formatDateTime(c.grantedAt) },
    { key: 'withdrawn', title: t('index.consent.withdrawnAt'), width: 180, render: (_, c) => formatDateTime(c.withdrawnAt) },
    { key: 'standing', title: t('index.consent.status'), width: 100, render: (_, c) => <StandingTag c={c} /> },
  ];
  return (
    <Card size="small" title={t('index.consent.all')}>
      {state.error ? (
        <ErrorState error={state.error} onRetry={state.reload} />
      ) : (
        <Table<Consent>
          size="small"
          rowKey="id"
          loading={state.loading}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          columns={columns}
          dataSource={state.data?.consents ?? []}
          onRow={rowAttrs}
          locale={{ emptyText: t('index.consent.none') }}
          data-testid="index-consents"
        />
      )}
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        {t('index.consent.allNote')}
      </Typography.Paragraph>
    </Card>
  );
}

export function Consents() {
  const me = useMe();
  if (me.role === 'enterprise') return <EnterpriseConsents />;
  if (me.role === 'finance') return <FinanceConsents />;
  return <AllConsents />;
}
