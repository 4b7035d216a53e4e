import crypto from 'node:crypto';
import { Prng } from '../../../db/seed/prng.js';

/** The demo data's seeded PRNG (mulberry32) with a decimal helper: the same text, the same sequence. */
export class SeededRandom extends Prng {
  /** A number in [min, max), rounded to `digits` decimals. */
  between(min: number, max: number, digits: number): number {
    return Number((min + this.next() * (max - min)).toFixed(digits));
  }
}

/** A DICOM UID under the UUID-derived root 2.25: a 128-bit number from a hash of `text`. */
export function uidOf(text: string): string {
  const digest = crypto.createHash('sha256').update(text).digest();
  return `2.25.${BigInt(`0x${digest.subarray(0, 16).toString('hex')}`).toString()}`;
}

const DAY_MS = 86_400_000;
const BEIJING_MS = 8 * 3_600_000;

/** An instant `daysBefore` days before `from`, in a clinic's working hours (08:00–16:59 Beijing time). */
export function clinicTime(from: number, daysBefore: number, r: SeededRandom): number {
  const day = Math.floor((from - daysBefore * DAY_MS + BEIJING_MS) / DAY_MS) * DAY_MS - BEIJING_MS;
  return day + r.int(8, 16) * 3_600_000 + r.int(0, 59) * 60_000;
}
