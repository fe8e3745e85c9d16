/**
 * An application for every role that may read it (/funding/applications/:id = GET …/:id; a 404 for
 * others): the steps of its path (申报 or 免申即享; a side state marks the step it left), the engine's
 * evaluation, the figures (requested, engine, approved; bank account masked), 初审 sign-offs, expert
 * reviews (as the API shows them: names for the office and the expert themself, scores without names
 * for the enterprise), approvals, 公示 and objections, the events timeline, the attachments, and the
 * 决定记录 PDF (downloaded, so a 503 for a missing font is said in words). The action buttons are the
 * server's `allowed` actions for this viewer (the lifecycle table with the people rules and the budget:
 * only what it would accept), and `waitingFor` says whom the application waits for otherwise
 * ("等待 市教育局 初审"); each button opens its form (ActionModal). The enterprise edits a draft or returned application here.
 */
import { FilePdfOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Descriptions, Flex, Row, Steps, Table, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ErrorState } from '../../components/ErrorState.js';
import { PageHeader } from '../../components/PageHeader.js';
import { PageLoading } from '../../components/PageLoading.js';
import { download, saveBlob } from '../../lib/api.js';
import { formatDate, formatDateTime } from '../../lib/dates.js';
import { errorMessage } from '../../lib/errors.js';
import { formatFenExact } from '../../lib/money.js';
import { useReference } from '../../lib/reference.js';
import { useMe } from '../../lib/session.js';
import { useApi } from '../../lib/useApi.js';
import { REVIEW_CRITERIA } from '../../../../src/shared/funding.js';
import { ActionModal } from './ActionModal.js';
import { factDef, factLabel, useFactCatalogue } from '../policy/facts.js';
import { ApplicationFormModal } from './ApplicationFormModal.js';
import { Attachments } from './Attachments.js';
import { actionLabel, actionsFor, stateLabel, stepsOf } from './labels.js';
import { EvaluationCard, OriginTag, StateTag, wan } from './parts.js';
import { applicationsPath } from './paths.js';
import type { Action, ApplicationDetail as Detail } from './types.js';
import { useFundingI18n } from './words.js';

const DANGER: readonly Action[] = ['reject', 'cancel', 'withdraw', 'return', 'claw_back', 'return_payment'];
const EDITABLE = ['draft', 'returned', 'offered'];

