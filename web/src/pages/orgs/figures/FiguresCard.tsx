/**
 * An enterprise's yearly figures: a table (years as rows, money in 万元),
 * derived ratios, and a revenue / R&D chart. Viewers who may not see finances
 * get a plain notice instead of an error.
 */
import { EditOutlined, LockOutlined, PlusOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Empty, Popconfirm, Result, Row, Statistic, Table, Tag, Tooltip, Typography, type TableProps } from 'antd';
import { Suspense, lazy, useMemo, useState } from 'react';
import { ErrorState } from '../../../components/ErrorState.js';
import { PageLoading } from '../../../components/PageLoading.js';
import { formatDateTime } from '../../../lib/dates.js';
import { useI18n } from '../../../lib/i18n.js';
import { formatFen } from '../../../lib/money.js';
import { api } from '../../../lib/api.js';
import { canEditFigures, canVerifyFigures } from '../../../lib/permissions.js';
import { useMe } from '../../../lib/session.js';
import type { Items, OrgDetail, YearlyFigures } from '../../../lib/types.js';
import { useApi } from '../../../lib/useApi.js';
import { FIGURE_FIELDS, FIGURE_KEYS } from './fields.js';
import { FiguresFormModal } from './FiguresFormModal.js';
import { RATIOS } from './ratios.js';

const FiguresChart = lazy(() => import('./FiguresChart.js'));

type Editing = { year: number | null; current: YearlyFigures | undefined } | null;

export function FiguresCard({ org }: { org: OrgDetail }) {
  const { t, pick } = useI18n();
  const me = useMe();
  const { data, error, loading, reload } = useApi<Items<YearlyFigures>>(`/orgs/${org.id}/figures`);
  const [editing, setEditing] = useState<Editing>(null);
  const editable = canEditFigures(me, org);
  const verifier = canVerifyFigures(me);
  const { message } = App.useApp();
  const verify = async (year: number) => {
    try {
      await api.post(`/orgs/${org.id}/figures/${year}/verify`, {});
      message.success(t('figures.verified', { year }));
      reload();
    } catch (e) {
      message.error((e as Error).message);
    }
  };

  const rows = useMemo(() => [...(data?.items ?? [])].sort((a, b) => b.year - a.year), [data]);
  const chart = useMemo(() => {
    const asc = [...rows].reverse();
    return {
      years: asc.map((r) => r.year),
      revenueFen: asc.map((r) => r.revenue),
      rdExpenseFen: asc.map((r) => r.rdExpense),
    };
  }, [rows]);
  const chartLabels = useMemo(
    () => ({ revenue: pick(FIGURE_FIELDS.revenue.label), rdExpense: pick(FIGURE_FIELDS.rdExpense.label), unit: t('money.wan') }),
    [pick, t],
  );

  const columns: TableProps<YearlyFigures>['columns'] = [
    { title: t('figures.year'), dataIndex: 'year', key: 'year', fixed: 'left', width: 80 },
    ...FIGURE_KEYS.map((key) => {
      const f = FIGURE_FIELDS[key];
      return {
        title: f.kind === 'money' ? `${pick(f.label)}（${t('money.wan')}）` : pick(f.label),
        dataIndex: key,
        key,
        align: 'right' as const,
        width: f.kind === 'money' ? 150 : 110,
        render: (v: number) => (f.kind === 'money' ? formatFen(v) : v.toLocaleString('zh-CN')),
      };
    }),
    ...RATIOS.map((r) => ({
      title: pick(r.label),
      key: r.key,
      align: 'right' as const,
      width: 130,
      render: (_: unknown, row: YearlyFigures) => {
        const v = r.value(row);
        return v === null ? '—' : `${v}%`;
      },
    })),
    {
      title: t('figures.source'),
      dataIndex: 'source',
      key: 'source',
      width: 110,
      render: (v: YearlyFigures['source'], row: YearlyFigures) => (
        <Tooltip title={t(`figures.sourceHint.${v}`)}>
          <Tag color={v === 'declared' ? 'orange' : v === 'verified' ? 'green' : 'blue'} data-testid={`figures-source-${row.year}`}>
            {t(`figures.source.${v}`)}
          </Tag>
        </Tooltip>
      ),
    },
    { title: t('common.updatedAt'), dataIndex: 'updatedAt', key: 'updatedAt', width: 170, render: (v: string) => formatDateTime(v) },
    ...(editable || verifier
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            fixed: 'right' as const,
            width: 130,
            render: (_: unknown, row: YearlyFigures) => (
              <>
                {editable ? (
                  <Button size="small" type="link" icon={<EditOutlined />} onClick={() => setEditing({ year: row.year, current: row })} data-testid={`figures-edit-${row.year}`}>
                    {t('common.edit')}
                  </Button>
                ) : null}
                {verifier && row.source === 'declared' ? (
                  <Popconfirm title={t('figures.verifyConfirm', { year: row.year })} onConfirm={() => verify(row.year)}>
                    <Button size="small" type="link" icon={<SafetyCertificateOutlined />} data-testid={`figures-verify-${row.year}`}>
                      {t('figures.verify')}
                    </Button>
                  </Popconfirm>
                ) : null}
              </>
            ),
          },
        ]
      : []),
  ];

  let body;
  if (error?.status === 403) {
    body = <Result icon={<LockOutlined />} status="warning" title={t('figures.forbidden')} subTitle={t('figures.forbiddenHint')} data-testid="figures-forbidden" />;
  } else if (error) {
    body = <ErrorState error={error} onRetry={reload} />;
  } else if (loading && !data) {
    body = <PageLoading />;
  } else if (rows.length === 0) {
    body = <Empty description={t('figures.empty')} />;
  } else {
    const latest = rows[0]!;
    body = (
      <>
        <Typography.Text type="secondary">{t('figures.latestRatios', { year: latest.year })}</Typography.Text>
        <Row gutter={16} style={{ margin: '8px 0 16px' }} data-testid="figures-ratios">
          {RATIOS.map((r) => {
            const v = r.value(latest);
            return (
              <Col key={r.key} xs={12} md={6}>
                <Statistic title={pick(r.label)} value={v ?? '—'} suffix={v === null ? undefined : '%'} />
              </Col>
            );
          })}
        </Row>
        <Table<YearlyFigures> rowKey="year" size="small" columns={columns} dataSource={rows} pagination={false} loading={loading} scroll={{ x: 'max-content' }} data-testid="figures-table" />
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          {t('figures.roundingNote')}
        </Typography.Paragraph>
        <Suspense fallback={<PageLoading />}>
          <FiguresChart years={chart.years} revenueFen={chart.revenueFen} rdExpenseFen={chart.rdExpenseFen} labels={chartLabels} />
        </Suspense>
      </>
    );
  }

  return (
    <Card
      title={t('figures.title')}
      size="small"
      style={{ marginBottom: 24 }}
      extra={
        editable && !error ? (
          <Tooltip title={t('figures.addHint')}>
            <Button size="small" icon={<PlusOutlined />} onClick={() => setEditing({ year: null, current: undefined })} data-testid="figures-add">
              {t('figures.add')}
            </Button>
          </Tooltip>
        ) : null
      }
    >
      {body}
      {editing ? (
        <FiguresFormModal
          orgId={org.id}
          year={editing.year}
          current={editing.current}
          takenYears={rows.map((r) => r.year)}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            reload();
          }}
        />
      ) : null}
    </Card>
  );
}
