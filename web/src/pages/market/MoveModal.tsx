/**
 * One move of a match (POST /api/market/matches/:id/move {action, reason?, note?, contractFen?}):
 * 签约 asks the contract amount in 万元 (exact 分); 拒绝 / 终止 ask a reason code from END_REASONS
 * and a note, required when the reason is 其他. A field error lands under its field; a refused
 * move (409, e.g. someone moved the match first) shows the server's sentence in the dialog, and the
 * match is reloaded when the dialog closes.
 */
import { Alert, App, Form, Input, Select, Typography } from 'antd';
import { useState } from 'react';
import { FormModal } from '../../components/FormModal.js';
import { api, isApiError } from '../../lib/api.js';
import { errorMessage } from '../../lib/errors.js';
import { applyApiError } from '../../lib/forms.js';
import { useI18n } from '../../lib/i18n.js';
import { parseWanToFen } from '../../lib/money.js';
import type { ModalForm } from '../../lib/useModalForm.js';
import { actionLabel, endReasonLabel, stageLabel } from './labels.js';
import { END_REASON_CODES, needsReason, type Action, type EndReason } from './moves.js';
import type { PipelineMatch } from './types.js';

interface Values {
  reason?: EndReason;
  note?: string;
  contractFen?: string;
}
const FIELDS = ['reason', 'note', 'contractFen'] as const;

export function MoveModal({ match, action, onClose, onMoved, onConflict }: { match: Pick<PipelineMatch, 'id' | 'stage' | 'demandTitle' | 'achievementTitle'>; action: Action; onClose: () => void; onMoved: () => void; onConflict: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [refused, setRefused] = useState<string | null>(null);
  const [stale, setStale] = useState(false);
  const reason = Form.useWatch('reason', form);
  const asksReason = needsReason(action);

  async function onFinish(v: Values) {
    const body: { action: Action; reason?: EndReason; note?: string; contractFen?: number } = { action };
    if (asksReason && v.reason) body.reason = v.reason;
    if (v.note?.trim()) body.note = v.note.trim();
    if (action === 'sign') {
      const r = parseWanToFen(v.contractFen ?? '');
      if (r.ok) body.contractFen = r.fen;
    }
    setBusy(true);
    setRefused(null);
    try {
      const r = await api.post<{ stage: string }>(`/market/matches/${match.id}/move`, body);
      message.success(t('market.m.moved', { stage: stageLabel(t, r.stage) }));
      onMoved();
    } catch (err) {
      setBusy(false);
      if (applyApiError(form, err, FIELDS)) return;
      setRefused(errorMessage(err, t));
      // the match changed under us (409): its current state is loaded once the message has been read
      if (isApiError(err) && err.status === 409) setStale(true);
    }
  }

  const close = () => {
    onClose();
    if (stale) onConflict();
  };
  const modal: ModalForm<Values> = { form, busy, onFinish, onClose: close };
  return (
    <FormModal<Values>
      modal={modal}
      title={t('market.m.moveTitle', { action: actionLabel(t, action) })}
      okText={actionLabel(t, action)}
      testId="move-form"
      okTestId="form-submit"
      notice={
        <>
          <Typography.Paragraph type="secondary">
            {match.demandTitle} × {match.achievementTitle} · {t('market.m.currentStage', { stage: stageLabel(t, match.stage) })}
          </Typography.Paragraph>
          {refused ? <Alert type="error" showIcon title={t('market.m.refused')} description={refused} style={{ marginBottom: 16 }} data-testid="move-refused" /> : null}
        </>
      }
    >
      {action === 'sign' ? (
        <Form.Item
          name="contractFen"
          label={t('market.m.contractAmount')}
          extra={t('market.m.contractHint')}
          rules={[
            { required: true, message: t('market.m.contractRequired') },
            {
              validator: async (_rule, value: string | undefined) => {
                if (!value || !value.trim()) return;
                const r = parseWanToFen(value);
                if (!r.ok) throw new Error(t(`money.invalid.${r.reason}`));
                if (r.fen <= 0) throw new Error(t('market.m.contractPositive'));
              },
            },
          ]}
        >
          <Input suffix={t('money.wan')} inputMode="decimal" placeholder="0.00" style={{ textAlign: 'right' }} data-testid="move-contract" />
        </Form.Item>
      ) : null}
      {asksReason ? (
        <Form.Item name="reason" label={t('market.m.reason')} rules={[{ required: true, message: t('market.m.reasonRequired') }]}>
          <Select options={END_REASON_CODES.map((c) => ({ value: c, label: endReasonLabel(t, c) }))} placeholder={t('market.m.reasonPlaceholder')} data-testid="move-reason" />
        </Form.Item>
      ) : null}
      <Form.Item
        name="note"
        label={t('market.m.note')}
        dependencies={['reason']}
        rules={[{ required: asksReason && reason === 'other', whitespace: true, message: t('market.m.noteRequired') }]}
        extra={asksReason ? t('market.m.noteHintReason') : t('market.m.noteHint')}
      >
        <Input.TextArea rows={3} maxLength={500} showCount data-testid="move-note" />
      </Form.Item>
    </FormModal>
  );
}
