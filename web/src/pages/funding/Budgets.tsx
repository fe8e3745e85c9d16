/**
 * 预算 (/funding/budgets, officials and administrators = GET /api/funding/budgets?year): the budgets and
 * pools (an official's department's; all for administrators) with 下达 / 可用 / 预留 / 已支付 in 万元,
 * a stacked bar per budget (BudgetChart, lazy), 新建预算 and 追加 (BudgetModals), each budget's 台账
 * (/funding/budgets/:id = GET …/:id/ledger, paged movements), and for administrators 对账
 * (GET /api/funding/ledger/reconcile: 借贷平衡, balances = entries, the problems in words).
 */
import { CheckCircleOutlined, PlusOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, InputNumber, Table, Tag, Typography, type TableProps } from 'antd';
import { lazy, Suspense, useMemo, useState } from 'react';
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
import { useApi } from '../../lib/useApi.js';
import { usePagedList } from '../../lib/usePagedList.js';
import { useQueryParams } from '../../lib/useQueryParams.js';
import { CreateBudgetModal, FundBudgetModal } from './BudgetModals.js';
import { partsAddUp, usedPercent } from './budgetFigures.js';
import { wan } from './parts.js';
import { applicationPath, budgetPath, budgetsPath } from './paths.js';
import type { Budget, BudgetLedger as Ledger, Movement, ReconcileReport } from './types.js';
import { useFundingI18n } from './words.js';

const BudgetChart = lazy(() => import('./BudgetChart.js'));

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
  const list = useApi<{ budgets: Budget[] }>('/funding/budgets', { year });
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

  return (
    <div data-testid="budgets-page">
      <PageHeader
        title={t('funding.budget.title')}
        subtitle={t('funding.budget.subtitle')}
        extra={
          <>
            <InputNumber placeholder={t('funding.filter.year')} min={2020} max={2100} precision={0} value={year ?? null} onChange={(v) => qp.update({ year: v ?? undefined })} style={{ width: 120 }} data-testid="budget-filter-year" />
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
      <LoadErrorAlert error={list.error} onRetry={list.reload} />
      <Table<Budget>
        rowKey="id"
        size="middle"
        scroll={{ x: 'max-content' }}
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
      {creating ? <CreateBudgetModal budgets={budgets} onClose={() => setCreating(false)} onDone={list.reload} /> : null}
      {funding ? <FundBudgetModal budget={funding} onClose={() => setFunding(null)} onDone={list.reload} /> : null}
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
