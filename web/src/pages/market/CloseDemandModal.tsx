/**
 * 关闭需求 (POST /api/market/demands/:id/close { reason }, the enterprise or an administrator): the
 * reason is asked (2–200 characters, checked here as the server checks it), and the server's errors
 * land under it; a demand closed meanwhile (409) is said in a message.
 */
import { Alert, App, Form, Input } from 'antd';
import { z } from 'zod';
import { FormModal } from '../../components/FormModal.js';
import { api } from '../../lib/api.js';
import { useModalForm } from '../../lib/useModalForm.js';
import { useMarketI18n, type MarketT } from './words.js';

interface Values {
  reason?: string;
}

const bodySchema = (t: MarketT) =>
  z.strictObject({
    reason: z.string().trim().min(2, { error: t('market.x.d.closeReasonMin') }).max(200, { error: t('market.x.d.closeReasonMax') }),
  });
type Body = { reason: string };

export function CloseDemandModal({ demand, onClose, onClosed }: { demand: { id: number; title: string }; onClose: () => void; onClosed: () => void }) {
  const { t } = useMarketI18n();
  const { message } = App.useApp();
  const modal = useModalForm<Values, Body>({
    fields: ['reason'],
    toBody: (v) => ({ reason: v.reason?.trim() ?? '' }),
    schema: bodySchema(t),
    send: async (body) => {
      await api.post<{ id: number; status: 'closed' }>(`/market/demands/${demand.id}/close`, body);
      message.success(t('market.x.d.closed'));
      onClosed();
    },
    onClose,
  });
  return (
    <FormModal<Values>
      modal={modal}
      title={t('market.x.d.closeTitle', { title: demand.title })}
      okText={t('market.x.d.close')}
      testId="demand-close-form"
      okTestId="form-submit"
      notice={<Alert type="warning" showIcon title={t('market.x.d.closeNote')} style={{ marginBottom: 16 }} />}
    >
      <Form.Item name="reason" label={t('market.x.d.closeReason')} extra={t('market.x.d.closeReasonHint')} rules={[{ required: true, whitespace: true, message: t('market.x.d.closeReasonRequired') }]}>
        <Input.TextArea rows={3} maxLength={200} showCount data-testid="demand-close-reason" />
      </Form.Item>
    </FormModal>
  );
}
