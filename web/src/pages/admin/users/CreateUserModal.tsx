/**
 * 新建用户. The role decides what else is required: an organisation of the
 * matching kind (enterprise, institution, finance roles) or a department (officials).
 */
import { App, Form, Input, Select } from 'antd';
import { CreateUserBody as CreateUserSchema, Password, Username } from '../../../../../src/shared/api.js';
import { ROLE_LABELS, ROLE_ORG_KIND, ROLES, type OrgKind, type Role } from '../../../../../src/shared/enums.js';
import { FormModal } from '../../../components/FormModal.js';
import { OrgSelect } from '../../../components/OrgSelect.js';
import { api } from '../../../lib/api.js';
import { zodRule } from '../../../lib/forms.js';
import { useI18n } from '../../../lib/i18n.js';
import { useReference } from '../../../lib/reference.js';
import type { CreateUserBody } from '../../../lib/types.js';
import { useModalForm } from '../../../lib/useModalForm.js';

interface Values {
  username: string;
  displayName: string;
  password: string;
  role: Role;
  orgId?: number;
  departmentCode?: string;
}
const FIELDS = ['username', 'displayName', 'password', 'role', 'orgId', 'departmentCode'] as const;

/** Officials are tied to a department; other roles with an organisation kind need an organisation. */
export function requirement(role: Role | undefined): { org: readonly OrgKind[] | null; department: boolean } {
  if (!role) return { org: null, department: false };
  if (role === 'official') return { org: null, department: true };
  return { org: ROLE_ORG_KIND[role], department: false };
}

function toBody(v: Values): CreateUserBody {
  const need = requirement(v.role);
  return {
    username: v.username.trim(),
    displayName: v.displayName.trim(),
    password: v.password,
    role: v.role,
    orgId: need.org ? v.orgId : undefined,
    departmentCode: need.department ? v.departmentCode : undefined,
  };
}

/** `preset`: values to start from (the to-do opens this for an official of a department that has none). */
export function CreateUserModal({ onClose, onCreated, preset }: { onClose: () => void; onCreated: () => void; preset?: { role: Role; departmentCode?: string | undefined } | undefined }) {
  const { t, pick } = useI18n();
  const { message } = App.useApp();
  const modal = useModalForm<Values, CreateUserBody>({
    fields: FIELDS,
    toBody,
    schema: CreateUserSchema,
    send: async (body) => {
      await api.post('/users', body);
      message.success(t('users.created', { name: body.displayName }));
      onCreated();
    },
    onClose,
  });
  const need = requirement(Form.useWatch('role', modal.form));
  const departments = useReference('departments');

  return (
    <FormModal<Values> modal={modal} title={t('users.create')} autoComplete="off" testId="user-create-form" okTestId="form-submit" initialValues={preset}>
      <Form.Item name="username" label={t('users.username')} rules={[{ required: true, message: t('users.usernameRequired') }, zodRule(Username)]}>
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item name="displayName" label={t('users.displayName')} rules={[{ required: true, whitespace: true, message: t('users.displayNameRequired') }]}>
        <Input maxLength={60} />
      </Form.Item>
      <Form.Item name="password" label={t('users.initialPassword')} rules={[{ required: true, message: t('users.passwordRequired') }, zodRule(Password)]}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item name="role" label={t('users.role')} rules={[{ required: true, message: t('users.roleRequired') }]}>
        <Select
          options={ROLES.map((r) => ({ value: r, label: pick(ROLE_LABELS[r]) }))}
          onChange={() => modal.form.setFieldsValue({ orgId: undefined, departmentCode: undefined })}
        />
      </Form.Item>
      {need.org ? (
        <Form.Item name="orgId" label={t('users.org')} rules={[{ required: true, message: t('users.orgRequired') }]}>
          <OrgSelect kinds={need.org} />
        </Form.Item>
      ) : null}
      {need.department ? (
        <Form.Item name="departmentCode" label={t('users.department')} rules={[{ required: true, message: t('users.departmentRequired') }]}>
          <Select
            loading={departments.loading}
            showSearch={{ optionFilterProp: 'label' }}
            options={departments.items.map((d) => ({ value: d.code, label: pick({ zh: d.name, en: d.nameEn }) }))}
          />
        </Form.Item>
      ) : null}
    </FormModal>
  );
}
