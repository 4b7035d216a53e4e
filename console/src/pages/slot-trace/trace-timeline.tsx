import type { SlotTraceEvent } from '@cityhealth/shared-types';
import { ORDER_CHANNEL_LABELS, type OrderChannel, SLOT_TRACE_KIND_LABELS } from '@cityhealth/shared-types/labels';
import { Tag, Timeline, Typography } from 'antd';

const COLOR: Record<SlotTraceEvent['kind'], string> = {
  published: 'blue',
  capacity: 'blue',
  booked: 'green',
  paid: 'green',
  cancelled: 'gray',
  released: 'gray',
  'stop-clinic': 'red',
  resumed: 'blue',
  attendance: 'orange',
  payment: 'gray',
};

export const dateTime = (iso: string) =>
  new Date(iso).toLocaleString('zh-CN', { hour12: false, timeZone: 'Asia/Shanghai' });
export const channelWord = (c: OrderChannel | null) => (c ? ORDER_CHANNEL_LABELS[c] : null);

/** The slot's history in time order: what happened, who did it, from which channel. */
export function TraceTimeline({ events }: { events: SlotTraceEvent[] }) {
  if (!events.length) return <Typography.Text type="secondary">该号源还没有任何记录</Typography.Text>;
  return (
    <Timeline
      items={events.map((e, i) => ({
        key: `${e.at}-${i}`,
        color: COLOR[e.kind],
        children: (
          <>
            <Typography.Text strong>{e.label}</Typography.Text>{' '}
            <Tag bordered={false}>{SLOT_TRACE_KIND_LABELS[e.kind]}</Tag>
            <div>
              <Typography.Text type="secondary">
                {dateTime(e.at)} · {e.actor.name}
                {channelWord(e.channel) && ` · ${channelWord(e.channel)}`}
                {e.orderNo && ` · 订单 ${e.orderNo}`}
              </Typography.Text>
            </div>
            {e.detail && <Typography.Text type="secondary">{e.detail}</Typography.Text>}
          </>
        ),
      }))}
    />
  );
}
