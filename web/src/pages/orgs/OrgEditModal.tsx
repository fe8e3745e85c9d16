/** Edit an organisation's basic data (PATCH /api/orgs/:id). Only changed fields are sent. */
import { App, Cascader, DatePicker, Form, Input, Modal, Select } from 'antd';
import { PageLoading } from '../../components/PageLoading.js';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { OrgPatchBody as OrgPatchSchema } from '../../../../src/shared/api.js';
import { SIZE_BAND_LABELS, SIZE_BANDS, type SizeBand } from '../../../../src/shared/enums.js';
import { api } from '../../lib/api.js';
import { fromIsoDate, toIsoDate } from '../../lib/dates.js';
import { errorMessage } from '../../lib/errors.js';
import { applyApiError, applyFieldErrors, zodFieldErrors } from '../../lib/forms.js';
import { useI18n } from '../../lib/i18n.js';
import { industryOptions, industryPath } from '../../lib/labels.js';
import { useReference } from '../../lib/reference.js';
import type { OrgDetail, OrgPatchBody } from '../../lib/types.js';

interface Values {
  name: string;
  districtCode?: string | null;
  industryCode?: string[] | null;
  sizeBand?: SizeBand | null;
  foundedOn?: Dayjs | null;
}
const FIELDS = ['name', 'districtCode', 'industryCode', 'sizeBand', 'foundedOn'] as const;

function diff(org: OrgDetail, v: Values): OrgPatchBody {
  const body: OrgPatchBody = {};
  const name = v.name.trim();
  if (name !== org.name) body.name = name;
  const district = v.districtCode ?? null;
  if (district !== org.districtCode) body.districtCode = district;
  const industry = v.industryCode && v.industryCode.length > 0 ? (v.industryCode[v.industryCode.length - 1] ?? null) : null;
  if (industry !== org.industryCode) body.industryCode = industry;
  const size = v.sizeBand ?? null;
  if (size !== org.sizeBand) body.sizeBand = size;
  const founded = toIsoDate(v.foundedOn) ?? null;
  if (founded !== org.foundedOn) body.foundedOn = founded;
  return body;
}

export function OrgEditModal({ org, onClose, onSaved }: { org: OrgDetail; onClose: () => void; onSaved: () => void }) {
  const { t, pick } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const districts = useReference('districts');
  const industries = useReference('industries');
  const industryTree = useMemo(() => industryOptions(industries.items), [industries.items]);

  const submit = async (values: Values) => {
    const body = diff(org, values);
    if (Object.keys(body).length === 0) {
      onClose();
      return;
    }
    const checked = OrgPatchSchema.safeParse(body);
    if (!checked.success) {
      applyFieldErrors(form, zodFieldErrors(checked.error.issues), FIELDS);
      return;
    }
    setBusy(true);
    try {
      await api.patch<{ org: OrgDetail }>(`/orgs/${org.id}`, body);
      message.success(t('common.saved'));
      onSaved();
    } catch (err) {
      if (!applyApiError(form, err, FIELDS)) message.error(errorMessage(err, t));
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t('orgs.editTitle', { name: org.name })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={600}
      okButtonProps={{ disabled: industries.loading }}
    >
      {industries.loading ? <PageLoading /> : <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          name: org.name,
          districtCode: org.districtCode ?? undefined,
          industryCode: industryPath(industries.items, org.industryCode ?? undefined),
          sizeBand: org.sizeBand ?? undefined,
          foundedOn: fromIsoDate(org.foundedOn),
        }}
      >
        <Form.Item name="name" label={t('orgs.name')} rules={[{ required: true, whitespace: true, message: t('orgs.nameRequired') }]}>
          <Input maxLength={120} />
        </Form.Item>
        <Form.Item name="districtCode" label={t('orgs.district')}>
          <Select allowClear options={districts.items.map((d) => ({ value: d.code, label: pick({ zh: d.name, en: d.nameEn }) }))} />
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
      </Form>}
    </Modal>
  );
}