export function ApplicationDetail() {
  const { id } = useParams();
  const { t, lang, pick } = useFundingI18n();
  const me = useMe();
  const { message } = App.useApp();
  const app = useApi<Detail>(`/funding/applications/${Number(id)}`);
  const [acting, setActing] = useState<{ action: Action; objectionId?: number } | null>(null);
  const [editing, setEditing] = useState(false);
  const [pdfBusy, setPdfBusy] = useState(false);
  const departments = useReference('departments');
  const deptName = (code: string) => departments.items.find((d) => d.code === code)?.name ?? code;
  useFactCatalogue();
  const factText = (name: string, v: unknown) => {
    const label = factLabel(name);
    const value = typeof v === 'boolean' ? (v ? t('funding.yes') : t('funding.no')) : typeof v === 'number' && factDef(name)?.type === 'money' ? `${formatFenExact(v)} ${t('money.wan')}` : String(v);
    return `${label ? pick(label) : name}：${value}`;
  };

  if (app.error && !app.data) return <ErrorState error={app.error} onRetry={app.reload} />;
  if (!app.data) return <PageLoading />;
  const a = app.data;
  const mine = (me.role === 'enterprise' || me.role === 'institution') && me.orgId === a.orgId;
  const actions = actionsFor(me.role, a.allowed).filter((x) => x !== 'resolve_objection' || a.objections.some((o) => o.resolvedAt === null));
  const steps = stepsOf(a.origin, a.state, a.events);

  async function record() {
    setPdfBusy(true);
    try {
      const { blob, filename } = await download(`/funding/applications/${a.id}/record.pdf`);
      saveBlob(blob, filename ?? `申报${a.id}决定记录.pdf`);
    } catch (err) {
      message.error(errorMessage(err, t));
    } finally {
      setPdfBusy(false);
    }
  }

  return (
    <div data-testid="funding-detail" data-state={a.state}>
      <PageHeader
        title={
          <Flex gap={8} align="center" wrap>
            <span>{t('funding.detail.title', { id: a.id })}</span>
            <StateTag state={a.state} />
            <OriginTag origin={a.origin} />
          </Flex>
        }
        subtitle={`${a.itemTitle} · ${a.orgName ?? `#${a.orgId}`} · ${a.year}`}
        extra={
          <>
            <Link to={applicationsPath}>
              <Button>{t('funding.detail.back')}</Button>
            </Link>
            <Button icon={<FilePdfOutlined />} loading={pdfBusy} onClick={() => void record()} data-testid="funding-record">
              {t('funding.detail.record')}
            </Button>
          </>
        }
      />

      <Card size="small" style={{ marginBottom: 16 }}>
        <Steps
          size="small"
          current={steps.current}
          status={steps.status}
          items={steps.path.map((s, i) => ({ title: i === steps.current && steps.side ? `${stateLabel(lang, s)} → ${stateLabel(lang, steps.side)}` : stateLabel(lang, s) }))}
          data-testid="funding-steps"
        />
      </Card>

      {a.waitingFor ? <Alert type="info" showIcon style={{ marginBottom: 16 }} data-testid="funding-waiting" title={a.waitingFor} /> : null}
      {a.returnNote && a.state === 'returned' ? <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('funding.detail.returned')} description={a.returnNote} /> : null}
      {a.state === 'approval' && a.approvals.length > 0 ? (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} data-testid="funding-second-approval" title={t('funding.detail.secondApproval', { amount: wan(a.approvals[0]!.amountFen), by: a.approvals[0]!.by })} />
      ) : null}
      {a.rejectReason ? <Alert type="error" showIcon style={{ marginBottom: 16 }} title={t(a.state === 'clawed_back' ? 'funding.detail.clawedBack' : 'funding.detail.rejected', { reason: a.rejectReasonLabel ?? a.rejectReason })} description={a.rejectNote ?? undefined} /> : null}

      {actions.length > 0 || (mine && (a.state === 'draft' || a.state === 'returned')) ? (
        <Card size="small" title={t('funding.detail.actions')} style={{ marginBottom: 16 }}>
          <Flex gap={8} wrap data-testid="funding-actions">
            {mine && (a.state === 'draft' || a.state === 'returned') ? (
              <Button onClick={() => setEditing(true)} data-testid="funding-edit">
                {t('funding.detail.edit')}
              </Button>
            ) : null}
            {actions.map((x) => (
              <Button key={x} type={DANGER.includes(x) ? 'default' : 'primary'} danger={DANGER.includes(x)} onClick={() => setActing({ action: x })} data-testid={`act-${x}`}>
                {actionLabel(lang, x)}
              </Button>
            ))}
          </Flex>
          <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
            {t('funding.detail.actionsNote')}
          </Typography.Paragraph>
        </Card>
      ) : null}

      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('funding.detail.info')}>
            <Descriptions size="small" column={1}>
              <Descriptions.Item label={t('funding.col.org')}>{a.orgName ?? `#${a.orgId}`}</Descriptions.Item>
              <Descriptions.Item label={t('funding.col.item')}>
                {a.itemTitle}（{a.itemId}，{t('funding.detail.version', { v: a.itemVersion })}）
              </Descriptions.Item>
              <Descriptions.Item label={t('funding.detail.departments')}>{a.departments.map(deptName).join(t('common.listSep')) || '—'}</Descriptions.Item>
              <Descriptions.Item label={t('funding.col.year')}>{a.year}</Descriptions.Item>
              <Descriptions.Item label={t('funding.col.project')}>{a.project ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('funding.detail.partners')}>
                <span data-testid="funding-partners">{(a.partners ?? []).map((p) => p.name).join(t('common.listSep')) || '—'}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('funding.detail.facts')}>
                {Object.keys(a.facts ?? {}).length ? (
                  <Flex vertical data-testid="funding-facts">
                    {Object.entries(a.facts).map(([k, v]) => (
                      <span key={k}>{factText(k, v)}</span>
                    ))}
                  </Flex>
                ) : (
                  '—'
                )}
              </Descriptions.Item>
              <Descriptions.Item label={t('funding.col.requested')}>{wan(a.requestedFen)}</Descriptions.Item>
              <Descriptions.Item label={t('funding.col.approved')}>
                <span data-testid="funding-approved">{wan(a.approvedFen)}</span>
              </Descriptions.Item>
              {a.approvalReason ? <Descriptions.Item label={t('funding.detail.approvalReason')}>{a.approvalReason}</Descriptions.Item> : null}
              <Descriptions.Item label={t('funding.detail.bank')}>{a.bankAccount ? `${a.bankAccount.holder} · ${a.bankAccount.bank} · ${a.bankAccount.account}` : '—'}</Descriptions.Item>
              <Descriptions.Item label={t('funding.detail.publicity')}>{a.publicity ? `${formatDate(a.publicity.from)} — ${formatDate(a.publicity.to)}` : '—'}</Descriptions.Item>
              <Descriptions.Item label={t('funding.detail.submittedAt')}>{formatDateTime(a.submittedAt)}</Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <EvaluationCard evaluation={a.evaluation} />
        </Col>

        <Col xs={24} lg={12}>
          <Card size="small" title={t('funding.detail.signoffs')}>
            <Table
              size="small"
              rowKey={(s) => `${s.department}-${s.at}`}
              pagination={false}
              dataSource={a.signoffs}
              locale={{ emptyText: t('funding.detail.none') }}
              columns={[
                { title: t('funding.detail.department'), dataIndex: 'department', render: (v: string) => deptName(v) },
                { title: t('funding.detail.by'), dataIndex: 'by' },
                { title: t('funding.detail.note'), dataIndex: 'note', render: (v: string | null) => v ?? '—' },
                { title: t('funding.detail.at'), dataIndex: 'at', render: (v: string) => formatDateTime(v) },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('funding.detail.approvals')}>
            <Table
              size="small"
              rowKey={(p) => `${p.by}-${p.at}`}
              pagination={false}
              dataSource={a.approvals}
              locale={{ emptyText: t('funding.detail.none') }}
              columns={[
                { title: t('funding.detail.by'), dataIndex: 'by' },
                { title: t('funding.detail.amount'), dataIndex: 'amountFen', render: (v: number) => wan(v) },
                { title: t('funding.detail.reason'), dataIndex: 'reason', render: (v: string | null) => v ?? '—' },
                { title: t('funding.detail.at'), dataIndex: 'at', render: (v: string) => formatDateTime(v) },
              ]}
            />
          </Card>
        </Col>

        <Col xs={24}>
          <Card size="small" title={t('funding.detail.reviews')}>
            <Table
              size="small"
              rowKey={(r) => `${r.expertId ?? r.expert}-${r.scoredAt ?? ''}`}
              pagination={false}
              dataSource={a.reviews}
              locale={{ emptyText: t('funding.detail.none') }}
              scroll={{ x: 'max-content' }}
              data-testid="funding-reviews"
              columns={[
                { title: t('funding.detail.expert'), dataIndex: 'expert' },
                ...REVIEW_CRITERIA.map((c) => ({ title: `${c.label}（${c.max}）`, key: c.code, render: (_: unknown, r: Detail['reviews'][number]) => r.scores?.[c.code] ?? '—' })),
                { title: t('funding.detail.total'), dataIndex: 'total', render: (v: number | null) => v ?? '—' },
                {
                  title: t('funding.detail.opinion'),
                  key: 'opinion',
                  render: (_: unknown, r: Detail['reviews'][number]) => (r.conflictDeclared ? <Tag color="orange">{t('funding.detail.conflict')}</Tag> : null) ?? (r.scoredAt ? r.opinion : <Tag>{t('funding.detail.notScored')}</Tag>),
                },
              ]}
            />
            {a.reviews.some((r) => r.conflictDeclared && r.opinion) ? (
              <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
                {a.reviews
                  .filter((r) => r.conflictDeclared && r.opinion)
                  .map((r) => `${r.expert}：${r.opinion}`)
                  .join('；')}
              </Typography.Paragraph>
            ) : null}
          </Card>
        </Col>

        <Col xs={24}>
          <Card size="small" title={t('funding.detail.objections')}>
            <Table
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={a.objections}
              locale={{ emptyText: t('funding.detail.noObjections') }}
              columns={[
                { title: '#', dataIndex: 'id', width: 60 },
                { title: t('funding.detail.objection'), dataIndex: 'text', render: (v: string) => <span style={{ whiteSpace: 'pre-wrap' }}>{v}</span> },
                { title: t('funding.detail.at'), dataIndex: 'at', render: (v: string) => formatDateTime(v) },
                {
                  title: t('funding.detail.resolution'),
                  key: 'res',
                  render: (_: unknown, o: Detail['objections'][number]) =>
                    o.resolvedAt ? (
                      <>
                        <Tag color={o.upheld ? 'red' : 'green'}>{o.upheld ? t('funding.act.upheldYes') : t('funding.act.upheldNo')}</Tag>
                        {o.resolution}
                      </>
                    ) : actions.includes('resolve_objection') ? (
                      <Button size="small" onClick={() => setActing({ action: 'resolve_objection', objectionId: o.id })}>
                        {actionLabel(lang, 'resolve_objection')}
                      </Button>
                    ) : (
                      <Tag>{t('funding.detail.unresolved')}</Tag>
                    ),
                },
              ]}
            />
          </Card>
        </Col>

        <Col xs={24} lg={12}>
          <Attachments applicationId={a.id} editable={mine && EDITABLE.includes(a.state)} itemId={a.itemId} />
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('funding.detail.events')} data-testid="funding-events">
            <Timeline
              items={a.events.map((e) => ({
                content: (
                  <>
                    <Typography.Text strong>{actionLabel(lang, e.action)}</Typography.Text>
                    {e.action === 'assign_expert' && typeof e.detail?.reviewer === 'string' ? <Typography.Text strong>{`：${e.detail.reviewer}`}</Typography.Text> : null}{' '}
                    <Typography.Text type="secondary">
                      {e.from ? `${stateLabel(lang, e.from)} → ` : ''}
                      {stateLabel(lang, e.to)} · {e.by ?? t('funding.detail.platform')} · {formatDateTime(e.at)}
                    </Typography.Text>
                    {e.note ? <div style={{ whiteSpace: 'pre-wrap' }}>{e.note}</div> : null}
                  </>
                ),
              }))}
            />
          </Card>
        </Col>
      </Row>

      {acting ? (
        <ActionModal
          app={a}
          action={acting.action}
          objectionId={acting.objectionId}
          onClose={() => setActing(null)}
          onDone={() => {
            setActing(null);
            app.reload();
          }}
        />
      ) : null}
      {editing ? (
        <ApplicationFormModal
          editing={a}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            app.reload();
          }}
        />
      ) : null}
    </div>
  );
}
