import type { Period } from '@cityhealth/shared-types';
import { shanghaiInstant } from '../../shared/time.js';
import { PERIOD_HOURS } from './periods.js';

/** A visit window as the hospital writes it (HH:MM, Asia/Shanghai). */
export interface ClockWindow {
  start: string;
  end: string;
}

export interface SessionTimesInput {
  date: string;
  period: Period;
  capacity: number;
  startTime?: string;
  endTime?: string;
  /** One window per slot, seq 1 first; default: the session split evenly. */
  slotTimes?: ClockWindow[];
}

export interface SessionTimes {
  startsAt: number;
  endsAt: number;
  /** [from, to) of each slot, seq 1 first. */
  slots: [number, number][];
}

/**
 * The instants of a session and of its slots. Without explicit hours, a session with slot times
 * spans them, else the period's clinic hours. Answers a message (for the hospital) when the times
 * do not make a session: slots outside its hours, or out of order.
 */
export function sessionTimes(s: SessionTimesInput): SessionTimes | { refusal: string } {
  const at = (time: string) => shanghaiInstant(s.date, time);
  const windows = s.slotTimes?.map((w) => [at(w.start), at(w.end)] as [number, number]);
  if (windows && windows.length !== s.capacity) return { refusal: '号源时段的个数应与号源数量一致' };
  const hours = PERIOD_HOURS[s.period];
  const startsAt = s.startTime ? at(s.startTime) : windows ? Math.min(...windows.map((w) => w[0])) : at(hours.start);
  const endsAt = s.endTime ? at(s.endTime) : windows ? Math.max(...windows.map((w) => w[1])) : at(hours.end);
  if (endsAt <= startsAt) return { refusal: '出诊结束时间应晚于开始时间' };
  if (!windows) return { startsAt, endsAt, slots: evenSplit(startsAt, endsAt, s.capacity) };
  for (const [i, [from, to]] of windows.entries()) {
    if (to <= from) return { refusal: `第 ${i + 1} 号的时段结束应晚于开始` };
    if (from < startsAt || to > endsAt) return { refusal: `第 ${i + 1} 号的时段不在出诊时间内` };
    // slots are handed out in seq order: a later number must not be seen earlier
    if (i > 0 && from < windows[i - 1]![0]) return { refusal: `第 ${i + 1} 号的时段早于第 ${i} 号` };
  }
  return { startsAt, endsAt, slots: windows };
}

/** `count` windows splitting [startsAt, endsAt) evenly. */
function evenSplit(startsAt: number, endsAt: number, count: number): [number, number][] {
  const span = endsAt - startsAt;
  return Array.from({ length: count }, (_, i) => [
    startsAt + Math.floor((i * span) / count),
    startsAt + Math.floor(((i + 1) * span) / count),
  ]);
}
