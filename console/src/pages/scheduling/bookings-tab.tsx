import type { ConsoleBooking } from '@cityhealth/shared-types';
import { PAYMENT_STATUS_LABELS, PERIOD_LABELS } from '@cityhealth/shared-types/labels';
import { Alert, App, Button, DatePicker, Flex, Popconfirm, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useState } from 'react';
import { messageOf } from '../../api/api-error';
import { callOperation } from '../../api/client';
import { useAnswer } from '../../api/use-answer';
import { ReadableText } from '../../components/readable-text';

const PAGE_SIZE = 50;
const time = (iso: string) =>
  new Date(iso).toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit', hour12: false });

/** 当日预约: a day's bookings of the hospital (patients masked), marking 已就诊 or 爽约. */
export function BookingsTab({ hospitalId }: { hospitalId: string | undefined }) {
  const { message } = App.useApp();
  const [day, setDay] = useState<Dayjs>(() => dayjs());
  const [page, setPage] = useState(1);

  const date = day.format('YYYY-MM-DD');
  const listed = useAnswer(
    useCallback(
      () => callOperation('consoleBookings', { query: { hospitalId, date, page, pageSize: PAGE_SIZE } }),
      [hospitalId, date, page],
    ),
  );
  const { loading, error, reload: load } = listed;
  const answer = listed.data ?? { items: [], total: 0 };

  const mark = async (b: ConsoleBooking, status: 'arrived' | 'noshow') => {
    try {
      const r = await callOperation('markConsoleAttendance', { params: { id: b.orderId }, body: { status } });
      const what = status === 'arrived' ? '已就诊' : '爽约';
      message.success(
        r.blacklistedUntil
          ? `已记为${what}；该患者爽约次数已达上限，暂停预约至 ${r.blacklistedUntil}`
          : `已记为${what}`,
      );
    } catch (e) {
      message.error(messageOf(e));
    }
    load();
  };

  const columns: ColumnsType<ConsoleBooking> = [
    { title: '时间', key: 'time', fixed: 'left', render: (_, b) => `${time(b.startsAt)}–${time(b.endsAt)}` },
    { title: '序号', dataIndex: 'slotSeq' },
    { title: '科室', dataIndex: ['department', 'name'] },
    {
      title: '医生',
      dataIndex: 'doctor',
      render: (d: ConsoleBooking['doctor'], b) => d?.name ?? PERIOD_LABELS[b.period],
    },
    { title: '患者', dataIndex: ['patient', 'name'] },
    { title: '证件号', dataIndex: ['patient', 'idNumberMasked'] },
    { title: '预约单号', dataIndex: 'orderNo' },
    { title: '状态', dataIndex: 'statusLabel', render: (label: string) => <Tag>{label}</Tag> },
    {
      title: '支付',
      dataIndex: 'paymentStatus',
      render: (p: ConsoleBooking['paymentStatus']) => PAYMENT_STATUS_LABELS[p],
    },
    {
      title: '就诊',
      key: 'actions',
      fixed: 'right',
      render: (_, b) =>
        b.status === 'booked' && (
          <Space size={0}>
            <Button type="link" size="small" onClick={() => mark(b, 'arrived')}>
              已就诊
            </Button>
            <Popconfirm
              title="记为爽约？"
              description="爽约次数达到规定后，该患者将被暂停预约。"
              okText="记为爽约"
              okButtonProps={{ danger: true }}
              cancelText="取消"
              onConfirm={() => mark(b, 'noshow')}
            >
              <Button type="link" size="small" danger>
                爽约
              </Button>
            </Popconfirm>
          </Space>
        ),
    },
  ];

  return (
    <>
      <Flex wrap gap={12} style={{ marginBottom: 16 }}>
        <DatePicker
          aria-label="就诊日期"
          value={day}
          allowClear={false}
          onChange={(d) => {
            if (!d) return;
            setDay(d);
            setPage(1);
          }}
        />
      </Flex>
      {error && <Alert type="error" showIcon role="alert" message={error} style={{ marginBottom: 16 }} />}
      <Table<ConsoleBooking>
        rowKey="orderId"
        size="middle"
        columns={columns}
        dataSource={answer.items}
        loading={loading}
        scroll={{ x: 'max-content' }}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: answer.total,
          hideOnSinglePage: true,
          onChange: setPage,
        }}
        locale={{ emptyText: <ReadableText>{`${date} 没有预约`}</ReadableText> }}
      />
    </>
  );
}
