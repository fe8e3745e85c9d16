/**
 * 免申即享测算 (administrators and officials): 发起测算 (POST /api/policy/runs, one at a time),
 * its progress (GET /api/policy/runs/:id every 700 ms while running: phase and enterprises
 * saved), the recent runs, and for the chosen run (?run=ID, default the latest finished) the
 * totals per item filtered by responsible department (?dept=CODE|all; an official starts
 * on their own), a per-department summary with a chart, and each item's eligible
 * enterprises in a drawer (officials: their own department's items; the server's 403 is shown).
 */
import { Alert, App, Button, Card, Col, Drawer, Empty, Flex, Progress, Row, Select, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { Suspense, lazy, useEffect, useMemo, useRef, useState, type HTMLAttributes } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { ErrorState } from '../../components/ErrorState.js';
import { PageLoading } from '../../components/PageLoading.js';
import { api, isApiError } from '../../lib/api.js';
import { formatDateTime } from '../../lib/dates.js';
import { errorMessage } from '../../lib/errors.js';
import { useI18n } from '../../lib/i18n.js';
import { formatFenExact } from '../../lib/money.js';
import { useMe } from '../../lib/session.js';
import type { EligibleEnterprise, Paged, RunDetail, RunItem, RunTotal, RunView } from '../../lib/types.js';
import { useApi } from '../../lib/useApi.js';
import { ChannelTag } from './PolicyItemCard.js';
import { departmentSummary, runPercent, type DepartmentSummary } from './runFigures.js';
import { useDepartmentName } from './useDepartmentName.js';

const DepartmentChart = lazy(() => import('./DepartmentChart.js'));

const POLL_MS = 700;
const ALL = 'all';
const STATUS_COLOR: Record<RunView['status'], string> = { running: 'processing', done: 'success', failed: 'error' };

interface TotalRow {
  item: RunItem;
  total: RunTotal | undefined;
}

/** A data-testid on a table row (antd's onRow takes HTML attributes). */
const rowTestId = (id: string) => ({ 'data-testid': id }) as HTMLAttributes<HTMLElement>;

function RunProgress({ run }: { run: RunView }) {
  const { t } = useI18n();
  const percent = runPercent(run);
  const phase = t(`policy.batch.phase.${run.phase}`);
  return (
    <Card size="small" data-testid="batch-progress" data-run={run.id} data-status={run.status}>
      <Flex vertical gap={4}>
        <Typography.Text strong>
          {run.status === 'running'
            ? t('policy.batch.progressTitle', { id: run.id })
            : run.status === 'done'
              ? t('policy.batch.finished', { id: run.id })
              : t('policy.batch.failedRun', { id: run.id, error: run.error ?? '' })}
        </Typography.Text>
        <Progress percent={percent} status={run.status === 'failed' ? 'exception' : run.status === 'done' ? 'success' : 'active'} />
        <Typography.Text type="secondary" data-testid="batch-progress-text">
          {run.total > 0 ? t('policy.batch.progress', { phase, done: run.done, total: run.total }) : t('policy.batch.progressPhase', { phase })}
        </Typography.Text>
      </Flex>
    </Card>
  );
}

/** Eligible enterprises of one item in one run, paged by the server. */
function EnterprisesDrawer({ runId, item, onClose }: { runId: number; item: RunItem | null; onClose: () => void }) {
  const { t } = useI18n();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const itemId = item?.id ?? null;
  useEffect(() => setPage((p) => ({ ...p, page: 1 })), [itemId, runId]);
  const list = useApi<Paged<EligibleEnterprise>>(itemId ? `/policy/runs/${runId}/items/${encodeURIComponent(itemId)}/enterprises` : null, page);
  const amount = (a: EligibleEnterprise['amount']) => {
    const max = formatFenExact(a.max);
    if (item?.kind === 'ceiling') return t('policy.batch.ceilingCell', { amount: max });
    return a.min === a.max ? max : `${formatFenExact(a.min)}–${max}`;
  };
  const columns: TableColumnsType<EligibleEnterprise> = [
    { key: 'name', title: t('policy.batch.col.name'), render: (_, r) => <Link to={`/orgs/${r.orgId}`}>{r.name}</Link> },
    { key: 'uscc', title: t('policy.batch.col.uscc'), dataIndex: 'uscc', render: (v: string | null) => v ?? '—' },
    { key: 'district', title: t('policy.batch.col.district'), dataIndex: 'district', render: (v: string | null) => v ?? '—' },
    { key: 'amount', title: t('policy.batch.col.amount'), align: 'right', render: (_, r) => amount(r.amount) },
  ];
  return (
    <Drawer open={item !== null} onClose={onClose} size={860} title={item ? t('policy.batch.enterprises', { title: item.title }) : null} destroyOnHidden>
      <div data-testid="batch-enterprises">
        {list.error ? (
          <Alert
            type={list.error.status === 403 ? 'warning' : 'error'}
            showIcon
            title={list.error.status === 403 ? t('error.forbidden') : t('error.loadFailed')}
            description={errorMessage(list.error, t)}
            data-testid="batch-enterprises-error"
          />
        ) : (
          <>
            <Typography.Paragraph type="secondary">{t('policy.batch.enterprisesNote')}</Typography.Paragraph>
            <Table<EligibleEnterprise>
              size="small"
              rowKey="orgId"
              columns={columns}
              dataSource={list.data?.items ?? []}
              loading={list.loading}
              locale={{ emptyText: list.loading ? ' ' : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('policy.batch.enterprisesEmpty')} /> }}
              pagination={{
                current: page.page,
                pageSize: page.pageSize,
                total: list.data?.total ?? 0,
                showSizeChanger: true,
                showTotal: (n) => t('common.totalItems', { n }),
                onChange: (p, size) => setPage({ page: size === page.pageSize ? p : 1, pageSize: size }),
              }}
            />
          </>
        )}
      </div>
    </Drawer>
  );
}

