/**
 * 预算 (/funding/budgets, officials and administrators = GET /api/funding/budgets?year): the budgets and
 * pools (an official's department's; all for administrators) with 下达 / 可用 / 预留 / 已支付 in 万元,
 * a stacked bar per budget (BudgetChart, lazy), 新建预算 and 追加 (BudgetModals), each budget's 台账
 * (/funding/budgets/:id = GET …/:id/ledger, paged movements), and for administrators 对账
 * (GET /api/funding/ledger/reconcile: 借贷平衡, balances = entries, the problems in words).
 * 按预算 / 按部门 (?view=departments): the year's dashboard (GET /api/funding/budgets/overview?year, the
 * year filter or else this year in Suzhou): item budgets per department as stacked bars and a table
 * with names and 合计, the month-by-month payments net of reversals (DepartmentChart, lazy), pools apart.
 */
import { CheckCircleOutlined, PlusOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Flex, InputNumber, Segmented, Table, Tag, Typography, type TableProps } from 'antd';
import { lazy, Suspense, useMemo, useState, type HTMLAttributes } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ErrorState } from '../../components/ErrorState.js';
import { PageHeader } from '../../components/PageHeader.js';
import { PageLoading } from '../../components/PageLoading.js';
import { LoadErrorAlert, PagedTable } from '../../components/PagedTable.js';
import { api } from '../../lib/api.js';
import { formatDateTime } from '../../lib/dates.js';
import { errorMessage } from '../../lib/errors.js';
import { useReference } from '../../lib/reference.js';
import { useMe } from '../../lib/session.js';
import { useApi, type ApiState } from '../../lib/useApi.js';
import { usePagedList } from '../../lib/usePagedList.js';
import { useQueryParams } from '../../lib/useQueryParams.js';
import { useDepartmentName } from '../policy/useDepartmentName.js';
import { CreateBudgetModal, FundBudgetModal } from './BudgetModals.js';
import { paidInYear, partsAddUp, sortDepartments, usedPercent, yearInShanghai } from './budgetFigures.js';
import { wan } from './parts.js';
import { applicationPath, budgetPath, budgetsPath } from './paths.js';
import type { Budget, BudgetLedger as Ledger, BudgetOverview, Movement, ReconcileReport } from './types.js';
import { useFundingI18n } from './words.js';

const BudgetChart = lazy(() => import('./BudgetChart.js'));
const DepartmentChart = lazy(() => import('./DepartmentChart.js'));

/** A data-testid on a table row (antd's onRow takes HTML attributes). */
const rowTestId = (id: string) => ({ 'data-testid': id }) as HTMLAttributes<HTMLElement>;

function useDepartmentNames() {
  const departments = useReference('departments');
  return (code: string) => departments.items.find((d) => d.code === code)?.name ?? code;
}

