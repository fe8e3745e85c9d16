/**
 * 申报 (/funding/applications = GET /api/funding/applications): the server shows each role its own —
 * an enterprise its applications and 免申即享 offers, an official the applications for their
 * department's items (the inbox), an expert the ones assigned to them, an administrator all. Filters
 * (state, item, year, origin) and paging live in the URL. An enterprise starts 新建申报 here
 * (/funding/applications/new[?itemId=] opens the form with the item chosen — the policy calculator's
 * 去申报); an offer row leads to its page to 确认. An official selects rows for the batch actions
 * (初审通过 for those in 部门初审; 拨付 for those 待拨付, each payment with its own idempotency key),
 * run one by one with a result per row; 免申即享推送 turns the latest batch run into confirmation
 * requests; 公示名单 and 拨付清单 download as .xlsx (the item and year filters apply).
 */
import { DownloadOutlined, PlusOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, InputNumber, Modal, Select, Table, Tag, Typography, type TableProps } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { PageHeader } from '../../components/PageHeader.js';
import { FilteredEmpty, LoadErrorAlert, PagedTable } from '../../components/PagedTable.js';
import { api, download, saveBlob } from '../../lib/api.js';
import { formatDateTime } from '../../lib/dates.js';
import { errorMessage } from '../../lib/errors.js';
import { useMe } from '../../lib/session.js';
import type { Items, PolicyItemSummary } from '../../lib/types.js';
import { useApi } from '../../lib/useApi.js';
import { usePagedList } from '../../lib/usePagedList.js';
import { oneOf, useQueryParams } from '../../lib/useQueryParams.js';
import { STATES } from '../../../../src/funding/engine/lifecycle.js';
import { ApplicationFormModal } from './ApplicationFormModal.js';
import { actionLabel, formatFenYuan, newIdempotencyKey, runBatch, stateLabel, type BatchRow } from './labels.js';
import { OffersModal } from './OffersModal.js';
import { amountText, OriginTag, StateTag, wan } from './parts.js';
import { applicationPath, applicationsPath } from './paths.js';
import type { ActResult, Application } from './types.js';
import { useFundingI18n } from './words.js';

const FILTER_KEYS = ['state', 'itemId', 'year', 'origin'] as const;

interface BatchRun {
  action: 'pre_pass' | 'pay';
  rows: BatchRow<ActResult>[];
  running: boolean;
  total: number;
}

