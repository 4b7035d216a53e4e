import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { messageOf } from '../../api/api-error';
import { callOperation } from '../../api/client';
import { type LoginState, useSession } from '../../session/session-context';

interface LoginFields {
  username: string;
  password: string;
  totp: string;
}

/** 登录: user name, password and the 6-digit code of the authenticator app; the server's message on failure. */
export function LoginPage() {
  const { session, signedIn } = useSession();
  const navigate = useNavigate();
  const reason = (useLocation().state as LoginState | null)?.reason;
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [form] = Form.useForm<LoginFields>();

  if (session) return <Navigate to={session.staff.mustChangePassword ? '/password' : '/'} replace />;

  const submit = async (fields: LoginFields) => {
    setSending(true);
    setError(null);
    try {
      const next = await callOperation('staffLogin', { body: fields });
      signedIn(next);
      navigate(next.staff.mustChangePassword ? '/password' : '/', { replace: true });
    } catch (e) {
      setError(messageOf(e));
      form.setFieldValue('totp', '');
    } finally {
      setSending(false);
    }
  };

  return (
    <main className="console-login">
      <Card className="console-login-card">
        <Typography.Title level={1} className="console-login-title" style={{ fontSize: 22 }}>
          预约挂号平台工作台
        </Typography.Title>
        <Typography.Text type="secondary" className="console-login-sub">
          卫健委、医院及坐席工作人员登录
        </Typography.Text>
        {reason && !error && <Alert type="warning" showIcon message={reason} style={{ marginBottom: 16 }} />}
        {error && <Alert type="error" showIcon message={error} role="alert" style={{ marginBottom: 16 }} />}
        <Form form={form} layout="vertical" requiredMark={false} onFinish={submit} disabled={sending}>
          <Form.Item label="用户名" name="username" rules={[{ required: true, message: '请输入用户名' }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Form.Item
            label="动态口令"
            name="totp"
            extra="身份验证器应用中显示的 6 位数字"
            rules={[{ required: true, pattern: /^\d{6}$/, message: '请输入 6 位动态口令' }]}
          >
            <Input
              prefix={<SafetyOutlined />}
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              placeholder="000000"
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={sending}>
            登录
          </Button>
        </Form>
      </Card>
    </main>
  );
}
