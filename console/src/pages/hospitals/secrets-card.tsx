import { KeyOutlined } from '@ant-design/icons';
import type { HospitalRegistryEntry } from '@cityhealth/shared-types';
import { Alert, App, Badge, Button, Modal, Popconfirm, Table, Typography } from 'antd';
import { useState } from 'react';
import { messageOf } from '../../api/api-error';
import { callOperation } from '../../api/client';
import { ReadableText } from '../../components/readable-text';

type Secret = HospitalRegistryEntry['secrets'][number];

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString('zh-CN', { hour12: false }) : '—');

interface Props {
  hospital: HospitalRegistryEntry;
  editable: boolean;
  onChanged(): void;
}

/** The hospital's interface secrets by id and dates; a new one is shown once, in a dialog. */
export function SecretsCard({ hospital, editable, onChanged }: Props) {
  const { message } = App.useApp();
  const [issued, setIssued] = useState<{ secretId: string; secret: string } | null>(null);
  const active = hospital.secrets.filter((s) => s.active).length;

  const issue = async () => {
    try {
      setIssued(await callOperation('issueHospitalSecret', { params: { id: hospital.id } }));
      onChanged();
    } catch (e) {
      message.error(messageOf(e));
    }
  };
  const retire = async (secret: Secret) => {
    try {
      await callOperation('retireHospitalSecret', { params: { id: hospital.id, secretId: secret.id } });
      message.success('密钥已停用，用它签名的请求从现在起被拒绝');
      onChanged();
    } catch (e) {
      message.error(messageOf(e));
    }
  };

  return (
    <>
      <Typography.Paragraph>
        医院用接口密钥签名调用平台接口。轮换时先签发新密钥，医院切换后再停用旧密钥；同时最多 2 个有效。
      </Typography.Paragraph>
      <Table<Secret>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={hospital.secrets}
        locale={{ emptyText: <ReadableText>{'尚未签发接口密钥'}</ReadableText> }}
        columns={[
          { title: '密钥编号', dataIndex: 'id', render: (id: string) => <Typography.Text code>{id}</Typography.Text> },
          { title: '签发时间', dataIndex: 'issuedAt', render: when },
          {
            title: '状态',
            key: 'state',
            render: (_, s) =>
              s.active ? (
                <Badge status="success" text="有效" />
              ) : (
                <Badge status="default" text={`已停用 ${when(s.retiredAt)}`} />
              ),
          },
          ...(editable
            ? [
                {
                  title: '操作',
                  key: 'actions',
                  render: (_: unknown, s: Secret) =>
                    s.active && (
                      <Popconfirm
                        title="停用这个密钥？"
                        description="停用后，用它签名的请求立即被拒绝，且不能恢复。"
                        okText="停用"
                        okButtonProps={{ danger: true }}
                        cancelText="取消"
                        onConfirm={() => retire(s)}
                      >
                        <Button type="link" size="small" danger>
                          停用
                        </Button>
                      </Popconfirm>
                    ),
                },
              ]
            : []),
        ]}
      />
      {editable && (
        <Button icon={<KeyOutlined />} style={{ marginTop: 12 }} disabled={active >= 2} onClick={issue}>
          签发新密钥
        </Button>
      )}
      <Modal
        title="新接口密钥"
        open={issued !== null}
        onOk={() => setIssued(null)}
        onCancel={() => setIssued(null)}
        okText="我已妥善交付，关闭"
        cancelButtonProps={{ style: { display: 'none' } }}
        maskClosable={false}
      >
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          message="密钥只显示这一次"
          description="关闭后无法再次查看。请通过安全渠道交给医院信息科。"
        />
        <Typography.Paragraph>密钥编号：{issued?.secretId}</Typography.Paragraph>
        <Typography.Text copyable className="console-secret" data-testid="hospital-secret">
          {issued?.secret}
        </Typography.Text>
      </Modal>
    </>
  );
}
