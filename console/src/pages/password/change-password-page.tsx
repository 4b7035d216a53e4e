import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { App } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { fieldErrorsOf, messageOf } from '../../api/api-error';
import { callOperation } from '../../api/client';
import { useSession, useStaffSession } from '../../session/session-context';

interface PasswordFields {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** The rules of StaffNewPassword in the contract, checked here first so the person sees them as they type. */
const NEW_PASSWORD_RULES = [
  { required: true, message: '请输入新密码' },
  { min: 12, message: '密码至少 12 位' },
  { max: 128, message: '密码最多 128 位' },
  { pattern: /(?=.*[A-Za-z])(?=.*\d)/, message: '密码须同时包含字母和数字' },
];

/** 修改密码: forced after an administrator set the password, and open from the user menu at any time. */
export function ChangePasswordPage() {
  const { staff } = useStaffSession();
  const { signedIn } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<PasswordFields>();
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  const submit = async ({ currentPassword, newPassword }: PasswordFields) => {
    setSending(true);
    setError(null);
    try {
      signedIn(await callOperation('staffChangePassword', { body: { currentPassword, newPassword } }));
      message.success('密码已修改');
      navigate('/', { replace: true });
    } catch (e) {
      const fields = fieldErrorsOf(e);
      const named = Object.entries(fields).filter(([name]) => name === 'currentPassword' || name === 'newPassword');
      if (named.length)
        form.setFields(named.map(([name, text]) => ({ name: name as keyof PasswordFields, errors: [text] })));
      else setError(messageOf(e));
    } finally {
      setSending(false);
    }
  };

  return (
    <Card style={{ maxWidth: 520 }}>
      <Typography.Title level={1} className="console-page-title">
        修改密码
      </Typography.Title>
      {staff.mustChangePassword && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          message="请先修改初始密码"
          description="您的密码由管理员设置，修改后才能使用工作台。"
        />
      )}
      {error && <Alert type="error" showIcon role="alert" message={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={submit} disabled={sending}>
        <Form.Item label="原密码" name="currentPassword" rules={[{ required: true, message: '请输入原密码' }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          label="新密码"
          name="newPassword"
          extra="至少 12 位，须同时包含字母和数字"
          rules={[
            ...NEW_PASSWORD_RULES,
            ({ getFieldValue }) => ({
              validator: (_, value: string) =>
                value && value === getFieldValue('currentPassword')
                  ? Promise.reject(new Error('新密码不能与原密码相同'))
                  : Promise.resolve(),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          label="确认新密码"
          name="confirm"
          dependencies={['newPassword']}
          rules={[
            { required: true, message: '请再次输入新密码' },
            ({ getFieldValue }) => ({
              validator: (_, value: string) =>
                !value || value === getFieldValue('newPassword')
                  ? Promise.resolve()
                  : Promise.reject(new Error('两次输入的新密码不一致')),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={sending}>
          确认修改
        </Button>
      </Form>
    </Card>
  );
}
