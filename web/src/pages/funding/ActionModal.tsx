/**
 * One action on an application (POST /api/funding/applications/:id/act with the shared ActInput),
 * each with its form: 确认 asks the bank account (holder, bank, account); 退回 / 撤销 a note; 不予支持 a
 * reason code and a note; 指派专家 picks from the expert pool (GET /api/market/experts); 声明回避 a note;
 * 评分 one whole number per REVIEW_CRITERIA criterion (up to its maximum) and an opinion; 审批 the
 * amount in 万元 (the engine's figure to start with) and a reason once it differs from the engine's
 * maximum; 异议 its text; 处理异议 the objection, upheld or not, and the resolution; 拨付 shows the amount
 * to the 分 and sends one idempotency key made when the dialog opened (a retry in the same dialog
 * cannot pay twice). The body is checked with ActInput first; a field error lands under its field;
 * a refusal (403, 409) shows the server's sentence in the dialog, and the application is reloaded
 * when the dialog closes.
 */
import { Alert, App, Form, Input, InputNumber, Select, Switch, Tag, Typography } from 'antd';
import { useState } from 'react';
import { FormModal } from '../../components/FormModal.js';
import { api, isApiError } from '../../lib/api.js';
import { errorMessage } from '../../lib/errors.js';
import { applyApiError, applyFieldErrors, zodFieldErrors } from '../../lib/forms.js';
import { fenToWanString, formatFenExact, parseWanToFen } from '../../lib/money.js';
import { useApi } from '../../lib/useApi.js';
import type { ModalForm } from '../../lib/useModalForm.js';
import { ActInput, REVIEW_CRITERIA, type ExpertCandidate } from '../../../../src/shared/funding.js';
import { actionLabel, approvalNeedsReason, formatFenYuan, newIdempotencyKey, REJECT_REASON_CODES, rejectReasonLabel, stateLabel } from './labels.js';
import type { Action, ActResult, Application, ApplicationDetail } from './types.js';
import { useFundingI18n } from './words.js';
import { BankAccountFields, bankBody } from './BankAccountFields.js';

interface Values {
  note?: string;
  overrideReason?: string;
  reason?: string;
  expertId?: number;
  scores?: Record<string, number | null | undefined>;
  opinion?: string;
  amountFen?: string;
  text?: string;
  objectionId?: number;
  upheld?: boolean;
  resolution?: string;
  bankAccount?: { holder?: string; bank?: string; account?: string };
}

const FIELDS = ['note', 'reason', 'expertId', 'scores', ...REVIEW_CRITERIA.map((c) => `scores.${c.code}`), 'opinion', 'amountFen', 'text', 'objectionId', 'upheld', 'resolution', 'bankAccount.holder', 'bankAccount.bank', 'bankAccount.account', 'override.reason'] as const;

/** Actions whose note is optional (the rest that take one require it). */
const OPTIONAL_NOTE: readonly Action[] = ['withdraw', 'pre_pass'];
const REQUIRED_NOTE: readonly Action[] = ['return', 'reject', 'declare_conflict', 'cancel', 'claw_back', 'return_payment'];

/** Form values → the act body (before ActInput's check). */
export function actBody(action: Action, v: Values, key: string, app: Pick<Application, 'approvedFen'> & { bankAccount?: Application['bankAccount'] }): Record<string, unknown> {
  const note = v.note?.trim() ? v.note.trim() : undefined;
  switch (action) {
    case 'confirm':
      // The account already on the offer (the one the enterprise gave before) is kept when nothing new is typed.
      if (app.bankAccount && !bankBody(v.bankAccount)) return { action };
      return { action, bankAccount: { holder: v.bankAccount?.holder ?? '', bank: v.bankAccount?.bank ?? '', account: v.bankAccount?.account ?? '' } };
    case 'update_bank':
      return { action, bankAccount: { holder: v.bankAccount?.holder ?? '', bank: v.bankAccount?.bank ?? '', account: v.bankAccount?.account ?? '' } };
    case 'withdraw':
    case 'pre_pass':
      return note ? { action, note } : { action };
    case 'return':
    case 'declare_conflict':
    case 'cancel':
    case 'return_payment':
      return { action, note: note ?? '' };
    case 'reject':
    case 'claw_back':
      return { action, reason: v.reason, note: note ?? '' };
    case 'assign_expert':
      return { action, expertId: v.expertId };
    case 'score':
      return { action, scores: Object.fromEntries(REVIEW_CRITERIA.map((c) => [c.code, v.scores?.[c.code] ?? undefined])), opinion: v.opinion?.trim() ?? '' };
    case 'approve': {
      const r = parseWanToFen(v.amountFen ?? '');
      const reason = v.reason?.trim();
      return { action, amountFen: r.ok ? r.fen : undefined, ...(reason ? { reason } : {}) };
    }
    case 'object':
      return { action, text: v.text?.trim() ?? '' };
    case 'resolve_objection':
      return { action, objectionId: v.objectionId, upheld: v.upheld === true, resolution: v.resolution?.trim() ?? '' };
    case 'pay':
      return { action, idempotencyKey: key, amountFen: app.approvedFen ?? undefined };
    case 'submit':
      // Submitting what the platform judged 不符合条件 takes the applicant's reason (recorded in the audit).
      return v.overrideReason?.trim() ? { action, override: { reason: v.overrideReason.trim() } } : { action };
    case 'finish_review':
    case 'end_publicity':
    case 'close':
      return { action };
  }
}

