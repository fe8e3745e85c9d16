/**
 * 专家库 (/market/experts; GET /api/market/experts?field&page&pageSize: officials, administrators,
 * technology managers and commissioners): the profiles with their affiliation, title, fields and
 * expertise, a field filter and paging in the URL; officials and administrators add (新增专家) and
 * edit profiles. 我的专家档案 (/market/experts/me; GET /api/market/experts/me, the expert role):
 * the expert's own profile, which they edit; without one, whom to ask.
 */
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Flex, Result, Tag, TreeSelect, Typography, type TableProps } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { Link } from 'react-router-dom';
import { ErrorState } from '../../components/ErrorState.js';
import { PageHeader } from '../../components/PageHeader.js';
import { PageLoading } from '../../components/PageLoading.js';
import { FilteredEmpty, LoadErrorAlert, PagedTable } from '../../components/PagedTable.js';
import type { Me } from '../../lib/types.js';
import { useMe } from '../../lib/session.js';
import { useApi } from '../../lib/useApi.js';
import { usePagedList } from '../../lib/usePagedList.js';
import { useQueryParams } from '../../lib/useQueryParams.js';
import { ExpertFormModal } from './ExpertFormModal.js';
import { useTechFields } from './fields.js';
import { FieldTags } from './parts.js';
import type { Expert } from './types.js';
import { useMarketI18n } from './words.js';

const FILTER_KEYS = ['field'] as const;

/** Adding and editing profiles (POST, PUT /api/market/experts): officials and administrators. */
export function canKeepExperts(me: Pick<Me, 'role'>): boolean {
  return me.role === 'official' || me.role === 'admin';
}

/** One technology field (a top field covers its subfields). */
function FieldFilter({ value, onChange }: { value?: string; onChange: (code: string | undefined) => void }) {
  const { t } = useMarketI18n();
  const fields = useTechFields();
  return (
    <TreeSelect
      allowClear
      showSearch={{ treeNodeFilterProp: 'title' }}
      placeholder={t('market.x.e.fieldFilter')}
      value={value}
      onChange={(v: string | undefined) => onChange(v)}
      treeData={fields.treeData}
      loading={fields.loading}
      style={{ width: 260 }}
      popupMatchSelectWidth={320}
      data-testid="expert-filter-field"
      aria-label={t('market.x.e.fieldFilter')}
    />
  );
}

function Affiliation({ e }: { e: Pick<Expert, 'orgId' | 'orgName'> }) {
  const { t } = useMarketI18n();
  if (e.orgId === null) return <Typography.Text type="secondary">{t('market.x.e.noOrg')}</Typography.Text>;
  return <Link to={`/orgs/${e.orgId}`}>{e.orgName ?? `#${e.orgId}`}</Link>;
}

function ActiveTag({ active }: { active: boolean }) {
  const { t } = useMarketI18n();
  return active ? <Tag color="green">{t('market.x.e.activeOn')}</Tag> : <Tag>{t('market.x.e.activeOff')}</Tag>;
}

const rowAttrs = (e: Expert) => ({ 'data-testid': `expert-row-${e.id}` }) as HTMLAttributes<HTMLElement>;

