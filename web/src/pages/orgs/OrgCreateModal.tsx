/**
 * 新建组织 (admin). The 统一社会信用代码 is checked in the browser with the same
 * validateUscc the server uses, and server field errors land under their fields.
 */
import { App, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { OrgWriteBody as OrgWriteSchema } from '../../../../src/shared/api.js';
import { ORG_KIND_LABELS, ORG_KINDS, type OrgKind, type SizeBand } from '../../../../src/shared/enums.js';
import { validateUscc } from '../../../../src/shared/uscc.js';
import { FormModal } from '../../components/FormModal.js';
import { api } from '../../lib/api.js';
import { toIsoDate } from '../../lib/dates.js';
import { useI18n } from '../../lib/i18n.js';
import { useReference } from '../../lib/reference.js';
import type { OrgDetail, OrgWriteBody } from '../../lib/types.js';
import { useModalForm } from '../../lib/useModalForm.js';
import { OrgProfileItems } from './OrgProfileItems.js';

interface Values {
  kind: OrgKind;
  name: string;
  uscc?: string;
  districtCode?: string;
  industryCode?: string[];
  sizeBand?: SizeBand;
  foundedOn?: Dayjs;
  departmentCode?: string;
}
const FIELDS = ['kind', 'name', 'uscc', 'districtCode', 'industryCode', 'sizeBand', 'foundedOn', 'departmentCode'] as const;

function toBody(v: Values): OrgWriteBody {
  const uscc = v.uscc?.trim();
  return {
    kind: v.kind,
    name: v.name.trim(),
    uscc: uscc ? uscc.toUpperCase() : undefined,
    districtCode: v.districtCode,
    industryCode: v.industryCode?.[v.industryCode.length - 1],
    sizeBand: v.sizeBand,
    foundedOn: toIsoDate(v.foundedOn),
    departmentCode: v.kind === 'government' ? v.departmentCode : undefined,
  };
}

export function OrgCreateModal({ onClose, onCreated }: { onClose: () => void; onCreated: (id: number) => void }) {
  const { t, pick } = useI18n();
  const { message } = App.useApp();
  const modal = useModalForm<Values, OrgWriteBody>({
    fields: FIELDS,
    toBody,
    schema: OrgWriteSchema,
    send: async (body) => {
      const res = await api.post<{ org: OrgDetail }>('/orgs', body);
      message.success(t('orgs.created', { name: res.org.name }));
      onCreated(res.org.id);
    },
    onClose,
  });
  const kind = Form.useWatch('kind', modal.form);
  const departments = useReference('departments');

  return (
    <FormModal<Values> modal={modal} title={t('orgs.create')} width={640} initialValues={{ kind: 'enterprise' }} testId="org-create-form">
      <Form.Item name="kind" label={t('orgs.kind')} rules={[{ required: true }]}>
        <Select options={ORG_KINDS.map((k) => ({ value: k, label: pick(ORG_KIND_LABELS[k]) }))} />
      </Form.Item>
      <Form.Item name="name" label={t('orgs.name')} rules={[{ required: true, whitespace: true, message: t('orgs.nameRequired') }]}>
        <Input maxLength={120} />
      </Form.Item>
      <Form.Item
        name="uscc"
        label={t('orgs.uscc')}
        extra={t('orgs.usccHint')}
        rules={[
          { required: kind === 'enterprise', message: t('orgs.usccRequired') },
          {
            validator: async (_rule, value: string | undefined) => {
              if (!value || !value.trim()) return;
              const r = validateUscc(value);
              if (!r.ok) throw new Error(t('orgs.usccInvalid', { reason: r.reason }));
            },
          },
        ]}
      >
        <Input maxLength={18} style={{ fontFamily: 'monospace' }} data-testid="org-uscc" />
      </Form.Item>
      {kind === 'government' ? (
        <Form.Item name="departmentCode" label={t('orgs.department')} rules={[{ required: true, message: t('orgs.departmentRequired') }]}>
          <Select
            loading={departments.loading}
            options={departments.items.map((d) => ({ value: d.code, label: pick({ zh: d.name, en: d.nameEn }) }))}
          />
        </Form.Item>
      ) : null}
      <OrgProfileItems />
    </FormModal>
  );
}
