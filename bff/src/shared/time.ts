/** China has kept UTC+8 with no daylight saving since 1991, so Asia/Shanghai is a fixed offset. */
export const SHANGHAI_OFFSET_MS = 8 * 3600_000;
export const DAY_MS = 86_400_000;

/** The calendar date (YYYY-MM-DD) in Asia/Shanghai of an instant. */
export function shanghaiDate(at: number): string {
  return new Date(at + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant of a wall-clock time (HH:MM) on a date in Asia/Shanghai. */
export function shanghaiInstant(date: string, time: string): number {
  const ms = Date.parse(`${date}T${time}:00.000+08:00`);
  if (Number.isNaN(ms)) throw new RangeError(`bad date/time ${date} ${time}`);
  return ms;
}

/** A date plus a number of days (calendar arithmetic). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export const iso = (at: number): string => new Date(at).toISOString();
export const isoOrNull = (at: number | null | undefined): string | null => (at == null ? null : iso(at));

/** `yyyy-MM-dd HH:mm:ss` in Asia/Shanghai, as the Alipay gateway and the channels' bills write times. */
export const beijingTimestamp = (at: number): string =>
  new Date(at + SHANGHAI_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');

/** `yyyy-MM-dd HH:mm` in Asia/Shanghai, as a patient reads a time in a message. */
export const beijingMinute = (at: number): string => beijingTimestamp(at).slice(0, 16);

/** RFC 3339 in Beijing time (`yyyy-MM-ddTHH:mm:ss+08:00`), as WeChat Pay writes and expects it. */
export const beijingRfc3339 = (at: number): string =>
  `${new Date(at + SHANGHAI_OFFSET_MS).toISOString().slice(0, 19)}+08:00`;

/** The instant of a `yyyy-MM-dd HH:mm:ss` (Beijing) text, or null. */
export function fromBeijingTimestamp(text: string | undefined | null): number | null {
  const m = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})$/.exec(text ?? '');
  if (!m) return null;
  const at = Date.parse(`${m[1]}T${m[2]}+08:00`);
  return Number.isNaN(at) ? null : at;
}
