import type { Database } from '../../db/database.js';
import { shanghaiDate } from '../../shared/time.js';
import { MINUTE_MS } from './service-minutes.js';

/** A minute counts as down when more than this share of its answers were server errors (5xx). */
export const ERROR_SHARE_DOWN = 0.05;
/** The tenders' allowance: at most 48 hours of outage a year. */
export const OUTAGE_HOURS_PER_YEAR = 48;
/** The minutes just ended may not be written yet (every process writes a second after the minute). */
const SETTLING_MINUTES = 2;

export interface DayAvailability {
  date: string;
  minutes: number;
  downMinutes: number;
  requests: number;
  serverErrors: number;
}

export interface AvailabilityFigures {
  /** The first minute measured (UTC ms): the range's start, or when recording began; null: none measured. */
  measuredFrom: number | null;
  /** Minutes measured, and of them: none of the platform's processes wrote (not serving), or mostly 5xx. */
  minutes: number;
  downMinutes: number;
  silentMinutes: number;
  errorMinutes: number;
  availability: number | null;
  /** The outage the tenders allow for the measured minutes (48 hours a year, pro rata). */
  allowedDownMinutes: number;
  longestOutage: { startMs: number; minutes: number } | null;
  requests: number;
  serverErrors: number;
  serverErrorRate: number | null;
  byDay: DayAvailability[];
}

/** Availability over [startMs, endMs) as far as it has been measured by `now`, from service_minute. */
export async function availabilityFigures(
  db: Database,
  range: { startMs: number; endMs: number },
  now: number,
): Promise<AvailabilityFigures> {
  const [first] = await db.query<{ at: unknown }>('SELECT MIN(minute_start) AS at FROM service_minute');
  const firstEver = first?.at == null ? null : Number(first.at);
  const settled = now - (now % MINUTE_MS) - SETTLING_MINUTES * MINUTE_MS;
  const start = firstEver === null ? null : Math.max(range.startMs, firstEver);
  const end = Math.min(range.endMs, settled);
  if (start === null || start >= end) return none();
  const rows = await db.query<{ minute_start: unknown; requests: unknown; server_errors: unknown }>(
    'SELECT minute_start, requests, server_errors FROM service_minute WHERE minute_start >= ? AND minute_start < ?',
    [start, end],
  );
  const byMinute = new Map<number, [number, number]>(
    rows.map((r) => [Number(r.minute_start), [Number(r.requests), Number(r.server_errors)]]),
  );
  const figures = none();
  figures.measuredFrom = start;
  const days = new Map<string, DayAvailability>();
  let run: { startMs: number; minutes: number } | null = null;
  for (let m = start; m < end; m += MINUTE_MS) {
    const date = shanghaiDate(m);
    let day = days.get(date);
    if (!day) {
      day = { date, minutes: 0, downMinutes: 0, requests: 0, serverErrors: 0 };
      days.set(date, day);
    }
    const counts = byMinute.get(m);
    const [requests, errors] = counts ?? [0, 0];
    const silent = !counts;
    const erring = !silent && requests > 0 && errors / requests > ERROR_SHARE_DOWN;
    figures.minutes++;
    day.minutes++;
    figures.requests += requests;
    day.requests += requests;
    figures.serverErrors += errors;
    day.serverErrors += errors;
    if (silent || erring) {
      figures.downMinutes++;
      day.downMinutes++;
      if (silent) figures.silentMinutes++;
      else figures.errorMinutes++;
      run = run ?? { startMs: m, minutes: 0 };
      run.minutes++;
      if (!figures.longestOutage || run.minutes > figures.longestOutage.minutes) figures.longestOutage = { ...run };
    } else run = null;
  }
  figures.availability = 1 - figures.downMinutes / figures.minutes;
  figures.allowedDownMinutes = Math.round((figures.minutes * OUTAGE_HOURS_PER_YEAR) / (365 * 24));
  figures.serverErrorRate = figures.requests === 0 ? null : figures.serverErrors / figures.requests;
  figures.byDay = [...days.values()];
  return figures;
}

function none(): AvailabilityFigures {
  return {
    measuredFrom: null,
    minutes: 0,
    downMinutes: 0,
    silentMinutes: 0,
    errorMinutes: 0,
    availability: null,
    allowedDownMinutes: 0,
    longestOutage: null,
    requests: 0,
    serverErrors: 0,
    serverErrorRate: null,
    byDay: [],
  };
}
