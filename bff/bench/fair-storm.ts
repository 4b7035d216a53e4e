import crypto from 'node:crypto';
import { Pool } from 'undici';
import type { StormPatient } from './storm.js';

export interface FairStormResult {
  requests: number;
  /** Per group: patients booked, and how long their booking requests took to be answered. */
  fast: { patients: number; booked: number; latenciesMs: number[] };
  slow: { patients: number; booked: number; latenciesMs: number[] };
  refusals: Record<string, number>;
  serverErrors: number;
  /** How late (ms) the load generator sent each patient's first request (it shares the machine). */
  sentLateMs: number[];
}

/** Codes after which a script tries again at once (20 ms later): not released yet, throttled, registered. */
const RETRIED = new Set(['NOT_YET_RELEASED', 'RATE_LIMITED', 'DRAW_PENDING']);
const RETRY_MS = 20;

/**
 * The release as it happens: the "fast" patients (scripts) send at the release time to the
 * millisecond and retry every 20 ms; the others arrive spread evenly over the first `spreadMs`
 * and send once. Every patient books the one session.
 */
export async function fairStorm(
  baseUrl: string,
  o: { fast: StormPatient[]; slow: StormPatient[]; scheduleId: string; releaseAt: number; spreadMs: number },
): Promise<FairStormResult> {
  const pool = new Pool(baseUrl, { connections: o.fast.length + o.slow.length });
  const result: FairStormResult = {
    requests: 0,
    fast: { patients: o.fast.length, booked: 0, latenciesMs: [] },
    slow: { patients: o.slow.length, booked: 0, latenciesMs: [] },
    refusals: {},
    serverErrors: 0,
    sentLateMs: [],
  };
  const addressOf = (i: number) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
  const sleepUntil = (at: number) => new Promise((r) => setTimeout(r, Math.max(0, at - Date.now())));

  async function attempt(p: StormPatient, index: number, key: string) {
    const t0 = performance.now();
    const res = await pool.request({
      method: 'POST',
      path: '/api/v1/orders',
      body: JSON.stringify({ scheduleId: o.scheduleId, patientId: p.patientId }),
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${p.token}`,
        'idempotency-key': key,
        'x-forwarded-for': addressOf(index),
      },
    });
    const json = (await res.body.json()) as { error?: { code: string } };
    result.requests++;
    const code = res.statusCode === 201 ? null : (json.error?.code ?? `HTTP_${res.statusCode}`);
    if (code) result.refusals[code] = (result.refusals[code] ?? 0) + 1;
    if (res.statusCode >= 500) result.serverErrors++;
    return { code, ms: performance.now() - t0 };
  }

  async function patient(p: StormPatient, index: number, group: 'fast' | 'slow', at: number) {
    await sleepUntil(at);
    result.sentLateMs.push(Date.now() - at);
    const key = crypto.randomUUID();
    for (;;) {
      const { code, ms } = await attempt(p, index, key);
      if (code !== 'NOT_YET_RELEASED') result[group].latenciesMs.push(ms);
      if (code === null) {
        result[group].booked++;
        return;
      }
      if (group === 'slow' || !RETRIED.has(code)) return;
      await new Promise((r) => setTimeout(r, RETRY_MS));
    }
  }

  await Promise.all([
    ...o.fast.map((p, i) => patient(p, i, 'fast', o.releaseAt)),
    ...o.slow.map((p, i) =>
      patient(p, o.fast.length + i, 'slow', o.releaseAt + Math.floor((i + 0.5) * (o.spreadMs / o.slow.length))),
    ),
  ]);
  await pool.close();
  return result;
}

/** The 95 % Wilson interval of a share observed as `hits` of `n`. */
export function wilsonInterval(hits: number, n: number): [number, number] {
  if (!n) return [0, 1];
  const z = 1.96;
  const p = hits / n;
  const centre = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / (1 + (z * z) / n);
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}
