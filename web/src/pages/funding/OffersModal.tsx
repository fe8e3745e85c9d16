/**
 * 免申即享推送 (POST /api/funding/offers {itemId, year}): an official picks one of their department's
 * 免申即享 items and the year; the latest finished batch run's eligible enterprises, judged again on
 * today's records, get confirmation requests. The answer (candidates, created, no longer eligible,
 * more to push) stays in the dialog; errors land under their fields or above the form.
 */
import { Alert, Descriptions, Form, InputNumber, Select } from 'antd';
import { useState } from 'react';
import { FormModal } from '../../components/FormModal.js';
import { api } from '../../lib/api.js';
import { useMe } from '../../lib/session.js';
import type { PolicyItemSummary } from '../../lib/types.js';
import { errorMessage } from '../../lib/errors.js';
import { applyApiError } from '../../lib/forms.js';
import type { ModalForm } from '../../lib/useModalForm.js';
import type { OfferResult } from './types.js';
import { useFundingI18n } from './words.js';

interface Values {
  itemId?: string;
  year?: number;
}

export function OffersModal({ items, onClose, onDone }: { items: readonly PolicyItemSummary[]; onClose: () => void; onDone: () => void }) {
  const { t } = useFundingI18n();
  const me = useMe();
  const [result, setResult] = useState<OfferResult | null>(null);
  const mine = items.filter((i) => i.channel === 'no_application' && i.status !== 'repealed' && (me.departmentCode ? i.departments.includes(me.departmentCode) : true));
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  // The dialog stays open with the answer; OK again pushes the next round (one call makes at most 2,000).
  async function onFinish(v: Values) {
    setBusy(true);
    setFailure(null);
    try {
      setResult(await api.post<OfferResult>('/funding/offers', { itemId: v.itemId ?? '', ...(v.year ? { year: v.year } : {}) }));
      onDone();
    } catch (err) {
      if (!applyApiError(form, err, ['itemId', 'year', 'runId'])) setFailure(errorMessage(err, t));
    } finally {
      setBusy(false);
    }
  }
  const modal: ModalForm<Values> = { form, busy, onFinish, onClose };

  return (
    <FormModal<Values>
      modal={modal}
      title={t('funding.offers.title')}
      okText={t('funding.offers.ok')}
      initialValues={{ year: new Date().getFullYear() }}
      testId="offers-form"
      okTestId="form-submit"
      notice={
        <>
          <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('funding.offers.note')} />
          {failure ? <Alert type="error" showIcon style={{ marginBottom: 16 }} title={failure} data-testid="offers-error" /> : null}
        </>
      }
    >
      <Form.Item name="itemId" label={t('funding.form.item')} rules={[{ required: true, message: t('funding.form.itemRequired') }]} extra={mine.length ? undefined : t('funding.offers.noItems')}>
        <Select options={mine.map((i) => ({ value: i.id, label: t('funding.form.itemOption', { n: i.measure, title: i.title }) }))} data-testid="offers-item" />
      </Form.Item>
      <Form.Item name="year" label={t('funding.form.year')}>
        <InputNumber min={2020} max={2100} precision={0} style={{ width: 160 }} />
      </Form.Item>
      {result ? (
        <Descriptions size="small" column={1} bordered data-testid="offers-result">
          <Descriptions.Item label={t('funding.offers.run')}>#{result.runId} · {result.year}</Descriptions.Item>
          <Descriptions.Item label={t('funding.offers.candidates')}>{result.candidates}</Descriptions.Item>
          <Descriptions.Item label={t('funding.offers.created')}>{result.created}</Descriptions.Item>
          <Descriptions.Item label={t('funding.offers.changed')}>{result.noLongerEligible}</Descriptions.Item>
          {result.more ? <Descriptions.Item label={t('funding.offers.more')}>{t('funding.offers.moreNote')}</Descriptions.Item> : null}
        </Descriptions>
      ) : null}
    </FormModal>
  );
}
