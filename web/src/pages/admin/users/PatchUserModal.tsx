/** Rename a user or set a new password for them (PATCH /api/users/:id). */
import { App, Form, Input } from 'antd';
import { Password } from '../../../../../src/shared/api.js';
import { FormModal } from '../../../components/FormModal.js';
import { api } from '../../../lib/api.js';
import { sameAs, zodRule } from '../../../lib/forms.js';
import { useI18n } from '../../../lib/i18n.js';
import type { PatchUserBody, UserRow } from '../../../lib/types.js';
import { useModalForm } from '../../../lib/useModalForm.js';

export type PatchMode = 'rename' | 'password';

interface Values {
  displayName?: string;
  password?: string;
  confirm?: string;
}

export function PatchUserModal({ user, mode, onClose, onSaved }: { user: UserRow; mode: PatchMode; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const modal = useModalForm<Values, PatchUserBody>({
    fields: ['displayName', 'password'],
    toBody: (v) => (mode === 'rename' ? { displayName: (v.displayName ?? '').trim() } : { password: v.password ?? '' }),
    send: async (body) => {
      await api.patch(`/users/${user.id}`, body);
      message.success(mode === 'rename' ? t('common.saved') : t('users.passwordReset', { name: user.displayName }));
      onSaved();
    },
    onClose,
  });

  return (
    <FormModal<Values>
      modal={modal}
      title={mode === 'rename' ? t('users.renameTitle', { name: user.username }) : t('users.resetTitle', { name: user.username })}
      initialValues={{ displayName: user.displayName }}
      autoComplete="off"
    >
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
            rules={[{ required: true, message: t('account.confirmRequired') }, sameAs('password', t('account.mismatch'))]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}
