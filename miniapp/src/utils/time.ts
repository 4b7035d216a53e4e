/*
 * Times arrive from the API in UTC and are shown in Asia/Shanghai. China keeps UTC+8 all year
 * (no daylight saving), so a fixed offset is exact and needs no time-zone data on the device.
 */
const SHANGHAI_OFFSET_MS = 8 * 3600_000;
const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

const pad = (n: number) => String(n).padStart(2, '0');

/** The Shanghai wall-clock fields of an instant. */
function wall(instant: string | number | Date): Date {
  const ms = typeof instant === 'number' ? instant : instant instanceof Date ? instant.getTime() : Date.parse(instant);
  return new Date(ms + SHANGHAI_OFFSET_MS);
}

/** 2026-11-23 (Shanghai) of an instant; today's by default. */
export function calendarDate(instant: string | number | Date = Date.now()): string {
  const d = wall(instant);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** Adds days to a calendar date (YYYY-MM-DD). */
export function addDays(date: string, days: number): string {
  const ms = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** 周一 for a calendar date. */
export function weekday(date: string): string {
  return `周${WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()]}`;
}

/** 11月23日 周一 for a calendar date. */
export function dayLabel(date: string): string {
  const [, m, d] = date.split('-');
  return `${Number(m)}月${Number(d)}日 ${weekday(date)}`;
}

/** 今天 / 明天 / 11月25日 for a calendar date, relative to today in Shanghai. */
export function relativeDayLabel(date: string, today = calendarDate()): string {
  if (date === today) return '今天';
  if (date === addDays(today, 1)) return '明天';
  const [, m, d] = date.split('-');
  return `${Number(m)}月${Number(d)}日`;
}

/** 08:30 (Shanghai) of an instant. */
export function clock(instant: string): string {
  const d = wall(instant);
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** 2026年11月23日 周一 08:30 (Shanghai). */
export function dateTime(instant: string): string {
  const date = calendarDate(instant);
  const [y, m, d] = date.split('-');
  return `${y}年${Number(m)}月${Number(d)}日 ${weekday(date)} ${clock(instant)}`;
}

/** 08:30–09:00 for a time window. */
export function timeWindow(startsAt: string, endsAt: string): string {
  return `${clock(startsAt)}–${clock(endsAt)}`;
}

/** 2天 03:04:05 / 03:04:05 / 04:05 for a remaining duration. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const days = Math.floor(total / 86_400);
  const h = Math.floor((total % 86_400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const hms = h > 0 || days > 0 ? `${pad(h)}:${pad(m)}:${pad(s)}` : `${pad(m)}:${pad(s)}`;
  return days > 0 ? `${days}天 ${hms}` : hms;
}
