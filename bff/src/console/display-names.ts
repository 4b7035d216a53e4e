import { AUDIT_ACTOR_LABELS } from '@cityhealth/shared-types';
import type { Database } from '../db/database.js';
import { placeholders } from '../db/sql/execute.js';

/** The actor types recorded with a staff account's id (a phone agent booking for a caller is one). */
const STAFF_KINDS = new Set(['staff', 'agent']);

/** An actor of a record (audit entry, order or slot event) as it is stored. */
export interface StoredActor {
  type: string;
  id: string | null;
}

/**
 * The names the console shows for the actors of many records, looked up once: staff members by
 * their account's name, hospitals by their name (by id or code, as hospital actors are recorded
 * by either); patients, the system and others by their kind (患者, 系统).
 */
export async function actorNames(db: Database, actors: readonly StoredActor[]): Promise<(a: StoredActor) => string> {
  const ids = (type: string) => [...new Set(actors.filter((a) => a.type === type && a.id).map((a) => a.id!))];
  const staffIds = [...new Set([...STAFF_KINDS].flatMap(ids))];
  const hospitalIds = ids('hospital');
  const staff = new Map<string, string>();
  const hospitals = new Map<string, string>();
  if (staffIds.length)
    for (const r of await db.query<{ id: string; name: string }>(
      `SELECT id, name FROM staff_account WHERE id IN (${placeholders(staffIds.length)})`,
      staffIds,
    ))
      staff.set(r.id, r.name);
  if (hospitalIds.length)
    for (const r of await db.query<{ id: string; code: string; name: string }>(
      `SELECT id, code, name FROM hospital WHERE id IN (${placeholders(hospitalIds.length)})
        OR code IN (${placeholders(hospitalIds.length)})`,
      [...hospitalIds, ...hospitalIds],
    )) {
      hospitals.set(r.id, r.name);
      hospitals.set(r.code, r.name);
    }
  const knownName = (a: StoredActor): string | undefined => {
    if (!a.id) return undefined;
    if (a.type === 'hospital') return hospitals.get(a.id);
    return STAFF_KINDS.has(a.type) ? staff.get(a.id) : undefined;
  };
  return (a) => knownName(a) ?? AUDIT_ACTOR_LABELS[a.type] ?? a.type;
}
