import { PlusOutlined } from '@ant-design/icons';
import type { StaffAccountItem, StaffCredentials } from '@cityhealth/shared-types';
import { Alert, App, Badge, Button, Card, Flex, Popconfirm, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useState } from 'react';
import { messageOf } from '../../api/api-error';
import { callOperation } from '../../api/client';
import { useAnswer } from '../../api/use-answer';
import { useStaffSession } from '../../session/session-context';
import { CreateStaffDialog } from './create-staff-dialog';
import { CredentialsDialog } from './credentials-dialog';
import { PageTitle } from '../../components/page-title';
import { emptyText } from '../../components/empty-text';

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString('zh-CN', { hour12: false }) : '—');

function StateBadge({ item }: { item: StaffAccountItem }) {
  if (item.disabledAt) return <Badge status="default" text="已停用" />;
  if (item.lockedUntil) return <Badge status="warning" text={`已锁定至 ${when(item.lockedUntil)}`} />;
  return <Badge status="success" text="正常" />;
}

/** 员工账号 (administrators): the console's accounts and machine keys; create, disable, reset. */
export default function StaffPage() {
  const { staff: me } = useStaffSession();
  const { message } = App.useApp();
  const [creating, setCreating] = useState(false);
  const [shown, setShown] = useState<{ credentials: StaffCredentials; reason: 'create' | 'reset' } | null>(null);

  const listed = useAnswer(useCallback(() => callOperation('listStaff'), []));
  const { loading, error, reload: load } = listed;
  const items = listed.data?.items ?? [];

  const act = async (action: () => Promise<void>) => {
    try {
      await action();
    } catch (e) {
      message.error(messageOf(e));
    }
    load();
  };
  const disable = (item: StaffAccountItem) =>
    act(async () => {
      await callOperation('disableStaff', { params: { id: item.id } });
      message.success(`已停用 ${item.name}`);
    });
  const reset = (item: StaffAccountItem) =>
    act(async () => {
      setShown({ credentials: await callOperation('resetStaff', { params: { id: item.id } }), reason: 'reset' });
    });

  const columns: ColumnsType<StaffAccountItem> = [
    { title: '姓名', dataIndex: 'name', fixed: 'left' },
    {
      title: '用户名',
      dataIndex: 'username',
      render: (u: string | null) => u ?? <Tag>机器密钥</Tag>,
    },
    { title: '角色', dataIndex: 'roleLabel' },
    { title: '所属医院', dataIndex: 'hospital', render: (h: StaffAccountItem['hospital']) => h?.name ?? '—' },
    { title: '最近登录', dataIndex: 'lastLoginAt', render: when },
    { title: '状态', key: 'state', render: (_, item) => <StateBadge item={item} /> },
    {
      title: '操作',
      key: 'actions',
      fixed: 'right',
      render: (_, item) =>
        item.disabledAt ? null : (
          <Space size={0}>
            {item.kind === 'login' && (
              <Popconfirm
                title={`重置 ${item.name} 的密码和动态口令？`}
                description="原密码、动态口令和所有登录会话立即失效。"
                okText="重置"
                cancelText="取消"
                onConfirm={() => reset(item)}
              >
                <Button type="link" size="small">
                  重置凭据
                </Button>
              </Popconfirm>
            )}
            {item.id !== me.id && (
              <Popconfirm
                title={`停用 ${item.name} 的账号？`}
                description="停用后立即退出登录，且不能再登录。"
                okText="停用"
                okButtonProps={{ danger: true }}
                cancelText="取消"
                onConfirm={() => disable(item)}
              >
                <Button type="link" size="small" danger>
                  停用
                </Button>
              </Popconfirm>
            )}
          </Space>
        ),
    },
  ];

  return (
    <>
      <Flex className="console-page-head" justify="space-between" align="center" wrap gap={12}>
        <PageTitle>员工账号</PageTitle>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          新建账号
        </Button>
      </Flex>
      {error && <Alert type="error" showIcon role="alert" message={error} style={{ marginBottom: 16 }} />}
      <Card>
        <Table<StaffAccountItem>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={items}
          loading={loading}
          scroll={{ x: 'max-content' }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: emptyText('暂无账号') }}
        />
      </Card>
      <CreateStaffDialog
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(credentials) => {
          setCreating(false);
          setShown({ credentials, reason: 'create' });
          void load();
        }}
      />
      <CredentialsDialog
        credentials={shown?.credentials ?? null}
        reason={shown?.reason ?? 'create'}
        onClose={() => setShown(null)}
      />
    </>
  );
}
