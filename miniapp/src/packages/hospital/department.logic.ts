import type { ReleaseRule, ScheduleSummary } from '@cityhealth/shared-types';
import { addDays, clock } from '../../utils/time';
import { dayReleaseAt, releaseShortText } from './release.logic';

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
  /** When the day's numbers open, while they are not yet released (see dayReleaseAt). */
  releaseAt: string | null;
}

/**
 * The coming `count` days from `from`, each with how many of its sessions are open and, for a day
 * not yet released, when it opens (a day without sessions by the hospital's rule, when given).
 */
export function daysOf(
  schedules: ScheduleSummary[],
  from: string,
  count: number,
  now = Date.now(),
  rule?: ReleaseRule,
): Day[] {
  return Array.from({ length: count }, (_, i) => {
    const date = addDays(from, i);
    const mine = schedules.filter((s) => s.date === date);
    return {
      date,
      sessions: mine.length,
      open: mine.filter((s) => sessionState(s, now) === 'open').length,
      releaseAt: dayReleaseAt(mine, date, rule, now),
    };
  });
}

/** What a day of the date grid says under its date: 有号, 08:30放号, 无号 or —. */
export function dayMark(d: Day): string {
  if (d.open > 0) return '有号';
  if (d.releaseAt) return releaseShortText(d.releaseAt);
  return d.sessions > 0 ? '无号' : '—';
}

export interface DoctorChoice {
  id: string;
  name: string;
  title: string;
}

/**
 * The doctors who hold sessions in the list, each once, the one seeing patients soonest first (the
 * list comes sorted by date and period): the department page's filter.
 */
export function doctorsOf(schedules: ScheduleSummary[]): DoctorChoice[] {
  const byId = new Map<string, DoctorChoice>();
  for (const { doctor: d } of schedules)
    if (d && !byId.has(d.id)) byId.set(d.id, { id: d.id, name: d.name, title: d.title });
  return [...byId.values()];
}

/** The sessions of one doctor, or all of them when none is chosen (全部). */
export function ofDoctor(schedules: ScheduleSummary[], doctorId: string | undefined): ScheduleSummary[] {
  return doctorId ? schedules.filter((s) => s.doctor?.id === doctorId) : schedules;
}

/** The day to show first: the first with an open session, else the first with any session, else the first day. */
export function firstDay(days: Day[]): string | undefined {
  return (days.find((d) => d.open > 0) ?? days.find((d) => d.sessions > 0) ?? days[0])?.date;
}

const PERIOD_ORDER = { morning: 0, afternoon: 1, evening: 2 } as const;

/** A day's sessions, morning first, then by start time. */
export function sessionsOfDay(schedules: ScheduleSummary[], date: string): ScheduleSummary[] {
  return schedules
    .filter((s) => s.date === date)
    .sort((a, b) => PERIOD_ORDER[a.period] - PERIOD_ORDER[b.period] || Date.parse(a.startsAt) - Date.parse(b.startsAt));
}
