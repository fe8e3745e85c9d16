/** 组织机构 list: server-side paging, search and filters, all in the URL. */
import { PlusOutlined } from '@ant-design/icons';
import { Button, Tag, Typography, type TableProps } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { ORG_KIND_LABELS, ORG_KINDS, SIZE_BAND_LABELS, SIZE_BANDS } from '../../../../src/shared/enums.js';
import { PageHeader } from '../../components/PageHeader.js';
import { FilteredEmpty, LoadErrorAlert, PagedTable } from '../../components/PagedTable.js';
import { useI18n } from '../../lib/i18n.js';
import { useReference } from '../../lib/reference.js';
import { useMe } from '../../lib/session.js';
import type { OrgSummary } from '../../lib/types.js';
import { usePagedList } from '../../lib/usePagedList.js';
import { oneOf, useQueryParams } from '../../lib/useQueryParams.js';
import { OrgCreateModal } from './OrgCreateModal.js';
import { ORG_FILTER_KEYS, OrgFilters } from './OrgFilters.js';

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

  const sort: Sort = oneOf(SORTS, qp.get('sort')) ?? 'id';
  const filters = {
    sort,
    q: qp.get('q'),
    kind: oneOf(ORG_KINDS, qp.get('kind')),
    district: qp.get('district'),
    industry: qp.get('industry'),
    sizeBand: oneOf(SIZE_BANDS, qp.get('sizeBand')),
    qualification: qp.get('qualification'),
  };
  const list = usePagedList<OrgSummary>(qp, '/orgs', filters, 20);

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

  /** Sorting (paging is PagedTable's). */
  const onChange: TableProps<OrgSummary>['onChange'] = (_pagination, _filters, sorter, extra) => {
    if (extra.action !== 'sort') return;
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const field = s?.columnKey === 'name' ? 'name' : s?.columnKey === 'foundedOn' ? 'foundedOn' : null;
    const next = field && s?.order ? (s.order === 'descend' ? `-${field}` : field) : undefined;
    qp.update({ sort: next });
  };

  return (
    <>
      <PageHeader
        title={t('orgs.title')}
        subtitle={list.data ? t('orgs.total', { n: list.data.total }) : undefined}
        extra={
          me.role === 'admin' ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="org-create">
              {t('orgs.create')}
            </Button>
          ) : null
        }
      />
      <OrgFilters qp={qp} />
      <LoadErrorAlert error={list.error} onRetry={list.reload} testId="org-error" />
      <div data-testid="org-table">
        <PagedTable<OrgSummary>
          list={list}
          rowKey="id"
          columns={columns}
          onChange={onChange}
          empty={
            list.error ? (
              t('error.loadFailed')
            ) : (
              <FilteredEmpty qp={qp} filterKeys={ORG_FILTER_KEYS} all={t('orgs.emptyAll')} filtered={t('orgs.emptyFiltered')} testId="org-empty" />
            )
          }
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
