/** 审计日志 (admin): the hash-chained log, filtered and paged on the server, and a chain check. */
import { Descriptions, Tag, Tooltip, Typography, type TableProps } from 'antd';
import { useState } from 'react';
import { AUDIT_RESULTS, type AuditResult } from '../../../../../src/shared/enums.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { FilteredEmpty, LoadErrorAlert, PagedTable } from '../../../components/PagedTable.js';
import { formatDateTime } from '../../../lib/dates.js';
import { useI18n } from '../../../lib/i18n.js';
import type { AuditRecord } from '../../../lib/types.js';
import { usePagedList } from '../../../lib/usePagedList.js';
import { oneOf, useQueryParams } from '../../../lib/useQueryParams.js';
import { AUDIT_FILTER_KEYS, AuditFilters } from './AuditFilters.js';
import { auditDetailEntries, auditDetailSummary } from './auditDetail.js';
import { auditActionWords, auditObjectWords } from './auditWords.js';
import { VerifyButton, VerifyResult, type VerifyState } from './VerifyChain.js';

const RESULT_COLOR: Record<AuditResult, string> = { ok: 'green', denied: 'orange', error: 'red' };

export default function AuditPage() {
  const { t, lang } = useI18n();
  const qp = useQueryParams();
  const [verify, setVerify] = useState<VerifyState>({ kind: 'idle' });
  const filters = {
    action: qp.get('action'),
    actor: qp.get('actor'),
    objectType: qp.get('objectType'),
    objectId: qp.get('objectId'),
    result: oneOf(AUDIT_RESULTS, qp.get('result')),
    from: qp.get('from'),
    to: qp.get('to'),
  };
  const list = usePagedList<AuditRecord>(qp, '/audit', filters, 50);

  const columns: TableProps<AuditRecord>['columns'] = [
    { title: t('audit.seq'), dataIndex: 'seq', key: 'seq', width: 80, align: 'right' },
    { title: t('audit.at'), dataIndex: 'at', key: 'at', width: 170, render: (v: string) => formatDateTime(v) },
    { title: t('audit.actor'), dataIndex: 'actorLabel', key: 'actor', width: 140 },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      key: 'action',
      width: 200,
      // In words; the code (what the filter takes) beneath it.
      render: (v: string) => (
        <span data-testid="audit-action">
          {auditActionWords(v, lang)}
          <br />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {v}
          </Typography.Text>
        </span>
      ),
    },
    {
      title: t('audit.object'),
      key: 'object',
      width: 160,
      render: (_: unknown, r) => (r.objectId ? `${auditObjectWords(r.objectType, lang)} #${r.objectId}` : auditObjectWords(r.objectType, lang)),
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
    { title: t('audit.detail'), dataIndex: 'detail', key: 'detail', ellipsis: { showTitle: true }, render: (v: string) => auditDetailSummary(v) },
  ];

  return (
    <>
      <PageHeader
        title={t('audit.title')}
        subtitle={list.data ? t('audit.total', { n: list.data.total }) : undefined}
        extra={<VerifyButton onResult={setVerify} />}
      />
      <VerifyResult state={verify} onClose={() => setVerify({ kind: 'idle' })} />
      <AuditFilters qp={qp} />
      <LoadErrorAlert error={list.error} onRetry={list.reload} />
      <PagedTable<AuditRecord>
        list={list}
        rowKey="seq"
        size="small"
        columns={columns}
        empty={<FilteredEmpty qp={qp} filterKeys={AUDIT_FILTER_KEYS} all={t('audit.empty')} filtered={t('audit.emptyFiltered')} />}
        pageSizeOptions={[20, 50, 100, 200]}
        expandable={{
          // The detail as key/value lines (Chinese labels, 万元), or as it is when it is not a JSON object.
          expandedRowRender: (r) => {
            const entries = auditDetailEntries(r.detail);
            if (entries === null) return <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{r.detail || '—'}</Typography.Paragraph>;
            return (
              <Descriptions size="small" column={1} bordered data-testid={`audit-detail-${r.seq}`}>
                {entries.map(([k, v], i) => (
                  <Descriptions.Item key={`${k}-${i}`} label={k}>
                    <span style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{v}</span>
                  </Descriptions.Item>
                ))}
              </Descriptions>
            );
          },
          rowExpandable: (r) => r.detail.length > 0,
        }}
        scroll={{ x: 1300 }}
        data-testid="audit-table"
      />
    </>
  );
}
