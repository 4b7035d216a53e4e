import type { SlotTrace } from '@cityhealth/shared-types';
import { EDITION_LABELS, ORDER_STATUS_LABELS, PERIOD_LABELS } from '@cityhealth/shared-types/labels';
import { Alert, Card, Descriptions, Input, Segmented, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { messageOf } from '../../api/api-error';
import { callOperation } from '../../api/client';
import { useStaffSession } from '../../session/session-context';
import { channelWord, dateTime, TraceTimeline } from './trace-timeline';
import { emptyText as emptyState } from '../../components/empty-text';

type FindBy = 'orderNo' | 'slotId';
type TraceOrder = SlotTrace['orders'][number];

const orderColumns: ColumnsType<TraceOrder> = [
  { title: '订单号', dataIndex: 'orderNo' },
  { title: '就诊人', dataIndex: 'patientNameMasked' },
  { title: '状态', dataIndex: 'status', render: (s: TraceOrder['status']) => ORDER_STATUS_LABELS[s] },
  { title: '渠道', dataIndex: 'channel', render: (c: TraceOrder['channel']) => channelWord(c) ?? '—' },
  { title: '版本', dataIndex: 'edition', render: (e: TraceOrder['edition']) => (e ? EDITION_LABELS[e] : '—') },
  { title: '坐席', dataIndex: 'agent', render: (a: string | null) => a ?? '—' },
  { title: '下单时间', dataIndex: 'createdAt', render: dateTime },
];

/** 号源追溯: one slot's history, found by an order number or the slot's id. */
export default function SlotTracePage() {
  const { staff } = useStaffSession();
  const [by, setBy] = useState<FindBy>('orderNo');
  const [text, setText] = useState('');
  const [trace, setTrace] = useState<SlotTrace | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const find = async (value: string) => {
    const typed = value.trim();
    if (!typed) return;
    setLoading(true);
    try {
      setTrace(await callOperation('slotTrace', { query: by === 'orderNo' ? { orderNo: typed } : { slotId: typed } }));
      setError(null);
    } catch (e) {
      setTrace(null);
      setError(messageOf(e));
    } finally {
      setLoading(false);
    }
  };

  const label = by === 'orderNo' ? '订单号' : '号源编号';
  const s = trace?.schedule;
  return (
    <>
      <Typography.Title level={1} className="console-page-title">
        号源追溯
      </Typography.Title>
      <Card className="console-filters">
        <Space wrap>
          <Segmented<FindBy>
            aria-label="查找方式"
            value={by}
            onChange={(v) => {
              setBy(v);
              setText('');
            }}
            options={[
              { value: 'orderNo', label: '按订单号' },
              { value: 'slotId', label: '按号源编号' },
            ]}
          />
          <Input.Search
            aria-label={label}
            style={{ width: 340 }}
            placeholder={`输入${label}`}
            allowClear
            enterButton="追溯"
            value={text}
            loading={loading}
            onChange={(e) => setText(e.target.value)}
            onSearch={find}
          />
        </Space>
        {staff.hospital && (
          <Typography.Text type="secondary" style={{ display: 'block', marginTop: 12 }}>
            仅可追溯 {staff.hospital.name} 的号源
          </Typography.Text>
        )}
      </Card>
      {error && <Alert type="error" showIcon role="alert" message={error} style={{ marginBottom: 16 }} />}
      {!trace && !error && (
        <Card>
          <Typography.Text type="secondary">输入订单号或号源编号，查看该号源从发布到就诊的完整记录。</Typography.Text>
        </Card>
      )}
      {trace && s && (
        <>
          <Card title="号源" style={{ marginBottom: 16 }}>
            <Descriptions size="small" bordered column={{ xs: 1, md: 2, xl: 3 }}>
              <Descriptions.Item label="医院">{s.hospital.name}</Descriptions.Item>
              <Descriptions.Item label="科室">{s.department.name}</Descriptions.Item>
              <Descriptions.Item label="医生">{s.doctor?.name ?? '普通号'}</Descriptions.Item>
              <Descriptions.Item label="出诊">
                {s.date} {PERIOD_LABELS[s.period]}
              </Descriptions.Item>
              <Descriptions.Item label="号序">
                第 {trace.slot.seq} 号（{dateTime(trace.slot.startsAt)}）
              </Descriptions.Item>
              <Descriptions.Item label="出诊状态">{s.status === 'stopped' ? '已停诊' : '正常'}</Descriptions.Item>
              <Descriptions.Item label="号源编号" span={3}>
                <Typography.Text copyable>{trace.slot.id}</Typography.Text>
              </Descriptions.Item>
            </Descriptions>
          </Card>
          <Card title="预约记录" style={{ marginBottom: 16 }}>
            <Table<TraceOrder>
              rowKey="id"
              size="small"
              columns={orderColumns}
              dataSource={trace.orders}
              pagination={false}
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: emptyState('该号源还没有人预约') }}
            />
          </Card>
          <Card title="时间线">
            <TraceTimeline events={trace.events} />
          </Card>
        </>
      )}
    </>
  );
}
