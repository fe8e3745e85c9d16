/** Sign-in. After success the user goes back to the page they asked for (?next=), or home. */
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { LanguageToggle } from '../../components/LanguageToggle.js';
import { PUBLIC_PAGES } from '../../components/PublicLayout.js';
import { ApiError } from '../../lib/api.js';
import { errorMessage } from '../../lib/errors.js';
import { useI18n } from '../../lib/i18n.js';
import { safeNext, useSession } from '../../lib/session.js';

interface LoginValues {
  username: string;
  password: string;
}

export default function LoginPage() {
  const { t, pick } = useI18n();
  const { state, login } = useSession();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const next = safeNext(params.get('next'));

  if (state.status === 'authenticated') return <Navigate to={next} replace />;

  const onFinish = async (values: LoginValues) => {
    setBusy(true);
    setError(null);
    try {
      await login(values.username.trim(), values.password);
      void navigate(next, { replace: true });
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) setError(t('login.badCredentials'));
      else if (err instanceof ApiError && err.status === 429) setError(t('login.tooMany'));
      else setError(errorMessage(err, t));
      setBusy(false);
    }
  };

  return (
    <Flex vertical align="center" justify="center" style={{ minHeight: '100vh', background: '#f0f2f5', padding: 16 }}>
      <Flex justify="flex-end" style={{ width: 400, maxWidth: '100%' }}>
        <LanguageToggle />
      </Flex>
      <Card style={{ width: 400, maxWidth: '100%' }}>
        <Typography.Title level={2} style={{ textAlign: 'center', marginBottom: 4 }}>
          {t('app.name')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          {t('app.tagline')}
        </Typography.Paragraph>
        {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" /> : null}
        <Form<LoginValues> layout="vertical" onFinish={onFinish} requiredMark={false} autoComplete="on">
          <Form.Item name="username" label={t('login.username')} rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus data-testid="login-username" />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">
            {t('login.submit')}
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, fontSize: 13 }}>
          {t('login.demoNote')}
        </Typography.Paragraph>
      </Card>
      <Typography.Paragraph type="secondary" style={{ width: 400, maxWidth: '100%', marginTop: 12, textAlign: 'center' }} data-testid="login-public-links">
        {t('public.links')}
        {PUBLIC_PAGES.map((p, i) => (
          <span key={p.path}>
            {i > 0 ? ' · ' : ' '}
            <Link to={p.path}>{pick(p.label)}</Link>
          </span>
        ))}
      </Typography.Paragraph>
    </Flex>
  );
}
