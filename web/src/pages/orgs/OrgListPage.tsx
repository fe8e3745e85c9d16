/** 组织机构 list: server-side paging, search and filters, all in the URL. */
import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Empty, Table, Tag, Typography, type TableProps } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { ORG_KIND_LABELS, ORG_KINDS, SIZE_BAND_LABELS, SIZE_BANDS } from '../../../../src/shared/enums.js';
import { PageHeader } from '../../components/PageHeader.js';
import { errorMessage } from '../../lib/errors.js';
import { useI18n } from '../../lib/i18n.js';
import { useReference } from '../../lib/reference.js';
import { useMe } from '../../lib/session.js';
import type { OrgSummary, Paged } from '../../lib/types.js';
import { useApi } from '../../lib/useApi.js';
import { oneOf, useQueryParams } from '../../lib/useQueryParams.js';
import { OrgCreateModal } from './OrgCreateModal.js';
import { ORG_FILTER_KEYS, OrgFilters, hasOrgFilters } from './OrgFilters.js';

const SORTS = ['name', '-name', 'id', '-id', 'foundedOn', '-foundedOn'] as const;
type Sort = (typeof SORTS)[number];

function sortOrder(sort: Sort, column: 'name' | 'foundedOn'): 'ascend' | 'descend' | null {
  if (sort === column) return 'ascend';
  if (sort === `-${column}`) return 'descend';
  return null;
}

export default function OrgListPage() {
  const { t, pick } = useI18n();
  const me = useMe();
  const navigate = useNavigate();
  const qp = useQueryParams();
  const [creating, setCreating] = useState(false);
  const qualificationTypes = useReference('qualification-types');

  const page = qp.int('page', 1);
  const pageSize = qp.int('pageSize', 20);
  const sort: Sort = oneOf(SORTS, qp.get('sort')) ?? 'id';
  const query = {
    page,
    pageSize,
    sort,
    q: qp.get('q'),
    kind: oneOf(ORG_KINDS, qp.get('kind')),
    district: qp.get('district'),
    industry: qp.get('industry'),
    sizeBand: oneOf(SIZE_BANDS, qp.get('sizeBand')),
    qualification: qp.get('qualification'),
  };
  const { data, error, loading, reload } = useApi<Paged<OrgSummary>>('/orgs', query);
  const filtered = hasOrgFilters(qp);

  const qualificationName = (code: string) => {
    const q = qualificationTypes.items.find((x) => x.code === code);
    return q ? pick({ zh: q.name, en: q.nameEn }) : code;
  };

  const columns: TableProps<OrgSummary>['columns'] = [
    {
      title: t('orgs.name'),
      dataIndex: 'name',
      key: 'name',
      sorter: true,
      sortOrder: sortOrder(sort, 'name'),
      render: (_: unknown, org) => <Link to={`/orgs/${org.id}`}>{org.name}</Link>,
    },
    { title: t('orgs.kind'), dataIndex: 'kind', key: 'kind', width: 110, render: (_: unknown, org) => pick(ORG_KIND_LABELS[org.kind]) },
    {
      title: t('orgs.uscc'),
      dataIndex: 'uscc',
      key: 'uscc',
      width: 230,
      render: (_: unknown, org) =>
        org.uscc ? (
          <Typography.Text code copyable style={{ whiteSpace: 'nowrap' }}>
            {org.uscc}
          </Typography.Text>
        ) : (
          '—'
        ),
    },
    { title: t('orgs.district'), dataIndex: 'districtName', key: 'district', width: 130, render: (_: unknown, org) => org.districtName ?? '—' },
    {
      title: t('orgs.industry'),
      dataIndex: 'industryName',
      key: 'industry',
      render: (_: unknown, org) => (org.industryCode ? `${org.industryCode} ${org.industryName ?? ''}` : '—'),
    },
    {
      title: t('orgs.sizeBand'),
      dataIndex: 'sizeBand',
      key: 'sizeBand',
      width: 80,
      render: (_: unknown, org) => (org.sizeBand ? pick(SIZE_BAND_LABELS[org.sizeBand]) : '—'),
    },
    {
      title: t('orgs.qualifications'),
      dataIndex: 'qualifications',
      key: 'qualifications',
      render: (_: unknown, org) =>
        org.qualifications.length === 0 ? '—' : org.qualifications.map((code) => (
          <Tag key={code} color="green" style={{ marginBottom: 4 }}>
            {qualificationName(code)}
          </Tag>
        )),
    },
  ];

  const onChange: TableProps<OrgSummary>['onChange'] = (pagination, _filters, sorter, extra) => {
    if (extra.action === 'sort') {
      const s = Array.isArray(sorter) ? sorter[0] : sorter;
      const field = s?.columnKey === 'name' ? 'name' : s?.columnKey === 'foundedOn' ? 'foundedOn' : null;
      const next = field && s?.order ? (s.order === 'descend' ? `-${field}` : field) : undefined;
      qp.update({ sort: next });
      return;
    }
    qp.update({ page: pagination.current ?? 1, pageSize: pagination.pageSize ?? 20 });
  };

  const empty = (
    <Empty
      description={filtered ? t('orgs.emptyFiltered') : t('orgs.emptyAll')}
      data-testid="org-empty"
    >
      {filtered ? <Button onClick={() => qp.clear(ORG_FILTER_KEYS)}>{t('orgs.clearFilters')}</Button> : null}
    </Empty>
  );

  return (
    <>
      <PageHeader
        title={t('orgs.title')}
        subtitle={data ? t('orgs.total', { n: data.total }) : undefined}
        extra={
          me.role === 'admin' ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="org-create">
              {t('orgs.create')}
            </Button>
          ) : null
        }
      />
      <OrgFilters qp={qp} />
      {error ? (
        <Alert
          type="error"
          showIcon
          title={t('error.loadFailed')}
          description={errorMessage(error, t)}
          action={<Button size="small" onClick={reload}>{t('common.retry')}</Button>}
          style={{ marginBottom: 16 }}
          data-testid="org-error"
        />
      ) : null}
      <div data-testid="org-table">
        <Table<OrgSummary>
          rowKey="id"
          columns={columns}
          dataSource={error ? [] : (data?.items ?? [])}
          loading={loading}
          onChange={onChange}
          locale={{ emptyText: loading ? ' ' : error ? t('error.loadFailed') : empty }}
          pagination={{
            current: page,
            pageSize,
            total: data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [10, 20, 50, 100],
            showTotal: (total) => t('common.totalItems', { n: total }),
          }}
          scroll={{ x: 1100 }}
        />
      </div>
      {creating ? (
        <OrgCreateModal
          onClose={() => setCreating(false)}
          onCreated={(id) => {
            setCreating(false);
            void navigate(`/orgs/${id}`);
          }}
        />
      ) : null}
    </>
  );
}
