import type { BookingRules } from '../../config/config.js';
import type { SqlTx } from '../../db/sql/sql-tx.js';
import type { BatchOutcome, BookRequest } from './batch/batch-types.js';
import { decideBatch } from './batch/decide.js';
import { readBatchFacts } from './batch/read-facts.js';
import { writeBatch } from './batch/write.js';

export type { BatchOutcome, BookRequest } from './batch/batch-types.js';

/**
 * Books a batch of requests in ONE transaction (group commit): many bookings share one commit,
 * which is what lifts throughput above the one-commit-per-booking ceiling. Three steps: read
 * (and lock) the facts, decide every request by the rule book without the database, write what
 * was decided. A rare deadlock between two batches that share a person is rolled back and
 * retried by the caller.
 */
export async function bookBatch(
  tx: SqlTx,
  requests: BookRequest[],
  rules: BookingRules,
  now: number,
): Promise<BatchOutcome[]> {
  const facts = await readBatchFacts(tx, requests, rules, now);
  const decision = decideBatch(requests, facts, rules, now);
  await writeBatch(tx, decision, now);
  return decision.outcomes;
}