export function Budgets() {
  const { t } = useFundingI18n();
  const me = useMe();
  const { message } = App.useApp();
  const qp = useQueryParams();
  const yearRaw = qp.int('year', 0);
  const year = yearRaw >= 2020 && yearRaw <= 2100 ? yearRaw : undefined;
  const byDepartment = qp.get('view') === 'departments';
  const overviewYear = year ?? yearInShanghai(new Date());
  const list = useApi<{ budgets: Budget[] }>('/funding/budgets', { year });
  const overview = useApi<BudgetOverview>(byDepartment ? '/funding/budgets/overview' : null, { year: overviewYear });
  const reload = () => {
    list.reload();
    if (byDepartment) overview.reload();
  };
  const deptName = useDepartmentNames();
  const [creating, setCreating] = useState(false);
  const [funding, setFunding] = useState<Budget | null>(null);
  const [report, setReport] = useState<ReconcileReport | null>(null);
  const [reconciling, setReconciling] = useState(false);
  const budgets = useMemo(() => list.data?.budgets ?? [], [list.data]);
  const labels = useMemo(() => ({ available: t('funding.budget.available'), reserved: t('funding.budget.reserved'), spent: t('funding.budget.spent'), unit: t('money.wan') }), [t]);

  async function reconcile() {
    setReconciling(true);
    try {
      setReport(await api.get<ReconcileReport>('/funding/ledger/reconcile'));
    } catch (err) {
      message.error(errorMessage(err, t));
    } finally {
      setReconciling(false);
    }
  }

  const columns: TableProps<Budget>['columns'] = [
    { title: '#', dataIndex: 'id', width: 60 },
    {
      title: t('funding.budget.name'),
      key: 'name',
      render: (_, b) => (
        <Link to={budgetPath(b.id)} data-testid={`budget-row-${b.id}`}>
          {b.name}
        </Link>
      ),
    },
    { title: t('funding.budget.kind'), key: 'kind', render: (_, b) => (b.kind === 'pool' ? <Tag color="purple">{t('funding.budget.kindPool')}</Tag> : <Tag>{t('funding.budget.kindItem')}</Tag>) },
    { title: t('funding.form.item'), key: 'item', render: (_, b) => b.itemTitle ?? b.itemId ?? '—' },
    { title: t('funding.form.year'), key: 'year', render: (_, b) => (b.years ? `${b.years.from}–${b.years.to}` : (b.year ?? '—')) },
    { title: t('funding.budget.department'), key: 'dept', render: (_, b) => deptName(b.departmentCode) },
    { title: t('funding.budget.funded'), key: 'funded', align: 'right', render: (_, b) => <span data-testid={`budget-funded-${b.id}`}>{wan(b.fundedFen)}</span> },
    { title: t('funding.budget.available'), key: 'available', align: 'right', render: (_, b) => wan(b.availableFen) },
    { title: t('funding.budget.reserved'), key: 'reserved', align: 'right', render: (_, b) => wan(b.reservedFen) },
    { title: t('funding.budget.spent'), key: 'spent', align: 'right', render: (_, b) => wan(b.spentFen) },
    {
      title: t('funding.budget.used'),
      key: 'used',
      render: (_, b) => {
        const p = usedPercent(b);
        return (
          <>
            {p === null ? '—' : `${p}%`}
            {partsAddUp(b) ? null : <Tag color="red">{t('funding.budget.mismatch')}</Tag>}
          </>
        );
      },
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, b) => (
        <Flex gap={8}>
          <Button size="small" onClick={() => setFunding(b)} data-testid={`budget-fund-${b.id}`}>
            {t('funding.budget.fund')}
          </Button>
          <Link to={budgetPath(b.id)}>{t('funding.budget.ledger')}</Link>
        </Flex>
      ),
    },
  ];

  const budgetList = (
    <>
      <LoadErrorAlert error={list.error} onRetry={list.reload} />
      <Table<Budget>
        rowKey="id"
        size="middle"
       
        loading={list.loading}
        dataSource={budgets}
        columns={columns}
        pagination={false}
        locale={{ emptyText: t('funding.budget.empty') }}
        data-testid="budget-table"
      />
      {budgets.length ? (
        <Card size="small" title={t('funding.budget.chart')} style={{ marginTop: 16 }}>
          <Suspense fallback={<PageLoading />}>
            <BudgetChart budgets={budgets} labels={labels} />
          </Suspense>
        </Card>
      ) : null}
    </>
  );

  return (
    <div data-testid="budgets-page">
      <PageHeader
        title={t('funding.budget.title')}
        subtitle={t('funding.budget.subtitle')}
        extra={
          <>
            <Segmented<'budgets' | 'departments'>
              value={byDepartment ? 'departments' : 'budgets'}
              onChange={(v) => qp.update({ view: v === 'departments' ? v : undefined })}
              options={[
                { value: 'budgets', label: <span data-testid="budget-view-budgets">{t('funding.budget.viewBudgets')}</span> },
                { value: 'departments', label: <span data-testid="budget-view-departments">{t('funding.budget.viewDepartments')}</span> },
              ]}
            />
            <InputNumber placeholder={t('funding.filter.year')} min={2020} max={2100} precision={0} value={year ?? (byDepartment ? overviewYear : null)} onChange={(v) => qp.update({ year: v ?? undefined })} style={{ width: 120 }} data-testid="budget-filter-year" />
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="budget-create">
              {t('funding.budget.create')}
            </Button>
            {me.role === 'admin' ? (
              <Button loading={reconciling} onClick={() => void reconcile()} data-testid="budget-reconcile">
                {t('funding.budget.reconcile')}
              </Button>
            ) : null}
          </>
        }
      />
      {report ? (
        <Alert
          type={report.ok ? 'success' : 'error'}
          showIcon
          icon={report.ok ? <CheckCircleOutlined /> : <WarningOutlined />}
          closable={{ onClose: () => setReport(null) }}
          style={{ marginBottom: 16 }}
          data-testid="reconcile-result"
          title={report.ok ? t('funding.budget.reconcileOk', { n: report.movements }) : t('funding.budget.reconcileBad', { n: report.problems.length })}
          description={
            <>
              <div>{t('funding.budget.reconcileTotals', { debit: wan(report.debitFen), credit: wan(report.creditFen) })}</div>
              {report.problems.map((p) => (
                <div key={p}>{p}</div>
              ))}
            </>
          }
        />
      ) : null}
      {byDepartment ? <BudgetOverviewView year={overviewYear} state={overview} /> : budgetList}
      {creating ? <CreateBudgetModal budgets={budgets} onClose={() => setCreating(false)} onDone={reload} /> : null}
      {funding ? <FundBudgetModal budget={funding} onClose={() => setFunding(null)} onDone={reload} /> : null}
    </div>
  );
}

