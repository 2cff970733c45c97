import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input } from 'antd';
import { useEffect } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { useT } from '../lib/i18n';
import { LanguageSwitch } from './layout/LanguageSwitch';
import { useLogin, useMeQuery } from './session';

const TEXT = {
  subtitle: { zh: '4S 店售后业务一体化管理', en: 'After-sales management for 4S dealerships' },
  username: { zh: '用户名', en: 'User name' },
  password: { zh: '密码', en: 'Password' },
  usernameRequired: { zh: '请输入用户名', en: 'Enter your user name' },
  passwordRequired: { zh: '请输入密码', en: 'Enter your password' },
  submit: { zh: '登录', en: 'Sign in' },
  forgot: { zh: '忘记密码请联系门店或集团管理员重置。', en: 'Forgot your password? Ask your administrator to reset it.' },
};

interface LoginValues {
  username: string;
  password: string;
}

/** Only a local path may follow sign-in: `?next=//evil.example` must not leave the app. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export default function LoginPage() {
  const t = useT(TEXT);
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const me = useMeQuery();
  const login = useLogin();
  const next = safeNext(params.get('next'));

  useEffect(() => {
    document.title = `${t('submit')} · ${t('appName')}`;
  }, [t]);

  if (me.data) return <Navigate to={next} replace />;

  const onFinish = (values: LoginValues) => {
    login.mutate(values, { onSuccess: () => navigate(next, { replace: true }) });
  };

  return (
    <div className="login-page">
      <div style={{ position: 'fixed', top: 16, right: 16 }}>
        <LanguageSwitch dark />
      </div>
      <Card className="login-card" variant="borderless">
        <h1 className="login-title">{t('appName')}</h1>
        <div className="login-subtitle">{t('subtitle')}</div>
        {login.error ? <Alert type="error" showIcon title={login.error.message} style={{ marginBottom: 16 }} /> : null}
        <Form<LoginValues> layout="vertical" requiredMark={false} onFinish={onFinish} autoComplete="on" size="large">
          <Form.Item name="username" rules={[{ required: true, whitespace: true, message: t('usernameRequired') }]}>
            <Input prefix={<UserOutlined />} placeholder={t('username')} autoComplete="username" autoFocus aria-label={t('username')} />
          </Form.Item>
          <Form.Item name="password" rules={[{ required: true, message: t('passwordRequired') }]}>
            <Input.Password prefix={<LockOutlined />} placeholder={t('password')} autoComplete="current-password" aria-label={t('password')} />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={login.isPending}>
            {t('submit')}
          </Button>
        </Form>
        <div className="form-hint" style={{ marginTop: 16, textAlign: 'center' }}>
          {t('forgot')}
        </div>
      </Card>
    </div>
  );
}
