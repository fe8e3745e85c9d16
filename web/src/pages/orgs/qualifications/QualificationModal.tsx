/** 添加资质: POST /api/orgs/:id/qualifications, validated with the shared QualificationBody. */
import { App, DatePicker, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { QualificationBody as QualificationSchema } from '../../../../../src/shared/api.js';
import { QUALIFICATION_LEVEL_LABELS, QUALIFICATION_LEVELS, type QualificationLevel } from '../../../../../src/shared/enums.js';
import { FormModal } from '../../../components/FormModal.js';
import { api } from '../../../lib/api.js';
import { toIsoDate } from '../../../lib/dates.js';
import { useI18n } from '../../../lib/i18n.js';
import { useReference } from '../../../lib/reference.js';
import type { QualificationBody } from '../../../lib/types.js';
import { useModalForm } from '../../../lib/useModalForm.js';

interface Values {
  typeCode: string;
  level: QualificationLevel;
  certificateNo?: string;
  validFrom: Dayjs;
  validTo?: Dayjs | null;
}
const FIELDS = ['typeCode', 'level', 'certificateNo', 'validFrom', 'validTo'] as const;

function toBody(v: Values): QualificationBody {
  return {
    typeCode: v.typeCode,
    level: v.level,
    certificateNo: v.certificateNo?.trim() || undefined,
    validFrom: toIsoDate(v.validFrom) ?? '',
    validTo: toIsoDate(v.validTo),
  };
}

export function QualificationModal({ orgId, onClose, onSaved }: { orgId: number; onClose: () => void; onSaved: () => void }) {
  const { t, pick } = useI18n();
  const { message } = App.useApp();
  const types = useReference('qualification-types');
  const modal = useModalForm<Values, QualificationBody>({
    fields: FIELDS,
    toBody,
    schema: QualificationSchema,
    send: async (body) => {
      await api.post(`/orgs/${orgId}/qualifications`, body);
      message.success(t('common.saved'));
      onSaved();
    },
    onClose,
  });

  return (
    <FormModal<Values> modal={modal} title={t('quals.add')} initialValues={{ level: 'national' }}>
      <Form.Item name="typeCode" label={t('quals.type')} rules={[{ required: true, message: t('quals.typeRequired') }]}>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          loading={types.loading}
          options={types.items.map((q) => ({ value: q.code, label: pick({ zh: q.name, en: q.nameEn }) }))}
        />
      </Form.Item>
      <Form.Item name="level" label={t('quals.level')} rules={[{ required: true }]}>
        <Select options={QUALIFICATION_LEVELS.map((l) => ({ value: l, label: pick(QUALIFICATION_LEVEL_LABELS[l]) }))} />
      </Form.Item>
      <Form.Item name="certificateNo" label={t('quals.certificate')}>
        <Input maxLength={60} />
      </Form.Item>
      <Form.Item name="validFrom" label={t('quals.validFrom')} rules={[{ required: true, message: t('quals.validFromRequired') }]}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="validTo" label={t('quals.validTo')} extra={t('quals.validToHint')}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
    </FormModal>
  );
}
