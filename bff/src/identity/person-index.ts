import type { EntityManager } from 'typeorm';
import type { Dialect } from '../db/database.js';
import { Person } from '../db/entities/index.js';
import { insertStatements } from '../db/sql/table.js';
import { newId } from '../shared/ids.js';

/**
 * The person behind an identity's blind index: insert-or-select on the unique id_hash, so racing
 * creators agree. Every per-person rule (limits, blacklist, one per department and session) keys on it.
 */
export async function personFor(tx: EntityManager, dialect: Dialect, idHash: string, now: number): Promise<string> {
  const [insert] = insertStatements(Person, [
    { id: newId(), idHash, blacklistedUntil: null, blacklistLiftedAt: null, createdAt: now, updatedAt: now },
  ]);
  const keepExisting =
    dialect === 'mysql' ? ' ON DUPLICATE KEY UPDATE id_hash = id_hash' : ' ON CONFLICT (id_hash) DO NOTHING';
  await tx.query(insert!.sql + keepExisting, insert!.params);
  const [row] = (await tx.query('SELECT id FROM person WHERE id_hash = ?', [idHash])) as { id: string }[];
  if (!row) throw new Error('person row vanished after insert-or-select');
  return row.id;
}
