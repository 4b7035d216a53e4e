import type { Order } from '@cityhealth/shared-types';
import {
  ORDER_ACTOR_LABELS,
  ORDER_EVENT_REASON_LABELS,
  PAYMENT_STATUS_LABELS,
  PERIOD_LABELS,
  SCHEDULE_TYPE_LABELS,
} from '@cityhealth/shared-types/labels';
import { Alert, Button, Card, Descriptions, Input, Popconfirm, Space, Tag } from 'antd';
import { forwardRef, useState } from 'react';
import { yuan } from '../../components/money';

const clock = (iso: string) =>
  new Date(iso).toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit', hour12: false });
const dateTime = (iso: string) => new Date(iso).toLocaleString('zh-CN', { hour12: false });

/** When to come: the date, the period and the slot's time (what the agent reads to the caller). */
export const visitTime = (o: Pick<Order, 'schedule' | 'slot'>) =>
  `${o.schedule.date} ${PERIOD_LABELS[o.schedule.period]} ${clock(o.slot.startsAt)}–${clock(o.slot.endsAt)}`;

/** A history reason is a code, or `code: note` when a note was given (the note is what was said). */
function reasonText(reason: string): string {
  const [code = '', ...note] = reason.split(': ');
  return note.length ? note.join(': ') : (ORDER_EVENT_REASON_LABELS[code] ?? code);
}

function payment(o: Order): string {
  const label = PAYMENT_STATUS_LABELS[o.payment.status];
  if (o.payment.status === 'unpaid' && o.payment.deadline)
    return `${label}：请在 ${dateTime(o.payment.deadline)} 前在小程序中支付，逾期自动取消`;
  if (o.payment.status === 'pay-at-hospital') return `${label}：就诊当日在医院缴纳挂号费`;
  return label;
}

interface Props {
  order: Order;
  cancelling: boolean;
  onCancel(reason: string | undefined): void;
}

/** 预约结果: the booking to read back to the caller, and cancelling it. */
export const ReadBack = forwardRef<HTMLDivElement, Props>(function ReadBack({ order, cancelling, onCancel }, ref) {
  const [reason, setReason] = useState('');
  const last = order.history.at(-1);
  return (
    <Card
      title={
        <Space>
          预约结果 <Tag color={order.status === 'cancelled' ? 'default' : 'success'}>{order.statusLabel}</Tag>
        </Space>
      }
      size="small"
    >
      <div ref={ref} tabIndex={-1} aria-live="polite">
        <Descriptions column={1} size="small" bordered>
          <Descriptions.Item label="预约号">
            <strong>{order.orderNo}</strong>
          </Descriptions.Item>
          <Descriptions.Item label="就诊人">{order.patient.name}</Descriptions.Item>
          <Descriptions.Item label="就诊时间">
            <strong>{visitTime(order)}</strong>（第 {order.slot.seq} 号）
          </Descriptions.Item>
          <Descriptions.Item label="就诊地点">
            {order.hospital.name} {order.department.name}
            <br />
            {order.hospital.address}
          </Descriptions.Item>
          <Descriptions.Item label="医生">
            {order.doctor ? `${order.doctor.name} ${order.doctor.title}` : SCHEDULE_TYPE_LABELS[order.schedule.type]}
          </Descriptions.Item>
          <Descriptions.Item label="挂号费">
            {yuan(order.feeFen)} · {payment(order)}
          </Descriptions.Item>
          <Descriptions.Item label="取消截止">{dateTime(order.cancelDeadline)}</Descriptions.Item>
          {last && (
            <Descriptions.Item label="最近操作">
              {dateTime(last.at)} {ORDER_ACTOR_LABELS[last.actor] ?? last.actor}
              {last.reason ? `（${reasonText(last.reason)}）` : ''}
            </Descriptions.Item>
          )}
        </Descriptions>
      </div>
      {order.cancellable ? (
        <Space.Compact style={{ marginTop: 12, width: '100%' }}>
          <Input
            aria-label="取消原因"
            placeholder="取消原因（不填为“电话取消”）"
            maxLength={100}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
          <Popconfirm
            title={`取消预约 ${order.orderNo}？`}
            description="取消后号源释放，取消次数计入就诊人的预约次数。"
            okText="确认取消"
            okButtonProps={{ danger: true }}
            cancelText="不取消"
            onConfirm={() => onCancel(reason.trim() || undefined)}
          >
            <Button danger loading={cancelling}>
              取消预约
            </Button>
          </Popconfirm>
        </Space.Compact>
      ) : (
        order.status !== 'cancelled' && (
          <Alert type="info" showIcon style={{ marginTop: 12 }} message="已过取消截止时间，不能再取消" />
        )
      )}
    </Card>
  );
});
