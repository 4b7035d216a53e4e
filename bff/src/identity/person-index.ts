import type { EntityManager } from 'typeorm';
import type { Dialect } from '../db/database.js';
import { Person } from '../db/entities/index.js';
import { insertStatements } from '../db/sql/table.js';
import { newId } from '../shared/ids.js';

/**
 * The person behind an identity's blind index: insert-or-select on the unique id_hash, so racing
 * creators agree. Every per-person rule (limits, blacklist, one per department and session) keys on it.
 * `idHashes` is the identity's index under each algorithm (Pii.indexes, current first): a person not
 * yet re-indexed is found under the other one, never created a second time.
 */
export async function personFor(
  tx: EntityManager,
  dialect: Dialect,
  idHashes: readonly [string, ...string[]],
  now: number,
): Promise<string> {
  const find = async () => {
    const rows = (await tx.query(`SELECT id, id_hash FROM person WHERE id_hash IN (${idHashes.map(() => '?')})`, [
      ...idHashes,
    ])) as { id: string; id_hash: string }[];
    // current first: were both ever present, every caller settles on the same one
    return idHashes.map((h) => rows.find((r) => r.id_hash === h)).find(Boolean)?.id;
  };
  const existing = await find();
  if (existing) return existing;
  const [insert] = insertStatements(Person, [
    {
      id: newId(),
      idHash: idHashes[0],
      blacklistedUntil: null,
      blacklistLiftedAt: null,
      createdAt: now,
      updatedAt: now,
    },
  ]);
  const keepExisting =
    dialect === 'mysql' ? ' ON DUPLICATE KEY UPDATE id_hash = id_hash' : ' ON CONFLICT (id_hash) DO NOTHING';
  await tx.query(insert!.sql + keepExisting, insert!.params);
  const id = await find();
  if (!id) throw new Error('person row vanished after insert-or-select');
  return id;
}
