/**
 * 培育清单 (officials, administrators), measure 5's tiered cultivation: 小升高 (GET
 * /api/index/screening/hnte?maxUnmet=N: enterprises not yet 高新技术企业 with each unmet
 * condition and its gap) and 高升强 (GET /api/index/screening/leaders: 高新技术企业 ranked by
 * the index, with their strengths). The list (?list=hnte|leaders), maxUnmet and the page live in
 * the URL; 导出 .xlsx fetches the same URL with format=xlsx and hands the file to the browser.
 */
import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Flex, InputNumber, Segmented, Table, Tag, Typography, type TableProps } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { FilteredEmpty, LoadErrorAlert, PagedTable } from '../../components/PagedTable.js';
import { download, saveBlob, type Query } from '../../lib/api.js';
import { errorMessage } from '../../lib/errors.js';
import { useI18n } from '../../lib/i18n.js';
import { usePagedList } from '../../lib/usePagedList.js';
import { oneOf, useQueryParams } from '../../lib/useQueryParams.js';
import { MetMark } from './EnterpriseIndex.js';
import { formatPercentile, formatScore } from './format.js';
import { GradeTag, useMethodInfo } from './parts.js';
import { enterprisePath } from './paths.js';
import { ReviewTag } from './Ranking.js';
import type { HnteCandidate, LeaderCandidate, OfficialCondition } from './types.js';

const LISTS = ['hnte', 'leaders'] as const;
type ListKey = (typeof LISTS)[number];

function ExportButton({ path, query, fallbackName, testId }: { path: string; query: Query; fallbackName: string; testId: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      icon={<DownloadOutlined />}
      loading={busy}
      data-testid={testId}
      onClick={() => {
        setBusy(true);
        download(path, { ...query, format: 'xlsx' })
          .then(({ blob, filename }) => {
            saveBlob(blob, filename ?? fallbackName);
            message.success(t('index.export.done', { name: filename ?? fallbackName }));
          })
          .catch((err: unknown) => message.error(errorMessage(err, t)))
          .finally(() => setBusy(false));
      }}
    >
      {t('index.export.xlsx')}
    </Button>
  );
}

function HnteList() {
  const { t } = useI18n();
  const qp = useQueryParams();
  const raw = qp.get('maxUnmet');
  const maxUnmet = raw !== undefined && /^[0-6]$/.test(raw) ? Number(raw) : 2;
  const list = usePagedList<HnteCandidate>(qp, '/index/screening/hnte', { maxUnmet }, 20);

  const columns: TableProps<HnteCandidate>['columns'] = [
    { key: 'name', title: t('index.col.name'), render: (_, r) => <Link to={enterprisePath(r.orgId)}>{r.name}</Link> },
    { key: 'district', title: t('index.col.district'), dataIndex: 'district', width: 120, render: (v: string | null) => v ?? '—' },
    {
      key: 'unmet',
      title: t('index.hnteList.unmet'),
      dataIndex: 'unmet',
      width: 110,
      align: 'right',
      render: (n: number) => (n === 0 ? <Tag color="green">{t('index.hnteList.allMet')}</Tag> : <Tag color={n === 1 ? 'gold' : 'orange'}>{n}</Tag>),
    },
    {
      key: 'gaps',
      title: t('index.hnteList.gaps'),
      render: (_, r) => {
        const unmet = r.conditions.filter((c) => !c.met);
        if (unmet.length === 0) return <Typography.Text type="secondary">{t('index.hnteList.ready')}</Typography.Text>;
        return (
          <Flex vertical gap={2}>
            {unmet.map((c) => (
              <span key={c.code} data-code={c.code}>
                <Typography.Text strong>{c.label}</Typography.Text>
                {'：'}
                <Typography.Text type="warning">{c.gap}</Typography.Text>
                <Typography.Text type="secondary">{`（${t('index.cond.required')} ${c.required}，${t('index.cond.actual')} ${c.actual}）`}</Typography.Text>
              </span>
            ))}
          </Flex>
        );
      },
    },
  ];

  return (
    <>
      <Flex gap={12} wrap align="center" justify="space-between" style={{ marginBottom: 12 }}>
        <Flex gap={8} align="center" wrap>
          <Typography.Text>{t('index.hnteList.maxUnmet')}</Typography.Text>
          <InputNumber min={0} max={6} value={maxUnmet} onChange={(v) => qp.update({ maxUnmet: v === null ? undefined : v })} style={{ width: 80 }} data-testid="index-hnte-max-unmet" aria-label={t('index.hnteList.maxUnmet')} />
          <Typography.Text type="secondary">{list.data ? t('index.hnteList.total', { n: list.data.total }) : null}</Typography.Text>
        </Flex>
        <ExportButton path="/index/screening/hnte" query={{ maxUnmet }} fallbackName="小升高候选.xlsx" testId="index-export-hnte" />
      </Flex>
      <Typography.Paragraph type="secondary">{t('index.hnteList.intro')}</Typography.Paragraph>
      <LoadErrorAlert error={list.error} onRetry={list.reload} />
      <div data-testid="index-hnte-list" data-total={list.data?.total ?? ''}>
        <PagedTable<HnteCandidate>
          list={list}
          rowKey="orgId"
          columns={columns}
          size="middle"
          expandable={{
            expandedRowRender: (r) => (
              <Table<OfficialCondition>
                size="small"
                rowKey="code"
                pagination={false}
                dataSource={r.conditions}
                columns={[
                  { key: 'label', title: t('index.cond.label'), dataIndex: 'label' },
                  { key: 'required', title: t('index.cond.required'), dataIndex: 'required' },
                  { key: 'actual', title: t('index.cond.actual'), dataIndex: 'actual' },
                  { key: 'met', title: t('index.cond.met'), render: (_, c) => <MetMark met={c.met} /> },
                  { key: 'gap', title: t('index.cond.gap'), render: (_, c) => c.gap || '—' },
                ]}
              />
            ),
          }}
          empty={list.error ? t('error.loadFailed') : <FilteredEmpty qp={qp} filterKeys={['maxUnmet']} all={t('index.hnteList.empty')} filtered={t('index.hnteList.empty')} />}
          scroll={{ x: 960 }}
        />
      </div>
    </>
  );
}

