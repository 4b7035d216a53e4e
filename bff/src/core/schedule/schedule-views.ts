import type { Period, ScheduleDetail, ScheduleSummary, ScheduleType, SlotView } from '@cityhealth/shared-types';
import { iso } from '../../shared/time.js';
import type { ScheduleViewRow, SlotViewRow } from './schedule-queries.js';

const PERIOD_ORDER: Record<string, number> = { morning: 0, afternoon: 1, evening: 2 };
const TYPE_ORDER: Record<string, number> = { general: 0, expert: 1, special: 2 };

export function toScheduleSummary(r: ScheduleViewRow): ScheduleSummary {
  return {
    id: r.id,
    hospitalId: r.hospital_id,
    departmentId: r.department_id,
    departmentName: r.department_name,
    doctor: r.doctor_id && r.doctor_name != null
      ? { id: r.doctor_id, name: r.doctor_name, title: r.doctor_title ?? '', specialty: r.doctor_specialty ?? '', intro: r.doctor_intro ?? '' }
      : null,
    date: r.date,
    period: r.period as Period,
    type: r.type as ScheduleType,
    feeFen: Number(r.fee_fen),
    capacity: Number(r.capacity),
    freeCount: Math.max(0, Number(r.free_count)),
    status: r.status === 'stopped' ? 'stopped' : 'open',
    startsAt: iso(Number(r.starts_at)),
    endsAt: iso(Number(r.ends_at)),
    releaseAt: iso(Number(r.release_at)),
    bookingClosesAt: iso(Number(r.closes_at)),
  };
}

/** Sessions by date, then 上午/下午/晚间, then 普通/专家/特需, then start time. */
export function compareSchedules(a: ScheduleViewRow, b: ScheduleViewRow): number {
  return a.date.localeCompare(b.date)
    || (PERIOD_ORDER[a.period] ?? 9) - (PERIOD_ORDER[b.period] ?? 9)
    || (TYPE_ORDER[a.type] ?? 9) - (TYPE_ORDER[b.type] ?? 9)
    || Number(a.starts_at) - Number(b.starts_at)
    || (a.doctor_name ?? '').localeCompare(b.doctor_name ?? '', 'zh-Hans-CN')
    || a.id.localeCompare(b.id);
}

/** A patient sees a slot as free or busy: held for payment, booked and withdrawn all show as busy. */
export function toSlotView(r: SlotViewRow): SlotView {
  return { id: r.id, seq: Number(r.seq), startsAt: iso(Number(r.starts_at)), endsAt: iso(Number(r.ends_at)), status: r.status === 'free' ? 'free' : 'busy' };
}

export function toScheduleDetail(r: ScheduleViewRow & { hospital_name: string; hospital_address: string }, slots: SlotViewRow[]): ScheduleDetail {
  return { ...toScheduleSummary(r), hospitalName: r.hospital_name, hospitalAddress: r.hospital_address, slots: slots.map(toSlotView) };
}