type OverviewRow = BudgetOverview['departments'][number];
type PoolRow = BudgetOverview['pools'][number];

/**
 * 按部门: the year's item budgets per department (chart and table with 合计), the monthly payments,
 * and the pools apart. The server sums in SQL; the page only orders and formats.
 */
function BudgetOverviewView({ year, state }: { year: number; state: ApiState<BudgetOverview> }) {
  const { t } = useFundingI18n();
  const deptName = useDepartmentName();
  const data = state.data?.year === year ? state.data : undefined;
  const departments = useMemo(() => sortDepartments(data?.departments ?? []), [data]);
  const labels = useMemo(
    () => ({
      available: t('funding.budget.available'),
      reserved: t('funding.budget.reserved'),
      spent: t('funding.budget.spent'),
      unit: t('money.wan'),
      monthly: t('funding.overview.monthly', { year }),
      month: t('funding.overview.month'),
      noPayments: t('funding.overview.noPayments'),
    }),
    [t, year],
  );
  if (state.error && !data) return <LoadErrorAlert error={state.error} onRetry={state.reload} />;
  if (!data) return <PageLoading />;
  const nothing = data.totals.budgets === 0 && data.totals.months.every((m) => m.paidFen === 0);

  const money = (key: 'fundedFen' | 'availableFen' | 'reservedFen' | 'spentFen', title: string): NonNullable<TableProps<OverviewRow>['columns']>[number] => ({ title, key, align: 'right', render: (_, d) => wan(d[key]) });
  const columns: TableProps<OverviewRow>['columns'] = [
    { title: t('funding.budget.department'), key: 'dept', render: (_, d) => deptName(d.departmentCode) },
    { title: t('funding.overview.budgets'), dataIndex: 'budgets', align: 'right' },
    money('fundedFen', t('funding.budget.funded')),
    money('availableFen', t('funding.budget.available')),
    money('reservedFen', t('funding.budget.reserved')),
    money('spentFen', t('funding.budget.spent')),
    {
      title: t('funding.budget.used'),
      key: 'used',
      render: (_, d) => {
        const p = usedPercent(d);
        return (
          <>
            {p === null ? '—' : `${p}%`}
            {partsAddUp(d) ? null : <Tag color="red">{t('funding.budget.mismatch')}</Tag>}
          </>
        );
      },
    },
    { title: t('funding.overview.paidInYear'), key: 'paid', align: 'right', render: (_, d) => wan(paidInYear(d)) },
  ];
  const poolColumns: TableProps<PoolRow>['columns'] = [
    { title: '#', dataIndex: 'id', width: 60 },
    { title: t('funding.budget.name'), key: 'name', render: (_, p) => <Link to={budgetPath(p.id)}>{p.name}</Link> },
    { title: t('funding.overview.years'), key: 'years', render: (_, p) => `${p.years.from}–${p.years.to}` },
    { title: t('funding.budget.department'), key: 'dept', render: (_, p) => deptName(p.departmentCode) },
    { title: t('funding.budget.funded'), key: 'funded', align: 'right', render: (_, p) => wan(p.fundedFen) },
    { title: t('funding.budget.available'), key: 'available', align: 'right', render: (_, p) => wan(p.availableFen) },
    { title: t('funding.budget.reserved'), key: 'reserved', align: 'right', render: (_, p) => wan(p.reservedFen) },
    { title: t('funding.budget.spent'), key: 'spent', align: 'right', render: (_, p) => wan(p.spentFen) },
  ];

  return (
    <div data-testid="budget-overview" data-year={year}>
      <LoadErrorAlert error={state.error} onRetry={state.reload} />
      <Card size="small" title={t('funding.overview.title', { year })}>
        <Typography.Paragraph type="secondary">{t('funding.overview.note')}</Typography.Paragraph>
        {nothing ? (
          <Empty description={t('funding.overview.empty', { year })} data-testid="budget-overview-empty" />
        ) : (
          <>
            <Typography.Text strong>{t('funding.overview.chart')}</Typography.Text>
            <Suspense fallback={<PageLoading />}>
              <DepartmentChart departments={departments} nameOf={deptName} labels={labels} />
            </Suspense>
            <Table<OverviewRow>
              rowKey="departmentCode"
              size="small"
              style={{ marginTop: 16 }}
             
              dataSource={departments}
              columns={columns}
              pagination={false}
              onRow={(d) => rowTestId(`department-row-${d.departmentCode}`)}
              data-testid="department-table"
              summary={() =>
                departments.length > 1 ? (
                  <Table.Summary.Row data-testid="department-total">
                    <Table.Summary.Cell index={0}>{t('funding.overview.total')}</Table.Summary.Cell>
                    <Table.Summary.Cell index={1} align="right">
                      {data.totals.budgets}
                    </Table.Summary.Cell>
                    {(['fundedFen', 'availableFen', 'reservedFen', 'spentFen'] as const).map((k, i) => (
                      <Table.Summary.Cell key={k} index={i + 2} align="right">
                        {wan(data.totals[k])}
                      </Table.Summary.Cell>
                    ))}
                    <Table.Summary.Cell index={6}>{usedPercent(data.totals) === null ? '—' : `${usedPercent(data.totals)}%`}</Table.Summary.Cell>
                    <Table.Summary.Cell index={7} align="right">
                      {wan(paidInYear(data.totals))}
                    </Table.Summary.Cell>
                  </Table.Summary.Row>
                ) : null
              }
            />
          </>
        )}
      </Card>
      {data.pools.length ? (
        <Card size="small" title={t('funding.overview.pools')} style={{ marginTop: 16 }}>
          <Table<PoolRow> rowKey="id" size="small" dataSource={data.pools} columns={poolColumns} pagination={false} onRow={(p) => rowTestId(`overview-pool-${p.id}`)} data-testid="overview-pools" />
        </Card>
      ) : null}
    </div>
  );
}