function LeaderList() {
  const { t } = useI18n();
  const qp = useQueryParams();
  const { grades, cutoffs } = useMethodInfo(true);
  const list = usePagedList<LeaderCandidate>(qp, '/index/screening/leaders', {}, 20);
  const columns: TableProps<LeaderCandidate>['columns'] = [
    { key: 'position', title: t('index.col.position'), dataIndex: 'position', width: 70, align: 'right' },
    { key: 'name', title: t('index.col.name'), width: 260, render: (_, r) => <Link to={enterprisePath(r.orgId)}>{r.name}</Link> },
    { key: 'score', title: t('index.col.score'), width: 100, align: 'right', render: (_, r) => <Typography.Text strong>{formatScore(r.score)}</Typography.Text> },
    { key: 'grade', title: t('index.col.grade'), width: 100, render: (_, r) => <GradeTag grade={r.grade} grades={grades} /> },
    { key: 'percentile', title: t('index.col.percentile'), width: 100, align: 'right', render: (_, r) => formatPercentile(r.percentile) },
    { key: 'review', title: t('index.col.review'), width: 90, render: (_, r) => <ReviewTag flag={r.reviewFlag} cutoffs={cutoffs} /> },
    {
      key: 'strengths',
      title: t('index.leaders.strengths'),
      render: (_, r) =>
        r.strengths.length === 0 ? (
          '—'
        ) : (
          <Flex vertical gap={2}>
            {r.strengths.map((s) => (
              <Typography.Text key={s} type="success" style={{ fontSize: 13 }}>
                {s}
              </Typography.Text>
            ))}
          </Flex>
        ),
    },
  ];
  return (
    <>
      <Flex gap={12} wrap align="center" justify="space-between" style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">{t('index.leaders.intro')}</Typography.Text>
        <ExportButton path="/index/screening/leaders" query={{}} fallbackName="高升强候选.xlsx" testId="index-export-leaders" />
      </Flex>
      <LoadErrorAlert error={list.error} onRetry={list.reload} />
      <div data-testid="index-leaders" data-total={list.data?.total ?? ''}>
        <PagedTable<LeaderCandidate>
          list={list}
          rowKey="orgId"
          columns={columns}
          size="middle"
          empty={list.error ? t('error.loadFailed') : t('index.leaders.empty')}
          scroll={{ x: 1100 }}
        />
      </div>
    </>
  );
}

export function Screening() {
  const { t } = useI18n();
  const qp = useQueryParams();
  const list: ListKey = oneOf(LISTS, qp.get('list')) ?? 'hnte';
  return (
    <>
      <Segmented<ListKey>
        value={list}
        onChange={(v) => qp.update({ list: v === 'hnte' ? undefined : v, maxUnmet: undefined, pageSize: undefined })}
        options={[
          { value: 'hnte', label: <span data-testid="index-list-hnte">{t('index.hnteList.title')}</span> },
          { value: 'leaders', label: <span data-testid="index-list-leaders">{t('index.leaders.title')}</span> },
        ]}
        style={{ marginBottom: 16 }}
      />
      {list === 'hnte' ? <HnteList /> : <LeaderList />}
    </>
  );
}