function RunResults({ detail }: { detail: RunDetail }) {
  const { t } = useI18n();
  const me = useMe();
  const deptName = useDepartmentName();
  const [params, setParams] = useSearchParams();
  const [open, setOpen] = useState<RunItem | null>(null);

  const requested = params.get('dept');
  const dept = requested ?? (me.role === 'official' && me.departmentCode ? me.departmentCode : ALL);
  const codes = useMemo(() => [...new Set(detail.items.flatMap((i) => i.departments))], [detail.items]);
  const deptOptions = [{ value: ALL, label: t('policy.batch.allDepts') }, ...[...new Set([...codes, ...(dept !== ALL ? [dept] : [])])].map((c) => ({ value: c, label: deptName(c) }))];

  const byItem = useMemo(() => new Map(detail.totals.map((x) => [x.itemId, x])), [detail.totals]);
  const rows: TotalRow[] = detail.items.filter((i) => dept === ALL || i.departments.includes(dept)).map((item) => ({ item, total: byItem.get(item.id) }));
  const summary = useMemo(() => departmentSummary(detail.items, detail.totals), [detail.items, detail.totals]);
  const chart = useMemo(
    () => ({ names: summary.map((d) => deptName(d.code)), values: summary.map((d) => d.pairs), highlight: me.departmentCode ? [deptName(me.departmentCode)] : [] }),
    [summary, deptName, me.departmentCode],
  );

  function setDept(value: string) {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        next.set('tab', 'batch');
        next.set('dept', value);
        return next;
      },
      { replace: true },
    );
  }

  const money = (fen: number | undefined, applies: boolean) => (applies ? formatFenExact(fen ?? 0) : '—');
  const columns: TableColumnsType<TotalRow> = [
    {
      key: 'measure',
      title: t('policy.batch.col.measure'),
      width: 90,
      sorter: (a, b) => a.item.measure - b.item.measure || a.item.id.localeCompare(b.item.id),
      render: (_, r) => t('policy.measureNo', { n: r.item.measure }),
    },
    {
      key: 'item',
      title: t('policy.batch.col.item'),
      width: 240,
      render: (_, r) => (
        <Button type="link" style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'start' }} onClick={() => setOpen(r.item)} data-testid={`batch-open-${r.item.id}`}>
          {r.item.title}
        </Button>
      ),
    },
    {
      key: 'departments',
      title: t('policy.batch.col.departments'),
      render: (_, r) => (
        <Flex gap={4} wrap>
          {r.item.departments.map((c) => (
            <Tag key={c} color={c === me.departmentCode ? 'blue' : undefined} style={{ marginInlineEnd: 0 }}>
              {deptName(c)}
            </Tag>
          ))}
        </Flex>
      ),
    },
    { key: 'channel', title: t('policy.batch.col.channel'), width: 110, render: (_, r) => <ChannelTag channel={r.item.channel} /> },
    {
      key: 'eligible',
      title: t('policy.batch.col.eligible'),
      align: 'right',
      width: 100,
      sorter: (a, b) => (a.total?.eligible ?? 0) - (b.total?.eligible ?? 0),
      render: (_, r) => <span data-testid="batch-eligible">{r.total?.eligible ?? 0}</span>,
    },
    { key: 'needsInput', title: t('policy.batch.col.needsInput'), align: 'right', width: 110, render: (_, r) => r.total?.needsInput ?? 0 },
    {
      key: 'entitlement',
      title: t('policy.batch.col.entitlement'),
      align: 'right',
      sorter: (a, b) => (a.total?.entitlementFen ?? 0) - (b.total?.entitlementFen ?? 0),
      render: (_, r) => money(r.total?.entitlementFen, r.item.kind === 'entitlement'),
    },
    {
      key: 'ceiling',
      title: t('policy.batch.col.ceiling'),
      align: 'right',
      sorter: (a, b) => (a.total?.ceilingFen ?? 0) - (b.total?.ceilingFen ?? 0),
      render: (_, r) => <span data-testid="batch-ceiling">{money(r.total?.ceilingFen, r.item.kind === 'ceiling')}</span>,
    },
    {
      key: 'expected',
      title: t('policy.batch.col.expected'),
      align: 'right',
      sorter: (a, b) => (a.total?.expectedFen ?? 0) - (b.total?.expectedFen ?? 0),
      render: (_, r) =>
        r.total ? (
          <Flex vertical align="end" gap={0} data-testid="batch-expected" data-basis={r.total.expectedBasis}>
            <span>{formatFenExact(r.total.expectedFen)}</span>
            {r.total.eligible > 0 && r.total.expectedBasis !== 'formula' ? (
              <Typography.Text type={r.total.expectedBasis === 'ceiling' ? 'warning' : 'secondary'} style={{ fontSize: 12, whiteSpace: 'normal', textAlign: 'end' }}>
                {r.total.expectedNote}
              </Typography.Text>
            ) : null}
          </Flex>
        ) : (
          '—'
        ),
    },
  ];
  const sum = rows.reduce(
    (acc, r) => ({
      eligible: acc.eligible + (r.total?.eligible ?? 0),
      needsInput: acc.needsInput + (r.total?.needsInput ?? 0),
      entitlementFen: acc.entitlementFen + (r.total?.entitlementFen ?? 0),
      ceilingFen: acc.ceilingFen + (r.total?.ceilingFen ?? 0),
      expectedFen: acc.expectedFen + (r.total?.expectedFen ?? 0),
    }),
    { eligible: 0, needsInput: 0, entitlementFen: 0, ceilingFen: 0, expectedFen: 0 },
  );

  const deptColumns: TableColumnsType<DepartmentSummary> = [
    { key: 'dept', title: t('policy.batch.dept'), render: (_, d) => (d.code === me.departmentCode ? <Typography.Text strong>{deptName(d.code)}</Typography.Text> : deptName(d.code)) },
    { key: 'items', title: t('policy.batch.col.items'), dataIndex: 'items', align: 'right' },
    { key: 'pairs', title: t('policy.batch.col.pairs'), dataIndex: 'pairs', align: 'right' },
    { key: 'entitlement', title: t('policy.batch.col.entitlement'), align: 'right', render: (_, d) => formatFenExact(d.entitlementFen) },
    { key: 'ceiling', title: t('policy.batch.col.ceiling'), align: 'right', render: (_, d) => formatFenExact(d.ceilingFen) },
  ];

  return (
    <Flex vertical gap={16}>
      <Card
        size="small"
        title={t('policy.batch.totals')}
        extra={
          <Flex gap={8} align="center">
            <Typography.Text type="secondary">{t('policy.batch.dept')}</Typography.Text>
            <Select value={dept} onChange={setDept} options={deptOptions} style={{ minWidth: 200 }} data-testid="batch-dept" aria-label={t('policy.batch.dept')} />
          </Flex>
        }
      >
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('policy.batch.ceilingNote')} />
        <div data-testid="batch-totals">
        <Table<TotalRow>
          size="small"
          rowKey={(r) => r.item.id}
          columns={columns}
          dataSource={rows}
          pagination={false}
          onRow={(r) => rowTestId(`batch-total-${r.item.id}`)}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('policy.result.none')} /> }}
          summary={() =>
            rows.length > 1 ? (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0} colSpan={4}>
                  <Typography.Text strong>
                    {t('policy.batch.sum')}（{t('policy.batch.totalsCount', { n: rows.length })}）
                  </Typography.Text>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={4} align="right">
                  {sum.eligible}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={5} align="right">
                  {sum.needsInput}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={6} align="right">
                  {formatFenExact(sum.entitlementFen)}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={7} align="right">
                  <span data-testid="batch-sum-ceiling">{formatFenExact(sum.ceilingFen)}</span>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={8} align="right">
                  <span data-testid="batch-sum-expected">{formatFenExact(sum.expectedFen)}</span>
                </Table.Summary.Cell>
              </Table.Summary.Row>
            ) : null
          }
        />
        </div>
      </Card>
      <Card size="small" title={t('policy.batch.byDept')} data-testid="batch-by-dept">
        <Typography.Paragraph type="secondary">{t('policy.batch.byDeptNote')}</Typography.Paragraph>
        <Row gutter={[24, 16]}>
          <Col xs={24} xxl={14}>
            <Table<DepartmentSummary> size="small" rowKey="code" columns={deptColumns} dataSource={summary} pagination={false} onRow={(d) => rowTestId(`batch-dept-${d.code}`)} />
          </Col>
          <Col xs={24} xxl={10}>
            <Typography.Text type="secondary">{t('policy.batch.chart')}</Typography.Text>
            <Suspense fallback={<PageLoading />}>
              <DepartmentChart names={chart.names} values={chart.values} highlight={chart.highlight} label={t('policy.batch.col.pairs')} />
            </Suspense>
          </Col>
        </Row>
      </Card>
      <EnterprisesDrawer runId={detail.id} item={open} onClose={() => setOpen(null)} />
    </Flex>
  );
}