/** A budget's 台账: its balances and its movements, newest first, paged in the URL. */
export function BudgetLedgerPage() {
  const { id } = useParams();
  const { t } = useFundingI18n();
  const qp = useQueryParams();
  const list = usePagedList<Movement>(qp, `/funding/budgets/${Number(id)}/ledger`, {}, 20);
  const deptName = useDepartmentNames();
  const data = list.data as Ledger | undefined;
  if (list.error && !data) return <ErrorState error={list.error} onRetry={list.reload} />;
  if (!data) return <PageLoading />;
  const b = data.budget;
  return (
    <div data-testid="budget-ledger">
      <PageHeader
        title={t('funding.budget.ledgerTitle', { name: b.name })}
        subtitle={`${b.itemTitle ?? b.itemId ?? t('funding.budget.kindPool')} · ${b.years ? `${b.years.from}–${b.years.to}` : (b.year ?? '')} · ${deptName(b.departmentCode)}`}
        extra={
          <Link to={budgetsPath}>
            <Button>{t('funding.budget.back')}</Button>
          </Link>
        }
      />
      <Flex gap={32} wrap style={{ marginBottom: 16 }}>
        {(
          [
            ['funded', b.fundedFen],
            ['available', b.availableFen],
            ['reserved', b.reservedFen],
            ['spent', b.spentFen],
          ] as const
        ).map(([k, v]) => (
          <Flex key={k} vertical>
            <Typography.Text type="secondary">{t(`funding.budget.${k}`)}</Typography.Text>
            <Typography.Text strong style={{ fontSize: 18 }} data-testid={`ledger-${k}`}>
              {wan(v)}
            </Typography.Text>
          </Flex>
        ))}
      </Flex>
      <LoadErrorAlert error={list.error} onRetry={list.reload} />
      <PagedTable<Movement>
        list={list}
        rowKey="id"
        size="middle"
        data-testid="ledger-table"
        empty={t('funding.budget.noMovements')}
        columns={[
          { title: '#', dataIndex: 'id', width: 70 },
          { title: t('funding.budget.movement'), dataIndex: 'kindLabel', render: (v: string, m) => <Tag>{v || m.kind}</Tag> },
          { title: t('funding.detail.amount'), dataIndex: 'amountFen', align: 'right', render: (v: number) => wan(v) },
          { title: t('funding.budget.application'), dataIndex: 'applicationId', render: (v: number | null) => (v ? <Link to={applicationPath(v)}>#{v}</Link> : '—') },
          { title: t('funding.budget.via'), dataIndex: 'viaBudgetId', render: (v: number | null) => (v ? <Link to={budgetPath(v)}>#{v}</Link> : '—') },
          { title: t('funding.detail.note'), dataIndex: 'note', render: (v: string | null) => v ?? '—' },
          { title: t('funding.detail.by'), dataIndex: 'by', render: (v: string | null) => v ?? '—' },
          { title: t('funding.detail.at'), dataIndex: 'at', render: (v: string) => formatDateTime(v) },
        ]}
      />
    </div>
  );
}