export function ActionModal({
  app,
  action,
  objectionId,
  onClose,
  onDone,
}: {
  app: ApplicationDetail;
  action: Action;
  /** 处理异议 opened from an objection's row. */
  objectionId?: number;
  onClose: () => void;
  onDone: (r: ActResult) => void;
}) {
  const { t, lang } = useFundingI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [refused, setRefused] = useState<string | null>(null);
  const [stale, setStale] = useState(false);
  // One key per dialog: a retry after a lost answer is answered from the first payment's record.
  const [key] = useState(newIdempotencyKey);
  const amount = Form.useWatch('amountFen', form);
  // The pool ranked for this application by expertise, with who cannot be assigned and why (src/funding/expert-candidates.ts).
  const experts = useApi<{ items: ExpertCandidate[] }>(action === 'assign_expert' ? `/funding/applications/${app.id}/expert-candidates` : null);

  const engineMax = app.engineFen?.max ?? null;
  const typed = amount ? parseWanToFen(amount) : null;
  const needsReason = action === 'approve' && typed?.ok === true && approvalNeedsReason(typed.fen, engineMax);

  async function onFinish(v: Values) {
    const body = actBody(action, v, key, app);
    const checked = ActInput.safeParse(body);
    if (!checked.success) {
      if (!applyFieldErrors(form, zodFieldErrors(checked.error.issues), FIELDS)) setRefused(checked.error.issues[0]?.message ?? t('error.unknown'));
      return;
    }
    setBusy(true);
    setRefused(null);
    try {
      const r = await api.post<ActResult>(`/funding/applications/${app.id}/act`, body);
      if (r.payment?.replayed) message.info(t('funding.act.replayed'));
      else message.success(t('funding.act.done', { action: actionLabel(lang, action), state: stateLabel(lang, r.state) }));
      onDone(r);
    } catch (err) {
      setBusy(false);
      if (applyApiError(form, err, FIELDS)) return;
      setRefused(errorMessage(err, t));
      if (isApiError(err) && (err.status === 409 || err.status === 403)) setStale(true);
    }
  }

  const close = () => {
    onClose();
    if (stale) onDone({ id: app.id, state: app.state, allowed: app.allowed });
  };
  const modal: ModalForm<Values> = { form, busy, onFinish, onClose: close };
  const unresolved = app.objections.filter((o) => o.resolvedAt === null);
  const initialValues: Values = {
    // Proposed: the first approver's amount, else the engine's figure but never above what the enterprise asked for (the server refuses more).
    ...(action === 'approve' && engineMax !== null ? { amountFen: fenToWanString(app.approvals[0]?.amountFen ?? Math.min(engineMax, app.requestedFen ?? engineMax)) } : {}),
    ...(action === 'resolve_objection' ? { objectionId: objectionId ?? unresolved[0]?.id, upheld: false } : {}),
  };

  return (
    <FormModal<Values>
      modal={modal}
      title={t('funding.act.title', { action: actionLabel(lang, action), id: app.id })}
      okText={actionLabel(lang, action)}
      width={action === 'score' ? 640 : 520}
      initialValues={initialValues}
      testId="act-form"
      okTestId="form-submit"
      notice={
        <>
          <Typography.Paragraph type="secondary">
            {app.itemTitle} · {app.orgName ?? `#${app.orgId}`} · {t('funding.act.current', { state: stateLabel(lang, app.state) })}
          </Typography.Paragraph>
          {refused ? <Alert type="error" showIcon title={t('funding.act.refused')} description={refused} style={{ marginBottom: 16 }} data-testid="act-refused" /> : null}
        </>
      }
    >
      {action === 'confirm' ? (
        <>
          <Typography.Paragraph>{t('funding.act.confirmNote')}</Typography.Paragraph>
          {app.bankAccount ? (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 16 }}
              data-testid="act-bank-kept"
              title={t('funding.act.bankKept', { holder: app.bankAccount.holder, bank: app.bankAccount.bank, account: app.bankAccount.account })}
            />
          ) : null}
          <BankAccountFields required={!app.bankAccount} />
        </>
      ) : null}

      {action === 'update_bank' ? (
        <>
          <Typography.Paragraph>{t('funding.act.updateBankNote')}</Typography.Paragraph>
          <BankAccountFields required />
        </>
      ) : null}

      {action === 'return_payment' ? (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} data-testid="act-return-payment" title={t('funding.act.returnPaymentNote', { yuan: app.approvedFen !== null ? formatFenYuan(app.approvedFen) : '—' })} />
      ) : null}

      {action === 'claw_back' ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="act-claw-back-amount"
          title={t('funding.act.clawBackNote', { yuan: app.approvedFen !== null ? formatFenYuan(app.approvedFen) : '—' })}
        />
      ) : null}

      {action === 'reject' || action === 'claw_back' ? (
        <Form.Item name="reason" label={t('funding.act.reason')} rules={[{ required: true, message: t('funding.act.reasonRequired') }]}>
          <Select options={REJECT_REASON_CODES.map((c) => ({ value: c, label: rejectReasonLabel(lang, c) }))} data-testid="act-reason" />
        </Form.Item>
      ) : null}

      {action === 'assign_expert' ? (
        <Form.Item name="expertId" label={t('funding.act.expert')} rules={[{ required: true, message: t('funding.act.expertRequired') }]} extra={t('funding.act.expertHint')}>
          <Select
            loading={experts.loading}
            showSearch={{ optionFilterProp: 'label' }}
            optionRender={(o) => {
              const e = (experts.data?.items ?? []).find((x) => x.expertId === o.value);
              if (!e) return o.label;
              return (
                <div style={{ whiteSpace: 'normal' }}>
                  <div>
                    {o.label} {e.score > 0 ? <Tag color={e.score >= 0.5 ? 'green' : 'blue'}>{e.score >= 0.5 ? t('funding.act.expertFitHigh') : t('funding.act.expertFit')}</Tag> : null}
                  </div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {e.conflict ?? (!e.hasAccount ? t('funding.act.noAccount') : e.assigned ? t('funding.act.expertAssigned') : e.declaredConflict ? t('funding.act.expertDeclared') : e.reasons[0])}
                  </Typography.Text>
                </div>
              );
            }}
            options={(experts.data?.items ?? []).map((e) => ({ value: e.expertId, disabled: !e.assignable, label: `${e.name}${e.title ? ` · ${e.title}` : ''}${e.orgName ? ` · ${e.orgName}` : ''}` }))}
            data-testid="act-expert"
          />
        </Form.Item>
      ) : null}

      {action === 'score'
        ? REVIEW_CRITERIA.map((c) => (
            <Form.Item key={c.code} name={['scores', c.code]} label={t('funding.act.criterion', { label: c.label, max: c.max })} rules={[{ required: true, message: t('funding.act.scoreRequired') }]}>
              <InputNumber min={0} max={c.max} precision={0} style={{ width: 160 }} data-testid={`score-${c.code}`} />
            </Form.Item>
          ))
        : null}
      {action === 'score' ? (
        <Form.Item name="opinion" label={t('funding.act.opinion')} rules={[{ required: true, whitespace: true, message: t('funding.act.opinionRequired') }]}>
          <Input.TextArea rows={4} maxLength={2000} showCount data-testid="score-opinion" />
        </Form.Item>
      ) : null}

      {action === 'approve' ? (
        <>
          <Typography.Paragraph>
            {app.engineFen
              ? t('funding.act.engineRange', { min: formatFenExact(app.engineFen.min), max: formatFenExact(app.engineFen.max) })
              : t('funding.act.noEngine')}
            {app.requestedFen !== null ? ` ${t('funding.act.requested', { amount: formatFenExact(app.requestedFen) })}` : ''}
          </Typography.Paragraph>
          <Form.Item
            name="amountFen"
            label={t('funding.act.amount')}
            extra={typed?.ok ? formatFenYuan(typed.fen) : undefined}
            rules={[
              { required: true, message: t('money.invalid.empty') },
              {
                validator: async (_r, value: string | undefined) => {
                  if (!value?.trim()) return;
                  const r = parseWanToFen(value);
                  if (!r.ok) throw new Error(t(`money.invalid.${r.reason}`));
                  if (r.fen <= 0) throw new Error(t('funding.form.positive'));
                },
              },
            ]}
          >
            <Input suffix={t('money.wan')} inputMode="decimal" style={{ textAlign: 'right', width: 240 }} data-testid="act-amount" />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t('funding.act.approveReason')}
            dependencies={['amountFen']}
            rules={[{ required: needsReason, whitespace: true, message: t('funding.act.approveReasonRequired') }]}
            extra={needsReason ? t('funding.act.approveReasonHint') : undefined}
          >
            <Input.TextArea rows={2} maxLength={1000} data-testid="act-approve-reason" />
          </Form.Item>
        </>
      ) : null}

      {action === 'object' ? (
        <Form.Item name="text" label={t('funding.act.objection')} rules={[{ required: true, whitespace: true, message: t('funding.act.objectionRequired') }]}>
          <Input.TextArea rows={4} maxLength={2000} showCount data-testid="act-text" />
        </Form.Item>
      ) : null}

      {action === 'resolve_objection' ? (
        <>
          <Form.Item name="objectionId" label={t('funding.act.whichObjection')} rules={[{ required: true, message: t('funding.act.whichObjectionRequired') }]}>
            <Select options={unresolved.map((o) => ({ value: o.id, label: `#${o.id} ${o.text.slice(0, 40)}` }))} data-testid="act-objection" />
          </Form.Item>
          <Form.Item name="upheld" label={t('funding.act.upheld')} valuePropName="checked">
            <Switch checkedChildren={t('funding.act.upheldYes')} unCheckedChildren={t('funding.act.upheldNo')} data-testid="act-upheld" />
          </Form.Item>
          <Form.Item name="resolution" label={t('funding.act.resolution')} rules={[{ required: true, whitespace: true, message: t('funding.act.resolutionRequired') }]}>
            <Input.TextArea rows={3} maxLength={1000} data-testid="act-resolution" />
          </Form.Item>
        </>
      ) : null}

      {action === 'pay' ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="act-pay-amount"
          title={app.approvedFen !== null ? t('funding.act.payConfirm', { yuan: formatFenYuan(app.approvedFen), wan: formatFenExact(app.approvedFen) }) : t('funding.act.payNoAmount')}
          description={app.bankAccount ? t('funding.act.payTo', { holder: app.bankAccount.holder, bank: app.bankAccount.bank, account: app.bankAccount.account }) : undefined}
        />
      ) : null}

      {OPTIONAL_NOTE.includes(action) || REQUIRED_NOTE.includes(action) ? (
        <Form.Item
          name="note"
          label={action === 'pre_pass' ? t('funding.act.prePassNote') : t('funding.act.note')}
          rules={REQUIRED_NOTE.includes(action) ? [{ required: true, whitespace: true, message: t('funding.act.noteRequired') }] : []}
          extra={OPTIONAL_NOTE.includes(action) ? t('funding.act.noteOptional') : undefined}
        >
          <Input.TextArea rows={3} maxLength={1000} showCount data-testid="act-note" />
        </Form.Item>
      ) : null}

      {action === 'submit' && app.evaluation?.status === 'not_eligible' ? (
        <>
          <Alert type="error" showIcon style={{ marginBottom: 16 }} data-testid="act-not-eligible" title={t('funding.act.notEligible')} description={app.evaluation.failed?.join('；') || app.evaluation.explanation} />
          <Form.Item name="overrideReason" label={t('funding.act.overrideReason')} extra={t('funding.act.overrideHint')} rules={[{ required: true, whitespace: true, min: 5, message: t('funding.act.overrideRequired') }]}>
            <Input.TextArea rows={3} maxLength={500} showCount data-testid="act-override-reason" />
          </Form.Item>
        </>
      ) : null}

      {['submit', 'finish_review', 'end_publicity', 'close'].includes(action) ? <Typography.Paragraph>{t('funding.act.sure', { action: actionLabel(lang, action) })}</Typography.Paragraph> : null}
    </FormModal>
  );
}
