import type { ScheduleSummary } from '@cityhealth/shared-types';
import { addDays, clock } from '../../utils/time';

export type SessionState = 'open' | 'full' | 'not-released' | 'closed' | 'stopped';

/**
 * Whether a session can be booked now, and if not, why. The server says closed when the booking
 * window is over or every free slot has begun; the page's own clock closes it too while it stays open.
 */
export function sessionState(
  s: Pick<ScheduleSummary, 'status' | 'freeCount' | 'releaseAt' | 'bookingClosesAt'>,
  now = Date.now(),
): SessionState {
  if (s.status === 'stopped') return 'stopped';
  if (s.status === 'closed') return 'closed';
  if (now < Date.parse(s.releaseAt)) return 'not-released';
  if (now >= Date.parse(s.bookingClosesAt)) return 'closed';
  return s.freeCount > 0 ? 'open' : 'full';
}

/** What a session that cannot be booked says instead of its free count, e.g. "11:30 起停止预约". */
export function sessionStateText(
  s: Pick<ScheduleSummary, 'closedSince' | 'bookingClosesAt'>,
  state: Exclude<SessionState, 'open'>,
): string {
  if (state !== 'closed') return SESSION_STATE_TEXT[state];
  return `${clock(s.closedSince ?? s.bookingClosesAt)} 起停止预约`;
}

export const SESSION_STATE_TEXT: Record<Exclude<SessionState, 'open'>, string> = {
  full: '已约满',
  'not-released': '未放号',
  closed: '已停止预约',
  stopped: '停诊',
};

export interface Day {
  date: string;
  /** Sessions of the day that can be booked now. */
  open: number;
  sessions: number;
}

/** The coming `count` days from `from`, each with how many of its sessions are open. */
export function daysOf(schedules: ScheduleSummary[], from: string, count: number, now = Date.now()): Day[] {
  return Array.from({ length: count }, (_, i) => {
    const date = addDays(from, i);
    const mine = schedules.filter((s) => s.date === date);
    return { date, sessions: mine.length, open: mine.filter((s) => sessionState(s, now) === 'open').length };
  });
}

/** The day to show first: the first with an open session, else the first with any session, else the first day. */
export function firstDay(days: Day[]): string | undefined {
  return (days.find((d) => d.open > 0) ?? days.find((d) => d.sessions > 0) ?? days[0])?.date;
}

const PERIOD_ORDER = { morning: 0, afternoon: 1, evening: 2 } as const;

/** A day's sessions, morning first, then by start time. */
export function sessionsOfDay(schedules: ScheduleSummary[], date: string, doctorId?: string): ScheduleSummary[] {
  // 再次预约 names the doctor seen last time: their sessions come first.
  const doctorFirst = (s: ScheduleSummary) => (doctorId && s.doctor?.id === doctorId ? 0 : 1);
  return schedules
    .filter((s) => s.date === date)
    .sort(
      (a, b) =>
        doctorFirst(a) - doctorFirst(b) ||
        PERIOD_ORDER[a.period] - PERIOD_ORDER[b.period] ||
        Date.parse(a.startsAt) - Date.parse(b.startsAt),
    );
}
