/** Rename a user or set a new password for them (PATCH /api/users/:id). */
import { App, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { Password } from '../../../../../src/shared/api.js';
import { api } from '../../../lib/api.js';
import { errorMessage } from '../../../lib/errors.js';
import { applyApiError, zodRule } from '../../../lib/forms.js';
import { useI18n } from '../../../lib/i18n.js';
import type { PatchUserBody, UserRow } from '../../../lib/types.js';

export type PatchMode = 'rename' | 'password';

interface Values {
  displayName?: string;
  password?: string;
  confirm?: string;
}

export function PatchUserModal({ user, mode, onClose, onSaved }: { user: UserRow; mode: PatchMode; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);

  const submit = async (v: Values) => {
    const body: PatchUserBody = mode === 'rename' ? { displayName: (v.displayName ?? '').trim() } : { password: v.password ?? '' };
    setBusy(true);
    try {
      await api.patch(`/users/${user.id}`, body);
      message.success(mode === 'rename' ? t('common.saved') : t('users.passwordReset', { name: user.displayName }));
      onSaved();
    } catch (err) {
      if (!applyApiError(form, err, ['displayName', 'password'])) message.error(errorMessage(err, t));
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={mode === 'rename' ? t('users.renameTitle', { name: user.username }) : t('users.resetTitle', { name: user.username })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<Values> form={form} layout="vertical" onFinish={submit} initialValues={{ displayName: user.displayName }} autoComplete="off">
        {mode === 'rename' ? (
          <Form.Item name="displayName" label={t('users.displayName')} rules={[{ required: true, whitespace: true, message: t('users.displayNameRequired') }]}>
            <Input maxLength={60} />
          </Form.Item>
        ) : (
          <>
            <Form.Item name="password" label={t('users.newPassword')} extra={t('users.resetHint')} rules={[{ required: true, message: t('users.passwordRequired') }, zodRule(Password)]}>
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            <Form.Item
              name="confirm"
              label={t('account.confirmPassword')}
              dependencies={['password']}
              rules={[
                { required: true, message: t('account.confirmRequired') },
                ({ getFieldValue }) => ({
                  validator: async (_rule, value: string | undefined) => {
                    if (value && value !== getFieldValue('password')) throw new Error(t('account.mismatch'));
                  },
                }),
              ]}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
