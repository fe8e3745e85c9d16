/**
 * 新增资质类型 (POST /api/reference/qualification-types). The code is checked in
 * the browser with the shared schema; the server's 409 (code or name taken) lands
 * under the code field.
 */
import { App, Form, Input } from 'antd';
import { CreateQualificationTypeBody as CreateSchema } from '../../../../../src/shared/api.js';
import { FormModal } from '../../../components/FormModal.js';
import { api } from '../../../lib/api.js';
import { zodRule } from '../../../lib/forms.js';
import { useI18n } from '../../../lib/i18n.js';
import type { CreateQualificationTypeBody, QualificationType } from '../../../lib/types.js';
import { useModalForm } from '../../../lib/useModalForm.js';

interface Values {
  code: string;
  name: string;
  nameEn: string;
}
const FIELDS = ['code', 'name', 'nameEn'] as const;

export function CreateQualificationTypeModal({ onClose, onCreated }: { onClose: () => void; onCreated: (created: QualificationType) => void }) {
  const { t, pick } = useI18n();
  const { message } = App.useApp();
  const modal = useModalForm<Values, CreateQualificationTypeBody>({
    fields: FIELDS,
    toBody: (v) => ({ code: v.code.trim(), name: v.name.trim(), nameEn: v.nameEn.trim() }),
    schema: CreateSchema,
    send: async (body) => {
      const created = await api.post<QualificationType>('/reference/qualification-types', body);
      message.success(t('qualtypes.added', { name: pick({ zh: created.name, en: created.nameEn }) }));
      onCreated(created);
    },
    onClose,
  });

  return (
    <FormModal<Values> modal={modal} title={t('qualtypes.add')} autoComplete="off" testId="qualtype-form">
      <Form.Item
        name="code"
        label={t('qualtypes.code')}
        extra={t('qualtypes.codeHint')}
        rules={[{ required: true, whitespace: true, message: t('qualtypes.codeRequired') }, zodRule(CreateSchema.shape.code)]}
      >
        <Input maxLength={40} autoComplete="off" spellCheck={false} style={{ fontFamily: 'monospace' }} data-testid="qualtype-code" />
      </Form.Item>
      <Form.Item name="name" label={t('qualtypes.name')} rules={[{ required: true, whitespace: true, message: t('qualtypes.nameRequired') }]}>
        <Input maxLength={60} data-testid="qualtype-name" />
      </Form.Item>
      <Form.Item name="nameEn" label={t('qualtypes.nameEn')} rules={[{ required: true, whitespace: true, message: t('qualtypes.nameEnRequired') }]}>
        <Input maxLength={100} data-testid="qualtype-name-en" />
      </Form.Item>
    </FormModal>
  );
}
