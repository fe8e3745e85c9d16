/**
 * A 专家库 profile's form: 新增专家 (POST /api/market/experts, officials and administrators),
 * 修改 (PUT /api/market/experts/:id; officials and administrators any profile, an expert only their
 * own). Name, affiliation (OrgSelect), title, technology fields (≤ 5) and expertise; the office also
 * links the expert's account by its user number and keeps the 回避单位 list. The affiliation and the
 * 回避单位 decide recusal in expert review, so they are the office's: an expert editing their own
 * profile sees the affiliation but cannot change it (the server refuses it too), and sends no list. The body is checked here first with the same rules
 * as the server's ExpertInput (src/market/experts.ts, which the web cannot import: it reads the
 * database); the server's errors (an unknown field code, an account that is not an expert's, a
 * missing organisation) land under their fields.
 */
import { App, Col, Form, Input, InputNumber, Row } from 'antd';
import { z } from 'zod';
import { ORG_KINDS } from '../../../../src/shared/enums.js';
import { FormModal } from '../../components/FormModal.js';
import { OrgMultiSelect, type OrgRef } from '../../components/OrgMultiSelect.js';
import { OrgSelect } from '../../components/OrgSelect.js';
import { api } from '../../lib/api.js';
import { useModalForm } from '../../lib/useModalForm.js';
import { FieldPicker } from './SearchParts.js';
import type { Expert } from './types.js';
import { useMarketI18n } from './words.js';

interface Values {
  name?: string;
  orgId?: number;
  title?: string;
  fields?: string[];
  expertise?: string;
  userId?: number | null;
  /** The 回避单位 as chosen (sent as their ids). */
  avoidOrgIds?: OrgRef[];
}

/** ExpertInput's rules and words (src/market/experts.ts). */
export const ExpertBody = z.strictObject({
  name: z.string().trim().min(2, { error: '姓名至少 2 个字' }).max(40, { error: '姓名不能超过 40 个字' }),
  orgId: z.number().int().positive().nullable(),
  title: z.string().trim().max(40, { error: '职称不能超过 40 个字' }),
  fields: z.array(z.string().max(40)).min(1, { error: '至少选择一个领域' }).max(5, { error: '最多选择 5 个领域' }),
  expertise: z.string().trim().min(10, { error: '专长描述至少 10 个字' }).max(2000, { error: '专长描述不能超过 2000 个字' }),
  userId: z.number().int().positive().nullable(),
  avoidOrgIds: z.array(z.number().int().positive()).max(20, { error: '回避单位最多 20 个' }).optional(),
});
export type ExpertBody = z.infer<typeof ExpertBody>;

const FIELDS = ['name', 'orgId', 'title', 'fields', 'expertise', 'userId', 'avoidOrgIds'] as const;

/**
 * The body to send. The account link, the affiliation and the 回避单位 are the office's to set; an
 * expert editing their own profile sends the first two unchanged and no list (the server keeps it).
 */
export function expertBody(v: Values, office: boolean, editing: Expert | undefined): ExpertBody {
  return {
    name: v.name?.trim() ?? '',
    orgId: office || !editing ? (v.orgId ?? null) : editing.orgId,
    title: v.title?.trim() ?? '',
    fields: v.fields ?? [],
    expertise: v.expertise?.trim() ?? '',
    userId: office ? (v.userId ?? null) : (editing?.userId ?? null),
    ...(office ? { avoidOrgIds: (v.avoidOrgIds ?? []).flatMap((o) => (o.orgId === null ? [] : [o.orgId])) } : {}),
  };
}

/** `editing` absent: a new profile. `office`: an official or administrator (may set the account). */
export function ExpertFormModal({ editing, office, onClose, onSaved }: { editing?: Expert; office: boolean; onClose: () => void; onSaved: (id: number) => void }) {
  const { t } = useMarketI18n();
  const { message } = App.useApp();
  const modal = useModalForm<Values, ExpertBody>({
    fields: FIELDS,
    toBody: (v) => expertBody(v, office, editing),
    schema: ExpertBody,
    send: async (body) => {
      if (editing) {
        await api.put<{ id: number }>(`/market/experts/${editing.id}`, body);
        message.success(t('market.x.e.updated', { name: body.name }));
        onSaved(editing.id);
        return;
      }
      const r = await api.post<{ id: number }>('/market/experts', body);
      message.success(t('market.x.e.created', { name: body.name }));
      onSaved(r.id);
    },
    onClose,
  });
  const initial: Values = editing
    ? { name: editing.name, orgId: editing.orgId ?? undefined, title: editing.title, fields: editing.fields, expertise: editing.expertise, userId: editing.userId, avoidOrgIds: (editing.avoidOrgs ?? []).map((o) => ({ orgId: o.id, name: o.name })) }
    : { fields: [] };

  return (
    <FormModal<Values>
      modal={modal}
      title={editing ? t('market.x.e.editTitle', { name: editing.name }) : t('market.x.e.createTitle')}
      width={760}
      initialValues={initial}
      testId="expert-form"
      okTestId="form-submit"
    >
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="name" label={t('market.x.e.name')} rules={[{ required: true, whitespace: true, message: t('market.x.e.nameRequired') }]}>
            <Input maxLength={40} data-testid="expert-name" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="title" label={t('market.x.e.titleLabel')}>
            <Input maxLength={40} placeholder={t('market.x.e.titlePlaceholder')} data-testid="expert-title" />
          </Form.Item>
        </Col>
      </Row>
      {office ? (
        <Form.Item name="orgId" label={t('market.x.e.org')} extra={t('market.x.e.orgHint')}>
          <OrgSelect kinds={ORG_KINDS} />
        </Form.Item>
      ) : (
        <Form.Item label={t('market.x.e.org')} extra={t('market.x.e.orgOffice')}>
          <Input disabled value={editing?.orgName ?? t('market.x.e.noOrg')} data-testid="expert-org-locked" />
        </Form.Item>
      )}
      {office ? (
        <Form.Item name="avoidOrgIds" label={t('market.x.e.avoid')} extra={t('market.x.e.avoidHint')}>
          <OrgMultiSelect kinds={ORG_KINDS} testId="expert-avoid" />
        </Form.Item>
      ) : null}
      <Form.Item name="fields" label={t('market.x.e.fields')} extra={t('market.form.fieldsHint')} rules={[{ required: true, message: t('market.form.fieldsRequired') }]}>
        <FieldPicker width="100%" maxCount={5} testId="expert-fields" placeholder={t('market.form.fieldsPlaceholder')} />
      </Form.Item>
      <Form.Item name="expertise" label={t('market.x.e.expertise')} extra={t('market.x.e.expertiseHint')} rules={[{ required: true, whitespace: true, message: t('market.x.e.expertiseRequired') }]}>
        <Input.TextArea rows={5} maxLength={2000} showCount data-testid="expert-expertise" />
      </Form.Item>
      {office ? (
        <Form.Item name="userId" label={t('market.x.e.userId')} extra={t('market.x.e.userIdHint')}>
          <InputNumber min={1} precision={0} style={{ width: 200 }} data-testid="expert-user-id" />
        </Form.Item>
      ) : null}
    </FormModal>
  );
}
