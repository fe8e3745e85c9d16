/** Edit an organisation's basic data (PATCH /api/orgs/:id). Only changed fields are sent; nothing changed just closes. */
import { App, Form, Input } from 'antd';
import type { Dayjs } from 'dayjs';
import { OrgPatchBody as OrgPatchSchema } from '../../../../src/shared/api.js';
import type { SizeBand } from '../../../../src/shared/enums.js';
import { FormModal } from '../../components/FormModal.js';
import { api } from '../../lib/api.js';
import { fromIsoDate, toIsoDate } from '../../lib/dates.js';
import { useI18n } from '../../lib/i18n.js';
import { industryPath } from '../../lib/labels.js';
import { useReference } from '../../lib/reference.js';
import type { OrgDetail, OrgPatchBody } from '../../lib/types.js';
import { useModalForm } from '../../lib/useModalForm.js';
import { OrgProfileItems } from './OrgProfileItems.js';

interface Values {
  name: string;
  districtCode?: string | null;
  industryCode?: string[] | null;
  sizeBand?: SizeBand | null;
  foundedOn?: Dayjs | null;
}
const FIELDS = ['name', 'districtCode', 'industryCode', 'sizeBand', 'foundedOn'] as const;

function diff(org: OrgDetail, v: Values): OrgPatchBody | null {
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
  return Object.keys(body).length === 0 ? null : body;
}

export function OrgEditModal({ org, onClose, onSaved }: { org: OrgDetail; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const industries = useReference('industries');
  const modal = useModalForm<Values, OrgPatchBody>({
    fields: FIELDS,
    toBody: (values) => diff(org, values),
    schema: OrgPatchSchema,
    send: async (body) => {
      await api.patch<{ org: OrgDetail }>(`/orgs/${org.id}`, body);
      message.success(t('common.saved'));
      onSaved();
    },
    onClose,
  });

  return (
    <FormModal<Values>
      modal={modal}
      title={t('orgs.editTitle', { name: org.name })}
      width={600}
      loading={industries.loading}
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
      <OrgProfileItems />
    </FormModal>
  );
}
