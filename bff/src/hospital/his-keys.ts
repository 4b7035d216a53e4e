import type { EntityManager } from 'typeorm';
import type { Dialect } from '../db/database.js';
import { HisKey, type HisKind } from '../db/entities/index.js';
import { forUpdate, placeholders } from '../db/sql/execute.js';
import { insertRows } from '../db/sql/table.js';
import { newId } from '../shared/ids.js';

/* The hospital's own codes (his_key) and the batch versions that last changed them, shared by every upsert. */

export interface KnownKey {
  id: string;
  entityId: string;
  version: number;
}

/** Why an item is not applied: its code was last changed by this version (`unchanged`) or a newer one (`stale`). */
export function versionSkip(key: KnownKey | undefined, version: number): 'unchanged' | 'stale' | null {
  if (!key) return null;
  if (key.version === version) return 'unchanged';
  return key.version > version ? 'stale' : null;
}

export async function knownKeys(
  tx: EntityManager,
  hospitalId: string,
  kind: HisKind,
  codes: string[],
): Promise<Map<string, KnownKey>> {
  const unique = [...new Set(codes)];
  if (!unique.length) return new Map();
  const rows = (await tx.query(
    `SELECT id, his_code, entity_id, version FROM his_key
      WHERE hospital_id = ? AND kind = ? AND his_code IN (${placeholders(unique.length)})`,
    [hospitalId, kind, ...unique],
  )) as { id: string; his_code: string; entity_id: string; version: unknown }[];
  return new Map(rows.map((r) => [r.his_code, { id: r.id, entityId: r.entity_id, version: Number(r.version) }]));
}

export function insertKey(
  tx: EntityManager,
  hospitalId: string,
  kind: HisKind,
  hisCode: string,
  entityId: string,
  version: number,
  now: number,
) {
  return insertRows(tx, HisKey, [{ id: newId(), hospitalId, kind, hisCode, entityId, version, updatedAt: now }]);
}

/** Records that a newer batch changed the code's row. */
export async function bumpKey(tx: EntityManager, key: KnownKey, version: number, now: number): Promise<void> {
  await tx.query('UPDATE his_key SET version = ?, updated_at = ? WHERE id = ?', [version, now, key.id]);
}

/** One batch of a hospital at a time (SQLite has one writer anyway). */
export async function lockHospital(tx: EntityManager, dialect: Dialect, hospitalId: string): Promise<void> {
  await tx.query(`SELECT id FROM hospital WHERE id = ?${forUpdate(dialect)}`, [hospitalId]);
}
