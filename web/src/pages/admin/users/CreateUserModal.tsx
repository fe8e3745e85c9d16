/**
 * 新建用户. The role decides what else is required: an organisation of the
 * matching kind (enterprise, institution, finance roles) or a department (officials).
 */
import { App, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { CreateUserBody as CreateUserSchema, Password, Username } from '../../../../../src/shared/api.js';
import { ROLE_LABELS, ROLE_ORG_KIND, ROLES, type OrgKind, type Role } from '../../../../../src/shared/enums.js';
import { OrgSelect } from '../../../components/OrgSelect.js';
import { api } from '../../../lib/api.js';
import { errorMessage } from '../../../lib/errors.js';
import { applyApiError, applyFieldErrors, zodFieldErrors, zodRule } from '../../../lib/forms.js';
import { useI18n } from '../../../lib/i18n.js';
import { useReference } from '../../../lib/reference.js';
import type { CreateUserBody } from '../../../lib/types.js';

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

export function CreateUserModal({ onClose, onCreated }: { onClose: () => void; onCreated: () => void }) {
  const { t, pick } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const role = Form.useWatch('role', form);
  const need = requirement(role);
  const departments = useReference('departments');

  const submit = async (v: Values) => {
    const body: CreateUserBody = {
      username: v.username.trim(),
      displayName: v.displayName.trim(),
      password: v.password,
      role: v.role,
      orgId: need.org ? v.orgId : undefined,
      departmentCode: need.department ? v.departmentCode : undefined,
    };
    const checked = CreateUserSchema.safeParse(body);
    if (!checked.success) {
      applyFieldErrors(form, zodFieldErrors(checked.error.issues), FIELDS);
      return;
    }
    setBusy(true);
    try {
      await api.post('/users', body);
      message.success(t('users.created', { name: body.displayName }));
      onCreated();
    } catch (err) {
      if (!applyApiError(form, err, FIELDS)) message.error(errorMessage(err, t));
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t('users.create')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<Values> form={form} layout="vertical" onFinish={submit} autoComplete="off" data-testid="user-create-form">
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
            onChange={() => form.setFieldsValue({ orgId: undefined, departmentCode: undefined })}
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
      </Form>
    </Modal>
  );
}