export function ApplicationList({ creating = false }: { creating?: boolean }) {
  const { t, lang } = useFundingI18n();
  const me = useMe();
  // An enterprise, or an institution applying for the items whose applicants include institutions.
  const applicant = me.role === 'enterprise' || me.role === 'institution';
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const qp = useQueryParams();
  const [search] = useSearchParams();
  const items = useApi<Items<PolicyItemSummary>>('/policy/items');
  const state = oneOf(STATES, qp.get('state'));
  const origin = oneOf(['apply', 'proactive'] as const, qp.get('origin'));
  const yearRaw = qp.int('year', 0);
  const year = yearRaw >= 2020 && yearRaw <= 2100 ? yearRaw : undefined;
  const itemId = qp.get('itemId');
  const list = usePagedList<Application>(qp, '/funding/applications', { state, itemId: creating ? undefined : itemId, year, origin }, 20);
  const [selected, setSelected] = useState<number[]>([]);
  const [batch, setBatch] = useState<BatchRun | null>(null);
  const [offering, setOffering] = useState(false);

  const office = me.role === 'official';
  const mayDownload = me.role === 'official' || me.role === 'admin';
  const rows = list.data?.items ?? [];
  const pick = (s: string) => rows.filter((r) => selected.includes(r.id) && r.state === s);

  async function startBatch(action: 'pre_pass' | 'pay') {
    const targets = pick(action === 'pre_pass' ? 'pre_review' : 'payable');
    if (!targets.length) return;
    const total = targets.reduce((s, r) => s + (r.approvedFen ?? 0), 0);
    const ok = await modal.confirm({
      title: t('funding.batch.confirmTitle', { action: actionLabel(lang, action), n: targets.length }),
      content: action === 'pay' ? t('funding.batch.payTotal', { yuan: formatFenYuan(total) }) : t('funding.batch.prePassNote'),
      okText: actionLabel(lang, action),
      cancelText: t('common.cancel'),
    });
    if (!ok) return;
    setBatch({ action, rows: [], running: true, total: targets.length });
    const byId = new Map(targets.map((r) => [r.id, r]));
    await runBatch<ActResult>(
      targets.map((r) => r.id),
      (id) =>
        api.post<ActResult>(`/funding/applications/${id}/act`, action === 'pay' ? { action, idempotencyKey: newIdempotencyKey(), amountFen: byId.get(id)?.approvedFen } : { action }),
      (err) => errorMessage(err, t),
      (row) => setBatch((b) => (b ? { ...b, rows: [...b.rows, row] } : b)),
    );
    setBatch((b) => (b ? { ...b, running: false } : b));
    setSelected([]);
    list.reload();
  }

  async function get(path: string, query: Record<string, string | number | undefined>, fallback: string) {
    try {
      const { blob, filename } = await download(path, query);
      saveBlob(blob, filename ?? fallback);
    } catch (err) {
      message.error(errorMessage(err, t));
    }
  }

  const columns: TableProps<Application>['columns'] = [
    { title: '#', dataIndex: 'id', width: 70, render: (id: number) => <Link to={applicationPath(id)}>#{id}</Link> },
    {
      title: t('funding.col.item'),
      key: 'item',
      render: (_, r) => (
        <Link to={applicationPath(r.id)} data-testid={`funding-row-${r.id}`}>
          {r.itemTitle}
        </Link>
      ),
    },
    ...(applicant ? [] : [{ title: t('funding.col.org'), dataIndex: 'orgName', render: (v: string | null, r: Application) => v ?? `#${r.orgId}` }]),
    { title: t('funding.col.project'), dataIndex: 'project', render: (v: string | null) => v ?? '—' },
    { title: t('funding.col.year'), dataIndex: 'year', width: 70 },
    { title: t('funding.col.origin'), key: 'origin', render: (_, r) => <OriginTag origin={r.origin} /> },
    {
      title: t('funding.col.state'),
      key: 'state',
      render: (_, r) => (
        <>
          <StateTag state={r.state} />
          {r.waitingFor ? (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }} data-testid={`funding-waiting-${r.id}`}>
              {r.waitingFor}
            </Typography.Text>
          ) : null}
        </>
      ),
    },
    { title: t('funding.col.engine'), key: 'engine', render: (_, r) => amountText(t, r.evaluation.amount, r.evaluation.kind) },
    { title: t('funding.col.requested'), key: 'requested', render: (_, r) => wan(r.requestedFen) },
    { title: t('funding.col.approved'), key: 'approved', render: (_, r) => wan(r.approvedFen) },
    { title: t('funding.col.submittedAt'), key: 'submittedAt', render: (_, r) => formatDateTime(r.submittedAt ?? r.createdAt) },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, r) =>
        applicant && r.state === 'offered' ? (
          <Link to={applicationPath(r.id)} data-testid={`funding-confirm-${r.id}`}>
            <Button size="small" type="primary">
              {t('funding.list.toConfirm')}
            </Button>
          </Link>
        ) : (
          <Link to={applicationPath(r.id)}>{t('funding.list.open')}</Link>
        ),
    },
  ];

  const title = applicant ? t('funding.list.titleEnterprise') : me.role === 'expert' ? t('funding.list.titleExpert') : me.role === 'official' ? t('funding.list.titleOfficial') : t('funding.list.titleAdmin');
  const subtitle = applicant ? t('funding.list.subEnterprise') : me.role === 'expert' ? t('funding.list.subExpert') : me.role === 'official' ? t('funding.list.subOfficial') : t('funding.list.subAdmin');
  const allItems = [...(items.data?.items ?? [])].sort((a, b) => a.measure - b.measure || a.id.localeCompare(b.id));

  return (
    <div data-testid="funding-list">
      <PageHeader
        title={title}
        subtitle={subtitle}
        extra={
          <>
            {applicant ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate(`${applicationsPath}/new`)} data-testid="funding-new">
                {t('funding.list.new')}
              </Button>
            ) : null}
            {office ? (
              <Button icon={<SendOutlined />} onClick={() => setOffering(true)} data-testid="funding-offers">
                {t('funding.offers.open')}
              </Button>
            ) : null}
            {mayDownload ? (
              <>
                <Button icon={<DownloadOutlined />} onClick={() => void get('/funding/documents/publicity.xlsx', { itemId, year }, '公示名单.xlsx')} data-testid="funding-dl-publicity">
                  {t('funding.list.dlPublicity')}
                </Button>
                <Button icon={<DownloadOutlined />} onClick={() => void get('/funding/documents/payments.xlsx', { itemId, year, state: 'payable' }, '待拨付清单.xlsx')} data-testid="funding-dl-payable">
                  {t('funding.list.dlPayable')}
                </Button>
                <Button icon={<DownloadOutlined />} onClick={() => void get('/funding/documents/payments.xlsx', { itemId, year, state: 'paid' }, '已拨付清单.xlsx')} data-testid="funding-dl-paid">
                  {t('funding.list.dlPaid')}
                </Button>
              </>
            ) : null}
          </>
        }
      />
      <Flex gap={8} wrap style={{ marginBottom: 16 }}>
        <Select
          allowClear
          placeholder={t('funding.filter.state')}
          value={state}
          onChange={(v?: string) => qp.update({ state: v })}
          options={STATES.map((s) => ({ value: s, label: stateLabel(lang, s) }))}
          style={{ width: 150 }}
          data-testid="funding-filter-state"
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('funding.filter.item')}
          value={itemId}
          onChange={(v?: string) => qp.update({ itemId: v })}
          options={allItems.map((i) => ({ value: i.id, label: t('funding.form.itemOption', { n: i.measure, title: i.title }) }))}
          style={{ width: 320 }}
          data-testid="funding-filter-item"
        />
        <InputNumber placeholder={t('funding.filter.year')} min={2020} max={2100} precision={0} value={year ?? null} onChange={(v) => qp.update({ year: v ?? undefined })} style={{ width: 120 }} data-testid="funding-filter-year" />
        <Select
          allowClear
          placeholder={t('funding.filter.origin')}
          value={origin}
          onChange={(v?: string) => qp.update({ origin: v })}
          options={[
            { value: 'apply', label: t('funding.origin.apply') },
            { value: 'proactive', label: t('funding.origin.proactive') },
          ]}
          style={{ width: 140 }}
          data-testid="funding-filter-origin"
        />
      </Flex>
      {office ? (
        <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
          <Typography.Text type="secondary">{t('funding.batch.selected', { n: selected.length })}</Typography.Text>
          <Button disabled={!pick('pre_review').length || batch?.running === true} onClick={() => void startBatch('pre_pass')} data-testid="batch-pre_pass">
            {t('funding.batch.prePass', { n: pick('pre_review').length })}
          </Button>
          <Button disabled={!pick('payable').length || batch?.running === true} onClick={() => void startBatch('pay')} data-testid="batch-pay">
            {t('funding.batch.pay', { n: pick('payable').length })}
          </Button>
        </Flex>
      ) : null}
      <LoadErrorAlert error={list.error} onRetry={list.reload} />
      <PagedTable<Application>
        list={list}
        rowKey="id"
        size="middle"
       
        columns={columns}
        rowSelection={office ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys.map(Number)) } : undefined}
        data-testid="funding-table"
        empty={<FilteredEmpty qp={qp} filterKeys={FILTER_KEYS} all={t('funding.list.empty')} filtered={t('funding.list.emptyFiltered')} />}
      />

      {batch ? (
        <Modal
          open
          title={t('funding.batch.resultTitle', { action: actionLabel(lang, batch.action) })}
          onCancel={() => !batch.running && setBatch(null)}
          footer={
            <Button type="primary" disabled={batch.running} onClick={() => setBatch(null)} data-testid="batch-close">
              {t('funding.batch.close')}
            </Button>
          }
        >
          <Typography.Paragraph data-testid="batch-progress">
            {t('funding.batch.progress', { done: batch.rows.length, total: batch.total, ok: batch.rows.filter((r) => r.ok).length })}
          </Typography.Paragraph>
          <Table<BatchRow<ActResult>>
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={batch.rows}
            data-testid="batch-results"
            columns={[
              { title: '#', dataIndex: 'id', render: (id: number) => <Link to={applicationPath(id)}>#{id}</Link> },
              {
                title: t('funding.batch.result'),
                key: 'r',
                render: (_, r) =>
                  r.ok ? (
                    <Tag color="green">
                      {r.result?.payment?.replayed ? t('funding.act.replayed') : stateLabel(lang, r.result?.state ?? '')}
                    </Tag>
                  ) : (
                    <Typography.Text type="danger">{r.message}</Typography.Text>
                  ),
              },
            ]}
          />
        </Modal>
      ) : null}

      {offering ? <OffersModal items={items.data?.items ?? []} onClose={() => setOffering(false)} onDone={list.reload} /> : null}
      {creating ? (
        <ApplicationFormModal
          presetItemId={search.get('itemId') ?? undefined}
          onClose={() => void navigate(applicationsPath, { replace: true })}
          onSaved={(id) => void navigate(applicationPath(id), { replace: true })}
        />
      ) : null}
      {mayDownload ? <Alert type="info" showIcon style={{ marginTop: 16 }} title={t('funding.list.downloadsNote')} /> : null}
    </div>
  );
}
