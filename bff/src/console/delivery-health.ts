import type { DeliveryHealth } from '@cityhealth/shared-types';
import type { Database } from '../db/database.js';
import { placeholders } from '../db/sql/execute.js';
import { isoOrNull } from '../shared/time.js';

const DAY_MS = 86_400_000;

/**
 * When each hospital last took an event: that of its newest event taken, found through the pending
 * index (events are kept, so a MAX over all of them would read a hospital's whole history).
 */
async function lastDeliveries(db: Database, hospitalIds: string[]): Promise<{ hospital_id: string; last: unknown }[]> {
  const rows = await Promise.all(
    hospitalIds.map((id) =>
      db.query<{ last: unknown }>(
        `SELECT delivered_at AS last FROM hospital_event WHERE hospital_id = ? AND pending IS NULL
          ORDER BY seq DESC LIMIT 1`,
        [id],
      ),
    ),
  );
  return rows.flatMap((r, i) => (r[0] ? [{ hospital_id: hospitalIds[i]!, last: r[0].last }] : []));
}
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/**
 * How the pushes to each hospital's webhook are going, read from what the pusher keeps: its
 * stream (position, consecutive failures, next attempt), its events (pending, last taken) and its
 * failed attempts (hospital_push_failure).
 */
export async function deliveryHealth(
  db: Database,
  hospitalIds: string[],
  now: number,
): Promise<Map<string, DeliveryHealth>> {
  const out = new Map<string, DeliveryHealth>();
  if (!hospitalIds.length) return out;
  const ids = placeholders(hospitalIds.length);
  const [streams, pending, delivered, failures, lastFailures] = await Promise.all([
    db.query<{ hospital_id: string; last_seq: unknown; failures: unknown; next_attempt_at: unknown }>(
      `SELECT hospital_id, last_seq, failures, next_attempt_at FROM hospital_stream WHERE hospital_id IN (${ids})`,
      hospitalIds,
    ),
    db.query<{ hospital_id: string; n: unknown; oldest: unknown; first_seq: unknown }>(
      `SELECT hospital_id, COUNT(*) AS n, MIN(at) AS oldest, MIN(seq) AS first_seq FROM hospital_event
        WHERE pending = 1 AND hospital_id IN (${ids}) GROUP BY hospital_id`,
      hospitalIds,
    ),
    lastDeliveries(db, hospitalIds),
    db.query<{ hospital_id: string; n: unknown }>(
      `SELECT hospital_id, COUNT(*) AS n FROM hospital_push_failure WHERE hospital_id IN (${ids}) AND at > ?
        GROUP BY hospital_id`,
      [...hospitalIds, now - DAY_MS],
    ),
    db.query<{ hospital_id: string; at: unknown; error: string }>(
      `SELECT f.hospital_id, f.at, f.error FROM hospital_push_failure f
        WHERE f.hospital_id IN (${ids}) AND f.at = (SELECT MAX(g.at) FROM hospital_push_failure g
          WHERE g.hospital_id = f.hospital_id)`,
      hospitalIds,
    ),
  ]);
  const by = <R extends { hospital_id: string }>(rows: R[]) => new Map(rows.map((r) => [r.hospital_id, r]));
  const [s, p, d, f, lf] = [by(streams), by(pending), by(delivered), by(failures), by(lastFailures)];
  for (const id of hospitalIds) {
    const stream = s.get(id);
    const oldest = num(p.get(id)?.oldest);
    const failing = Number(stream?.failures ?? 0) > 0;
    const last = lf.get(id);
    out.set(id, {
      pending: Number(p.get(id)?.n ?? 0),
      oldestPendingAt: isoOrNull(oldest),
      oldestPendingAgeSeconds: oldest === null ? null : Math.max(0, Math.floor((now - oldest) / 1000)),
      lastSuccessAt: isoOrNull(num(d.get(id)?.last)),
      lastFailure: last ? { at: isoOrNull(Number(last.at))!, error: last.error } : null,
      failuresLast24h: Number(f.get(id)?.n ?? 0),
      consecutiveFailures: Number(stream?.failures ?? 0),
      nextAttemptAt: failing ? isoOrNull(num(stream?.next_attempt_at)) : null,
      stream: { lastSeq: Number(stream?.last_seq ?? 0), firstPendingSeq: num(p.get(id)?.first_seq) },
    });
  }
  return out;
}
