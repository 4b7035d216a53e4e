import type { Waitlist } from '@cityhealth/shared-types';
import { PERIOD_LABELS } from '@cityhealth/shared-types/labels';
import { dateTime, relativeDayLabel, timeWindow } from '../../utils/time';

/** 排第 2 位 while waiting; nothing otherwise. */
export function positionText(w: Pick<Waitlist, 'status' | 'position'>): string | null {
  return w.status === 'waiting' && w.position ? `排第 ${w.position} 位` : null;
}

/** 12月8日 上午 08:00–11:30 · 下午 …: the visit day and each session of the waitlist. */
export function sessionsText(w: Pick<Waitlist, 'date' | 'sessions'>, today?: string): string {
  const sessions = w.sessions.map(
    (s) => `${PERIOD_LABELS[s.period]}\u00a0${timeWindow(s.startsAt, s.endsAt)}${s.doctor ? ` ${s.doctor.name}` : ''}`,
  );
  return `${relativeDayLabel(w.date, today)} ${sessions.join(' · ')}`;
}

/** The line under a waitlist: until when it waits, or what became of it. */
export function outcomeText(w: Pick<Waitlist, 'status' | 'closesAt' | 'note'>): string {
  if (w.status === 'waiting') return `候补截止 ${dateTime(w.closesAt)}，截止前有号将自动为您预约`;
  return w.note ?? '';
}
