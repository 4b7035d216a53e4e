import type { ReleaseRule, ScheduleSummary } from '@cityhealth/shared-types';
import { calendarDate, clock } from '../../utils/time';

const DAY_MS = 86_400_000;

/** A countdown is shown once the release is this close. */
export const COUNTDOWN_WITHIN_MS = DAY_MS;

/**
 * When a day without published sessions opens under the hospital's rule (its release time,
 * Asia/Shanghai, `daysAhead` days before), as the BFF publishes a session's release_at.
 */
export function ruleReleaseAt(date: string, rule: ReleaseRule): string {
  return new Date(Date.parse(`${date}T${rule.releaseTime}:00+08:00`) - rule.daysAhead * DAY_MS).toISOString();
}

/**
 * When a day's numbers open, or null when they are open already (or the day is over for release):
 * the earliest release of its sessions while none of them is released yet; a day with no sessions
 * at all opens under the hospital's rule, if that is still to come.
 */
export function dayReleaseAt(
  sessions: Pick<ScheduleSummary, 'releaseAt' | 'status'>[],
  date: string,
  rule: ReleaseRule | undefined,
  now = Date.now(),
): string | null {
  const live = sessions.filter((s) => s.status !== 'stopped');
  if (live.length) {
    if (live.some((s) => Date.parse(s.releaseAt) <= now)) return null;
    return live.reduce((a, s) => (Date.parse(s.releaseAt) < Date.parse(a) ? s.releaseAt : a), live[0]!.releaseAt);
  }
  if (sessions.length || !rule) return null;
  const at = ruleReleaseAt(date, rule);
  return Date.parse(at) > now ? at : null;
}

/** 12月8日 08:30 放号 (Asia/Shanghai). */
export function releaseText(releaseAt: string): string {
  const [, m, d] = calendarDate(releaseAt).split('-');
  return `${Number(m)}月${Number(d)}日 ${clock(releaseAt)} 放号`;
}

/** 08:30放号: the short form a day of the date grid has room for. */
export function releaseShortText(releaseAt: string): string {
  return `${clock(releaseAt)}放号`;
}

/** Whether the release is within the next 24 hours: then a countdown runs beside it. */
export function releaseIsNear(releaseAt: string, now = Date.now()): boolean {
  const left = Date.parse(releaseAt) - now;
  return left > 0 && left <= COUNTDOWN_WITHIN_MS;
}
