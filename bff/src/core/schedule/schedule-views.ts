import type { Period, ScheduleDetail, ScheduleSummary, ScheduleType, SlotView } from '@cityhealth/shared-types';
import { iso } from '../../shared/time.js';
import type { ScheduleViewRow, SlotViewRow } from './schedule-queries.js';

const PERIOD_ORDER: Record<string, number> = { morning: 0, afternoon: 1, evening: 2 };
const TYPE_ORDER: Record<string, number> = { general: 0, expert: 1, special: 2 };

/**
 * The free slots of a session that has begun: how many can still be booked (not yet begun), and
 * when the last free one began. Sessions that have not begun need none: every free slot is ahead.
 */
export interface FreeSlotsNow {
  bookable: number;
  lastFreeStartsAt: number | null;
}

/** The instant a view is made at, and the rule book's cancellation deadline of a visit date. */
export interface ViewClock {
  now: number;
  cancelDeadline: (visitDate: string) => number;
  /** Until when a session's requests are drawn (fair release), or null: no draw. */
  fairDrawUntil?: (type: string, releaseAt: number) => number | null;
}

/**
 * What a patient can do with a session now. Free means bookable: a slot whose time has begun is
 * not counted. A session is closed once its booking window has ended, or once every free slot has
 * begun (it is not full, but nothing is left to book); 约满 is for sessions with no free slot at all.
 */
export function toScheduleSummary(r: ScheduleViewRow, at: ViewClock, started?: FreeSlotsNow): ScheduleSummary {
  const now = at.now;
  const closesAt = Number(r.closes_at);
  const free = Math.max(0, Number(r.free_count));
  let status: ScheduleSummary['status'] = r.status === 'stopped' ? 'stopped' : 'open';
  let freeCount = status === 'stopped' ? 0 : free;
  let closedSince: number | null = null;
  if (status === 'open' && now >= closesAt) {
    status = 'closed';
    closedSince = closesAt;
  } else if (status === 'open' && started) {
    freeCount = Math.min(free, started.bookable);
    if (free > 0 && freeCount === 0 && started.lastFreeStartsAt !== null) {
      status = 'closed';
      closedSince = started.lastFreeStartsAt;
    }
  }
  if (status === 'closed') freeCount = 0;
  return {
    id: r.id,
    hospitalId: r.hospital_id,
    departmentId: r.department_id,
    departmentName: r.department_name,
    doctor:
      r.doctor_id && r.doctor_name != null
        ? {
            id: r.doctor_id,
            name: r.doctor_name,
            title: r.doctor_title ?? '',
            specialty: r.doctor_specialty ?? '',
            intro: r.doctor_intro ?? '',
          }
        : null,
    date: r.date,
    period: r.period as Period,
    type: r.type as ScheduleType,
    feeFen: Number(r.fee_fen),
    capacity: Number(r.capacity),
    freeCount,
    status,
    closedSince: closedSince === null ? null : iso(closedSince),
    startsAt: iso(Number(r.starts_at)),
    endsAt: iso(Number(r.ends_at)),
    releaseAt: iso(Number(r.release_at)),
    bookingClosesAt: iso(closesAt),
    cancelDeadline: iso(at.cancelDeadline(r.date)),
    ...drawnUntil(at, r),
  };
}

function drawnUntil(at: ViewClock, r: ScheduleViewRow): { fairDrawUntil?: string } {
  const until = at.fairDrawUntil?.(r.type, Number(r.release_at)) ?? null;
  return until === null ? {} : { fairDrawUntil: iso(until) };
}

/** Whether a session has begun and is still open: only then do its free slots need counting against the clock. */
export const needsFreeSlotsNow = (r: ScheduleViewRow, now: number): boolean =>
  r.status !== 'stopped' && Number(r.starts_at) <= now && now < Number(r.closes_at) && Number(r.free_count) > 0;

/** Sessions by date, then 上午/下午/晚间, then 普通/专家/特需, then start time. */
export function compareSchedules(a: ScheduleViewRow, b: ScheduleViewRow): number {
  return (
    a.date.localeCompare(b.date) ||
    (PERIOD_ORDER[a.period] ?? 9) - (PERIOD_ORDER[b.period] ?? 9) ||
    (TYPE_ORDER[a.type] ?? 9) - (TYPE_ORDER[b.type] ?? 9) ||
    Number(a.starts_at) - Number(b.starts_at) ||
    (a.doctor_name ?? '').localeCompare(b.doctor_name ?? '', 'zh-Hans-CN') ||
    a.id.localeCompare(b.id)
  );
}

/**
 * A patient sees a slot as free, busy (held for payment, booked or withdrawn) or past (free, but its time has begun).
 */
export function toSlotView(r: SlotViewRow, now: number): SlotView {
  const startsAt = Number(r.starts_at);
  const status = r.status !== 'free' ? 'busy' : startsAt <= now ? 'past' : 'free';
  return { id: r.id, seq: Number(r.seq), startsAt: iso(startsAt), endsAt: iso(Number(r.ends_at)), status };
}

export function toScheduleDetail(
  r: ScheduleViewRow & { hospital_name: string; hospital_address: string },
  slots: SlotViewRow[],
  at: ViewClock,
): ScheduleDetail {
  const now = at.now;
  const free = slots.filter((s) => s.status === 'free');
  const started: FreeSlotsNow = {
    bookable: free.filter((s) => Number(s.starts_at) > now).length,
    lastFreeStartsAt: free.length ? Math.max(...free.map((s) => Number(s.starts_at))) : null,
  };
  return {
    ...toScheduleSummary(r, at, started),
    hospitalName: r.hospital_name,
    hospitalAddress: r.hospital_address,
    slots: slots.map((s) => toSlotView(s, now)),
  };
}
