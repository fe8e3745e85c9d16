/** 审计日志 (admin): the hash-chained log, filtered and paged on the server, and a chain check. */
import { Alert, Button, Empty, Table, Tag, Tooltip, Typography, type TableProps } from 'antd';
import { useState } from 'react';
import { AUDIT_RESULTS, type AuditResult } from '../../../../../src/shared/enums.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { formatDateTime } from '../../../lib/dates.js';
import { errorMessage } from '../../../lib/errors.js';
import { useI18n } from '../../../lib/i18n.js';
import type { AuditRecord, Paged } from '../../../lib/types.js';
import { useApi } from '../../../lib/useApi.js';
import { oneOf, useQueryParams } from '../../../lib/useQueryParams.js';
import { AUDIT_FILTER_KEYS, AuditFilters } from './AuditFilters.js';
import { VerifyButton, VerifyResult, type VerifyState } from './VerifyChain.js';

const RESULT_COLOR: Record<AuditResult, string> = { ok: 'green', denied: 'orange', error: 'red' };

export default function AuditPage() {
  const { t } = useI18n();
  const qp = useQueryParams();
  const [verify, setVerify] = useState<VerifyState>({ kind: 'idle' });
  const page = qp.int('page', 1);
  const pageSize = qp.int('pageSize', 50);
  const query = {
    page,
    pageSize,
    action: qp.get('action'),
    actor: qp.get('actor'),
    objectType: qp.get('objectType'),
    objectId: qp.get('objectId'),
    result: oneOf(AUDIT_RESULTS, qp.get('result')),
    from: qp.get('from'),
    to: qp.get('to'),
  };
  const { data, error, loading, reload } = useApi<Paged<AuditRecord>>('/audit', query);
  const filtered = AUDIT_FILTER_KEYS.some((k) => qp.get(k) !== undefined);

  const columns: TableProps<AuditRecord>['columns'] = [
    { title: t('audit.seq'), dataIndex: 'seq', key: 'seq', width: 80, align: 'right' },
    { title: t('audit.at'), dataIndex: 'at', key: 'at', width: 170, render: (v: string) => formatDateTime(v) },
    { title: t('audit.actor'), dataIndex: 'actorLabel', key: 'actor', width: 140 },
    { title: t('audit.action'), dataIndex: 'action', key: 'action', width: 180, render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
    {
      title: t('audit.object'),
      key: 'object',
      width: 160,
      render: (_: unknown, r) => (r.objectId ? `${r.objectType} #${r.objectId}` : r.objectType),
    },
    {
      title: t('audit.result'),
      dataIndex: 'result',
      key: 'result',
      width: 80,
      render: (_: unknown, r) => <Tag color={RESULT_COLOR[r.result]}>{t(`audit.result.${r.result}`)}</Tag>,
    },
    { title: 'IP', dataIndex: 'ip', key: 'ip', width: 130, render: (v: string | null) => v ?? '—' },
    {
      title: t('audit.hash'),
      dataIndex: 'hash',
      key: 'hash',
      width: 130,
      render: (v: string) => (
        <Tooltip title={v}>
          <Typography.Text code copyable={{ text: v }}>
            {v.slice(0, 10)}…
          </Typography.Text>
        </Tooltip>
      ),
    },
    { title: t('audit.detail'), dataIndex: 'detail', key: 'detail', ellipsis: { showTitle: true } },
  ];

  return (
    <>
      <PageHeader
        title={t('audit.title')}
        subtitle={data ? t('audit.total', { n: data.total }) : undefined}
        extra={<VerifyButton onResult={setVerify} />}
      />
      <VerifyResult state={verify} onClose={() => setVerify({ kind: 'idle' })} />
      <AuditFilters qp={qp} />
      {error ? (
        <Alert
          type="error"
          showIcon
          title={t('error.loadFailed')}
          description={errorMessage(error, t)}
          action={<Button size="small" onClick={reload}>{t('common.retry')}</Button>}
          style={{ marginBottom: 16 }}
        />
      ) : null}
      <Table<AuditRecord>
        rowKey="seq"
        size="small"
        columns={columns}
        dataSource={error ? [] : (data?.items ?? [])}
        loading={loading}
        locale={{
          emptyText: loading ? ' ' : (
            <Empty description={filtered ? t('audit.emptyFiltered') : t('audit.empty')}>
              {filtered ? <Button onClick={() => qp.clear(AUDIT_FILTER_KEYS)}>{t('orgs.clearFilters')}</Button> : null}
            </Empty>
          ),
        }}
        expandable={{
          expandedRowRender: (r) => <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{r.detail || '—'}</Typography.Paragraph>,
          rowExpandable: (r) => r.detail.length > 0,
        }}
        pagination={{
          current: page,
          pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100, 200],
          showTotal: (total) => t('common.totalItems', { n: total }),
          onChange: (p, s) => qp.update({ page: p, pageSize: s }),
        }}
        scroll={{ x: 1300 }}
        data-testid="audit-table"
      />
    </>
  );
}
