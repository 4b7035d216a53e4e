import type { DeliveryHealth, HospitalRegistryEntry } from '@cityhealth/shared-types';
import { Alert, Button, Card, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useState } from 'react';
import { callOperation } from '../../api/client';
import { useAnswer } from '../../api/use-answer';
import { roleMay } from '../../navigation';
import { useStaffSession } from '../../session/session-context';
import { DeliveryBadge } from './delivery-health';
import { HospitalDrawer } from './hospital-drawer';
import { ReadableText } from '../../components/readable-text';

/** 医院管理: every hospital with its interface credentials, addresses and delivery health (auditors read only). */
export default function HospitalsPage() {
  const { staff } = useStaffSession();
  const editable = roleMay(staff.role, 'issueHospitalSecret');
  const [open, setOpen] = useState<string | null>(null);

  const listed = useAnswer(useCallback(() => callOperation('consoleHospitals'), []));
  const { loading, error, reload: load } = listed;
  const items = listed.data?.items ?? [];

  const columns: ColumnsType<HospitalRegistryEntry> = [
    { title: '编码', dataIndex: 'code', fixed: 'left' },
    { title: '医院', dataIndex: 'name' },
    { title: '等级', dataIndex: 'levelLabel' },
    { title: '区县', dataIndex: 'district' },
    {
      title: '有效密钥',
      key: 'secrets',
      render: (_, h) => h.secrets.filter((s) => s.active).length,
    },
    {
      title: '事件推送',
      dataIndex: 'delivery',
      render: (d: DeliveryHealth, h) => (h.endpoints.webhookUrl ? <DeliveryBadge health={d} /> : '未配置推送地址'),
    },
    { title: '近 24 小时失败', dataIndex: ['delivery', 'failuresLast24h'] },
    {
      title: '操作',
      key: 'actions',
      fixed: 'right',
      render: (_, h) => (
        <Button type="link" size="small" onClick={() => setOpen(h.id)}>
          {editable ? '管理' : '查看'}
        </Button>
      ),
    },
  ];

  return (
    <>
      <Typography.Title level={1} className="console-page-title">
        医院管理
      </Typography.Title>
      {error && <Alert type="error" showIcon role="alert" message={error} style={{ marginBottom: 16 }} />}
      <Card>
        <Table<HospitalRegistryEntry>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={items}
          loading={loading}
          scroll={{ x: 'max-content' }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: <ReadableText>{'平台尚未登记医院'}</ReadableText> }}
        />
      </Card>
      <HospitalDrawer
        hospitalId={open}
        editable={editable}
        onClose={() => setOpen(null)}
        onChanged={() => void load()}
      />
    </>
  );
}
