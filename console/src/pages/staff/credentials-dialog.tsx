import type { StaffCredentials } from '@cityhealth/shared-types';
import { Alert, Descriptions, Modal, Typography } from 'antd';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';

interface Props {
  credentials: StaffCredentials | null;
  /** 'create' for a new account, 'reset' after its credentials were reset. */
  reason: 'create' | 'reset';
  onClose(): void;
}

/**
 * The initial password and the TOTP enrolment of an account, shown this once: the server keeps
 * neither readable, so closing the dialog is the last chance to hand them over.
 */
export function CredentialsDialog({ credentials, reason, onClose }: Props) {
  const [qr, setQr] = useState<string | null>(null);
  useEffect(() => {
    setQr(null);
    if (!credentials) return;
    let live = true;
    QRCode.toDataURL(credentials.totp.uri, { margin: 1, width: 400, errorCorrectionLevel: 'M' }).then(
      (url) => live && setQr(url),
      () => live && setQr(null),
    );
    return () => {
      live = false;
    };
  }, [credentials]);

  return (
    <Modal
      title={reason === 'create' ? '账号已创建' : '凭据已重置'}
      open={credentials !== null}
      onOk={onClose}
      onCancel={onClose}
      okText="我已妥善交付，关闭"
      cancelButtonProps={{ style: { display: 'none' } }}
      maskClosable={false}
      width={560}
    >
      {credentials && (
        <>
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            message="以下初始密码和动态口令密钥只显示这一次"
            description="关闭后无法再次查看。请当面或通过安全渠道交给本人；本人首次登录后须修改密码。"
          />
          <Descriptions column={1} bordered size="small" style={{ marginBottom: 16 }}>
            <Descriptions.Item label="姓名">{credentials.staff.name}</Descriptions.Item>
            <Descriptions.Item label="用户名">{credentials.staff.username}</Descriptions.Item>
            <Descriptions.Item label="初始密码">
              <Typography.Text copyable className="console-secret" data-testid="initial-password">
                {credentials.initialPassword}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label="动态口令密钥">
              <Typography.Text copyable className="console-secret" data-testid="totp-secret">
                {credentials.totp.secret}
              </Typography.Text>
            </Descriptions.Item>
          </Descriptions>
          <Typography.Paragraph>
            用身份验证器应用（如 Google Authenticator、微信小程序“腾讯身份验证器”）扫描二维码，或手动输入上面的密钥：
          </Typography.Paragraph>
          {qr && <img className="console-qr" src={qr} alt={`${credentials.staff.username} 的动态口令二维码`} />}
        </>
      )}
    </Modal>
  );
}