export function ExpertLibrary() {
  const { t } = useMarketI18n();
  const me = useMe();
  const qp = useQueryParams();
  const field = qp.get('field');
  const list = usePagedList<Expert>(qp, '/market/experts', { field }, 20);
  const office = canKeepExperts(me);
  /** The profile in the form: 'new', one being edited, or none. */
  const [editing, setEditing] = useState<Expert | 'new' | null>(null);

  const columns: TableProps<Expert>['columns'] = [
    {
      key: 'name',
      title: t('market.x.e.name'),
      width: 150,
      render: (_, e) => (
        <Flex vertical>
          <Typography.Text strong data-testid="expert-row-name">
            {e.name}
          </Typography.Text>
          {e.title ? <Typography.Text type="secondary">{e.title}</Typography.Text> : null}
        </Flex>
      ),
    },
    { key: 'org', title: t('market.x.e.org'), width: 200, render: (_, e) => <Affiliation e={e} /> },
    { key: 'fields', title: t('market.x.e.fields'), width: 240, render: (_, e) => <FieldTags codes={e.fields} /> },
    {
      key: 'expertise',
      title: t('market.x.e.expertise'),
      render: (_, e) => (
        <Typography.Paragraph style={{ marginBottom: 0, whiteSpace: 'pre-wrap' }} ellipsis={{ rows: 2, expandable: true, symbol: t('common.more') }}>
          {e.expertise}
        </Typography.Paragraph>
      ),
    },
    { key: 'active', title: t('market.x.e.active'), width: 80, render: (_, e) => <ActiveTag active={e.active} /> },
    ...(office
      ? [
          {
            key: 'account',
            title: t('market.x.e.account'),
            width: 100,
            render: (_: unknown, e: Expert) => (e.userId === null ? <Typography.Text type="secondary">{t('market.x.e.noAccount')}</Typography.Text> : t('market.x.e.accountId', { id: e.userId })),
          },
          {
            key: 'actions',
            title: t('common.actions'),
            width: 90,
            render: (_: unknown, e: Expert) => (
              <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(e)} data-testid="expert-edit">
                {t('common.edit')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader
        title={t('market.x.e.title')}
        subtitle={t('market.x.e.subtitle')}
        extra={
          office ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="expert-create">
              {t('market.x.e.create')}
            </Button>
          ) : null
        }
      />
      <Flex gap={8} wrap align="center" style={{ marginBottom: 16 }}>
        <FieldFilter value={field} onChange={(v) => qp.update({ field: v })} />
        {field ? <Button onClick={() => qp.clear(FILTER_KEYS)}>{t('orgs.clearFilters')}</Button> : null}
      </Flex>
      <LoadErrorAlert error={list.error} onRetry={list.reload} testId="expert-error" />
      <div data-testid="expert-table" data-total={list.data?.total ?? ''}>
        <PagedTable<Expert>
          list={list}
          rowKey="id"
          columns={columns}
          onRow={rowAttrs}
          empty={list.error ? t('error.loadFailed') : <FilteredEmpty qp={qp} filterKeys={FILTER_KEYS} all={t('market.x.e.empty')} filtered={t('market.x.e.emptyFiltered')} testId="expert-empty" />}
          scroll={{ x: 1000 }}
        />
      </div>
      {editing ? (
        <ExpertFormModal
          editing={editing === 'new' ? undefined : editing}
          office={office}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            list.reload();
          }}
        />
      ) : null}
    </>
  );
}

export function MyExpertProfile() {
  const { t } = useMarketI18n();
  const state = useApi<{ profile: Expert | null }>('/market/experts/me');
  const [editing, setEditing] = useState(false);

  if (state.error) return <ErrorState error={state.error} onRetry={state.reload} />;
  if (!state.data) return <PageLoading />;
  const p = state.data.profile;

  return (
    <>
      <PageHeader
        title={t('market.x.e.mineTitle')}
        subtitle={t('market.x.e.mineSubtitle')}
        extra={
          p ? (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="expert-edit-mine">
              {t('market.x.e.editMine')}
            </Button>
          ) : null
        }
      />
      {p ? (
        <Card size="small" data-testid="expert-profile" data-id={p.id}>
          <Descriptions
            column={1}
            size="small"
            styles={{ label: { width: 120 } }}
            items={[
              { key: 'name', label: t('market.x.e.name'), children: <span data-testid="expert-profile-name">{p.name}</span> },
              { key: 'title', label: t('market.x.e.titleLabel'), children: p.title || '—' },
              {
                key: 'org',
                label: t('market.x.e.org'),
                children: (
                  <>
                    <Affiliation e={p} />
                    <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }} data-testid="expert-org-office">
                      {t('market.x.e.orgOffice')}
                    </Typography.Paragraph>
                  </>
                ),
              },
              { key: 'avoid', label: t('market.x.e.avoid'), children: p.avoidOrgs?.length ? p.avoidOrgs.map((o) => o.name).join('、') : '—' },
              { key: 'fields', label: t('market.x.e.fields'), children: <FieldTags codes={p.fields} /> },
              {
                key: 'expertise',
                label: t('market.x.e.expertise'),
                children: (
                  <Typography.Paragraph style={{ marginBottom: 0, whiteSpace: 'pre-wrap' }} data-testid="expert-profile-expertise">
                    {p.expertise}
                  </Typography.Paragraph>
                ),
              },
              { key: 'active', label: t('market.x.e.active'), children: <ActiveTag active={p.active} /> },
            ]}
          />
        </Card>
      ) : (
        <Result status="info" title={t('market.x.e.none')} data-testid="expert-none" />
      )}
      {editing && p ? (
        <ExpertFormModal
          editing={p}
          office={false}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            state.reload();
          }}
        />
      ) : null}
    </>
  );
}
