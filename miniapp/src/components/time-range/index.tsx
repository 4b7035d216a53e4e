import { Text } from '@tarojs/components';
import type { Order } from '@cityhealth/shared-types';
import { dayLabel, timeWindow } from '../../utils/time';
import './index.scss';

/** 08:30–09:00 kept on one line: a visit time broken at its dash reads as two times. */
export function TimeRange({ startsAt, endsAt }: { startsAt: string; endsAt: string }) {
  return <Text className="time-range">{timeWindow(startsAt, endsAt)}</Text>;
}

/** 11月23日 周一 08:30–08:40: a booking's visit time as the patient reads it. */
export function VisitTime({ order: o }: { order: Pick<Order, 'schedule' | 'slot'> }) {
  return (
    <>
      {dayLabel(o.schedule.date)} <TimeRange startsAt={o.slot.startsAt} endsAt={o.slot.endsAt} />
    </>
  );
}
