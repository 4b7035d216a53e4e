import { SHANGHAI_OFFSET_MS } from '../../../shared/time.js';

/* FHIR date search parameters (ge2026-01-01, le2026-06-30T23:59:59+08:00 …), as instants. */

export class SearchParameterInvalid extends Error {}

const PREFIXES = ['eq', 'ne', 'gt', 'lt', 'ge', 'le', 'sa', 'eb'] as const;
type Prefix = (typeof PREFIXES)[number];

/** A date or dateTime value as the half-open span [start, end) it names; dates without a zone in Beijing time. */
function span(value: string): [number, number] {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/.exec(
    value,
  );
  if (!m) throw new SearchParameterInvalid(`${value} is not a FHIR date or dateTime`);
  const [, y, mo, d, h, mi, s, , zone] = m;
  if (h !== undefined) {
    const text = `${y}-${mo}-${d}T${h}:${mi}:${s ?? '00'}${zone ?? '+08:00'}`;
    const at = Date.parse(text);
    if (Number.isNaN(at)) throw new SearchParameterInvalid(`${value} is not a FHIR dateTime`);
    return [at, at + (s === undefined ? 60_000 : 1_000)];
  }
  const year = Number(y);
  const start = Date.UTC(year, mo ? Number(mo) - 1 : 0, d ? Number(d) : 1) - SHANGHAI_OFFSET_MS;
  const end = d ? start + 86_400_000 : Date.UTC(mo ? year : year + 1, mo ? Number(mo) : 0, 1) - SHANGHAI_OFFSET_MS;
  if (Number.isNaN(start)) throw new SearchParameterInvalid(`${value} is not a FHIR date`);
  return [start, end];
}

/** The test of every value of a date parameter (all must hold); values without a prefix are `eq`. */
export function dateFilter(values: string[]): (at: number) => boolean {
  const tests = values.map((raw) => {
    const prefix = (PREFIXES as readonly string[]).includes(raw.slice(0, 2)) ? (raw.slice(0, 2) as Prefix) : 'eq';
    const [start, end] = span(prefix === 'eq' && !raw.startsWith('eq') ? raw : raw.slice(2));
    const test: Record<Prefix, (t: number) => boolean> = {
      eq: (t) => t >= start && t < end,
      ne: (t) => t < start || t >= end,
      gt: (t) => t >= end,
      sa: (t) => t >= end,
      lt: (t) => t < start,
      eb: (t) => t < start,
      ge: (t) => t >= start,
      le: (t) => t < end,
    };
    return test[prefix];
  });
  return (at) => tests.every((test) => test(at));
}
