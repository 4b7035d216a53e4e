import type { Database } from '../../db/database.js';
import { isUniqueViolation } from '../../db/sql/execute.js';
import type { Pii } from '../../identity/pii.js';
import { PASSES, type Pass } from './passes.js';
import { applyUpdates } from './row-update.js';

export interface PassProgress {
  pass: string;
  /** Rows looked at. */
  scanned: number;
  /** Rows rewritten to the configured version. */
  rewritten: number;
  /** Rows changed by someone else meanwhile (their write kept); the next run looks again. */
  raced: number;
  /** Rows whose ciphertext this key cannot read: left as they are. */
  unreadable: number;
}

export interface ReencryptOptions {
  batch?: number;
  /** A pause between batches, to leave the database to the platform. */
  pauseMs?: number;
  onProgress?: (p: PassProgress) => void;
}

/**
 * Moves stored personal data to the configured ciphertext version and blind-index algorithm
 * (PII_CIPHER), online: small batches walked by key, each row rewritten in its own short
 * transaction under a condition on its old values. Rows already current are skipped, so a run
 * may be stopped and started again at any time, and a second run finds nothing to do.
 */
export async function reencrypt(db: Database, pii: Pii, options: ReencryptOptions = {}): Promise<PassProgress[]> {
  const done: PassProgress[] = [];
  for (const pass of PASSES) done.push(await runPass(db, pii, pass, options));
  return done;
}

async function runPass(db: Database, pii: Pii, pass: Pass, o: ReencryptOptions): Promise<PassProgress> {
  const batch = o.batch ?? 200;
  const progress: PassProgress = { pass: pass.name, scanned: 0, rewritten: 0, raced: 0, unreadable: 0 };
  const where = pass.where.replaceAll('{v}', `'${pii.version}.%'`);
  let after = '';
  for (;;) {
    const rows = await db.query<Record<string, string | null> & { id: string }>(
      `SELECT ${pass.select} FROM ${pass.from} WHERE (${where}) AND ${pass.key} > ?
        ORDER BY ${pass.key} LIMIT ${batch}`,
      [after],
    );
    if (!rows.length) break;
    for (const row of rows) await rewriteRow(db, pii, pass, row, progress);
    after = rows.at(-1)!.id;
    o.onProgress?.({ ...progress });
    if (o.pauseMs) await new Promise((r) => setTimeout(r, o.pauseMs));
  }
  return progress;
}

async function rewriteRow(
  db: Database,
  pii: Pii,
  pass: Pass,
  row: Record<string, string | null> & { id: string },
  progress: PassProgress,
): Promise<void> {
  progress.scanned++;
  let updates: Awaited<ReturnType<Pass['plan']>>;
  try {
    updates = await pass.plan(row, pii, db);
  } catch {
    progress.unreadable++;
    return;
  }
  if (!updates.length) return;
  const applied = await db
    .write(async (tx) => {
      if (await applyUpdates(tx, updates)) return true;
      throw new Raced();
    })
    .catch((e: unknown) => {
      if (e instanceof Raced || isUniqueViolation(e)) return false;
      throw e;
    });
  if (applied) progress.rewritten++;
  else progress.raced++;
}

class Raced extends Error {}
