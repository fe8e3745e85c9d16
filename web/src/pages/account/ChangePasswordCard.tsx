/** Change one's own password (POST /api/auth/password). */
import { App, Button, Card, Form, Input } from 'antd';
import { useState } from 'react';
import { ChangePasswordBody as ChangePasswordSchema } from '../../../../src/shared/api.js';
import { ApiError, api } from '../../lib/api.js';
import { errorMessage } from '../../lib/errors.js';
import { applyApiError, sameAs, zodRule } from '../../lib/forms.js';
import { useI18n } from '../../lib/i18n.js';
import type { ChangePasswordBody } from '../../lib/types.js';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

export function ChangePasswordCard() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);

  const submit = async (v: Values) => {
    const body: ChangePasswordBody = { currentPassword: v.currentPassword, newPassword: v.newPassword };
    setBusy(true);
    try {
      await api.post('/auth/password', body, { redirectOn401: false });
      message.success(t('account.passwordChanged'));
      form.resetFields();
    } catch (err) {
      if (err instanceof ApiError && (err.status === 401 || err.status === 403) && !err.field) {
        form.setFields([{ name: 'currentPassword', errors: [t('account.currentWrong')] }]);
      } else if (!applyApiError(form, err, ['currentPassword', 'newPassword'])) {
        message.error(errorMessage(err, t));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={t('account.changePassword')} size="small" style={{ marginBottom: 24 }}>
      <Form<Values> form={form} layout="vertical" onFinish={submit} style={{ maxWidth: 420 }} data-testid="password-form">
        <Form.Item name="currentPassword" label={t('account.currentPassword')} rules={[{ required: true, message: t('account.currentRequired') }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('account.newPassword')}
          rules={[{ required: true, message: t('account.newRequired') }, zodRule(ChangePasswordSchema.shape.newPassword)]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('account.confirmPassword')}
          dependencies={['newPassword']}
          rules={[{ required: true, message: t('account.confirmRequired') }, sameAs('newPassword', t('account.mismatch'))]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('account.changePassword')}
        </Button>
      </Form>
    </Card>
  );
}
