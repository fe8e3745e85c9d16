/**
 * 新建组织 (admin). The 统一社会信用代码 is checked in the browser with the same
 * validateUscc the server uses, and server field errors land under their fields.
 */
import { App, Cascader, DatePicker, Form, Input, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { OrgWriteBody as OrgWriteSchema } from '../../../../src/shared/api.js';
import { ORG_KIND_LABELS, ORG_KINDS, SIZE_BAND_LABELS, SIZE_BANDS, type OrgKind, type SizeBand } from '../../../../src/shared/enums.js';
import { validateUscc } from '../../../../src/shared/uscc.js';
import { api } from '../../lib/api.js';
import { toIsoDate } from '../../lib/dates.js';
import { errorMessage } from '../../lib/errors.js';
import { applyApiError, applyFieldErrors, zodFieldErrors } from '../../lib/forms.js';
import { useI18n } from '../../lib/i18n.js';
import { industryOptions } from '../../lib/labels.js';
import { useReference } from '../../lib/reference.js';
import type { OrgDetail, OrgWriteBody } from '../../lib/types.js';

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
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const kind = Form.useWatch('kind', form);
  const districts = useReference('districts');
  const industries = useReference('industries');
  const departments = useReference('departments');
  const industryTree = useMemo(() => industryOptions(industries.items), [industries.items]);

  const submit = async (values: Values) => {
    const body = toBody(values);
    const checked = OrgWriteSchema.safeParse(body);
    if (!checked.success) {
      applyFieldErrors(form, zodFieldErrors(checked.error.issues), FIELDS);
      return;
    }
    setBusy(true);
    try {
      const res = await api.post<{ org: OrgDetail }>('/orgs', body);
      message.success(t('orgs.created', { name: res.org.name }));
      onCreated(res.org.id);
    } catch (err) {
      if (!applyApiError(form, err, FIELDS)) message.error(errorMessage(err, t));
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t('orgs.create')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={640}
    >
      <Form<Values> form={form} layout="vertical" initialValues={{ kind: 'enterprise' }} onFinish={submit} data-testid="org-create-form">
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
        <Form.Item name="districtCode" label={t('orgs.district')}>
          <Select
            allowClear
            loading={districts.loading}
            options={districts.items.map((d) => ({ value: d.code, label: pick({ zh: d.name, en: d.nameEn }) }))}
          />
        </Form.Item>
        <Form.Item name="industryCode" label={t('orgs.industry')}>
          <Cascader changeOnSelect allowClear showSearch options={industryTree} />
        </Form.Item>
        <Form.Item name="sizeBand" label={t('orgs.sizeBand')}>
          <Select allowClear options={SIZE_BANDS.map((s) => ({ value: s, label: pick(SIZE_BAND_LABELS[s]) }))} />
        </Form.Item>
        <Form.Item name="foundedOn" label={t('orgs.foundedOn')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