export function PolicyBatch() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const runs = useApi<{ runs: RunView[] }>('/policy/runs');
  /** The run being watched, fresher than the list. */
  const [live, setLive] = useState<RunView | null>(null);
  const [starting, setStarting] = useState(false);
  /** The run started from this page: selected once it finishes. */
  const startedHere = useRef<number | null>(null);

  const merged = useMemo(() => {
    const list = (runs.data?.runs ?? []).map((r) => (live && live.id === r.id ? { ...r, ...live } : r));
    if (live && !list.some((r) => r.id === live.id)) list.unshift(live);
    return list;
  }, [runs.data, live]);
  const running = merged.find((r) => r.status === 'running') ?? null;
  const runningId = running?.id ?? null;
  const latestDone = merged.find((r) => r.status === 'done') ?? null;
  const requested = Number(params.get('run'));
  const selectedId = Number.isSafeInteger(requested) && requested > 0 ? requested : (latestDone?.id ?? null);
  const detail = useApi<RunDetail>(selectedId !== null ? `/policy/runs/${selectedId}` : null);
  const shownDetail = detail.data && detail.data.id === selectedId ? detail.data : undefined;

  function select(id: number) {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        next.set('tab', 'batch');
        next.set('run', String(id));
        return next;
      },
      { replace: true },
    );
  }

  // Poll the running run until it ends.
  useEffect(() => {
    if (runningId === null) return;
    let alive = true;
    let timer: number | undefined;
    const tick = () => {
      api
        .get<RunDetail>(`/policy/runs/${runningId}`)
        .then((r) => {
          if (!alive) return;
          const { totals: _totals, ...view } = r;
          setLive(view);
          if (r.status === 'running') {
            timer = window.setTimeout(tick, POLL_MS);
            return;
          }
          runs.reload();
          if (r.status === 'done') {
            message.success(t('policy.batch.finished', { id: r.id }));
            if (startedHere.current === r.id) select(r.id);
          } else {
            message.error(t('policy.batch.failedRun', { id: r.id, error: r.error ?? '' }));
          }
        })
        .catch(() => {
          if (alive) timer = window.setTimeout(tick, POLL_MS * 3); // a dropped poll: try again, a little later
        });
    };
    timer = window.setTimeout(tick, POLL_MS);
    return () => {
      alive = false;
      window.clearTimeout(timer);
    };
  }, [runningId]); // one poller per running run

  async function start() {
    setStarting(true);
    try {
      const r = await api.post<RunView>('/policy/runs', {});
      startedHere.current = r.id;
      setLive(r);
      message.info(t('policy.batch.started', { id: r.id }));
      runs.reload();
    } catch (err) {
      message.error(errorMessage(err, t));
      if (isApiError(err) && err.status === 409) runs.reload();
    } finally {
      setStarting(false);
    }
  }

  const runColumns: TableColumnsType<RunView> = [
    { key: 'id', title: t('policy.batch.col.id'), dataIndex: 'id', width: 60 },
    {
      key: 'status',
      title: t('policy.batch.col.status'),
      render: (_, r) => (
        <Tag color={STATUS_COLOR[r.status]} style={{ marginInlineEnd: 0 }}>
          {t(`policy.batch.status.${r.status}`)}
          {r.status === 'running' ? ` · ${t(`policy.batch.phase.${r.phase}`)}` : ''}
        </Tag>
      ),
    },
    { key: 'started', title: t('policy.batch.col.started'), render: (_, r) => formatDateTime(r.startedAt) },
    { key: 'dataDay', title: t('policy.batch.col.dataDay'), dataIndex: 'dataDay' },
    { key: 'total', title: t('policy.batch.col.enterprises'), dataIndex: 'total', align: 'right' },
    { key: 'items', title: t('policy.batch.col.items'), align: 'right', render: (_, r) => (r.items.length > 0 ? r.items.length : '—') },
    { key: 'ms', title: t('policy.batch.col.evaluateMs'), align: 'right', render: (_, r) => r.evaluateMs ?? '—' },
    {
      key: 'error',
      title: t('policy.batch.col.error'),
      render: (_, r) =>
        r.error ? (
          <Typography.Text type="danger" ellipsis={{ tooltip: r.error }} style={{ maxWidth: 260 }}>
            {r.error}
          </Typography.Text>
        ) : (
          '—'
        ),
    },
    {
      key: 'view',
      title: t('common.actions'),
      render: (_, r) =>
        r.id === selectedId ? (
          <Tag color="blue" style={{ marginInlineEnd: 0 }}>
            {t('policy.batch.viewing')}
          </Tag>
        ) : r.status === 'done' ? (
          <Button size="small" onClick={() => select(r.id)} data-testid={`batch-view-${r.id}`}>
            {t('policy.batch.view')}
          </Button>
        ) : null,
    },
  ];

  const progressRun = running ?? (live && startedHere.current === live.id ? live : null);

  let results;
  if (selectedId === null) results = runs.data ? <Empty description={merged.length === 0 ? t('policy.batch.noRuns') : t('policy.batch.noDone')} /> : null;
  else if (detail.error) results = <ErrorState error={detail.error} onRetry={detail.reload} />;
  else if (!shownDetail) results = <PageLoading />;
  else if (shownDetail.status !== 'done')
    results = <Alert type={shownDetail.status === 'failed' ? 'error' : 'info'} showIcon title={t('policy.batch.notDone', { id: shownDetail.id })} description={shownDetail.error ?? undefined} />;
  else
    results = (
      <Flex vertical gap={16}>
        <div>
          <Typography.Title level={5} style={{ margin: 0 }} data-testid="batch-selected" data-run={shownDetail.id}>
            {t('policy.batch.selected', { id: shownDetail.id })}
          </Typography.Title>
          <Typography.Text type="secondary">
            {t('policy.batch.selectedInfo', {
              time: formatDateTime(shownDetail.finishedAt),
              day: shownDetail.dataDay,
              n: shownDetail.total,
              items: shownDetail.items.length,
              ms: shownDetail.evaluateMs ?? '—',
            })}
          </Typography.Text>
          {shownDetail.declaredOnly ? (
            <Alert type="info" showIcon style={{ marginTop: 8 }} title={t('policy.batch.declaredOnly', { n: shownDetail.declaredOnly })} data-testid="batch-declared-only" />
          ) : null}
        </div>
        <RunResults detail={shownDetail} />
      </Flex>
    );

  return (
    <Flex vertical gap={16}>
      <Card size="small">
        <Flex gap={12} wrap align="center" justify="space-between">
          <Typography.Text type="secondary">{t('policy.batch.startHint')}</Typography.Text>
          <Tooltip title={running ? t('policy.batch.startRunning') : undefined}>
            <Button type="primary" onClick={() => void start()} loading={starting} disabled={running !== null} data-testid="batch-start">
              {t('policy.batch.start')}
            </Button>
          </Tooltip>
        </Flex>
      </Card>
      {progressRun ? <RunProgress run={progressRun} /> : null}
      <Card size="small" title={t('policy.batch.runs')}>
        {runs.error ? (
          <ErrorState error={runs.error} onRetry={runs.reload} />
        ) : (
          <div data-testid="batch-runs">
          <Table<RunView>
            size="small"
            rowKey="id"
            columns={runColumns}
            dataSource={merged}
            loading={runs.loading && !runs.data}
            pagination={merged.length > 5 ? { pageSize: 5, size: 'small' } : false}
            onRow={(r) => rowTestId(`batch-run-${r.id}`)}
            locale={{ emptyText: runs.loading ? ' ' : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('policy.batch.noRuns')} /> }}
          />
          </div>
        )}
      </Card>
      {results}
    </Flex>
  );
}
