import type { Database } from '../db/database.js';

/** The names of hospitals or departments by id (an id without a row is named by itself). */
export async function namesOf(
  db: Database,
  table: 'hospital' | 'department',
  ids: readonly string[],
): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  const names = new Map<string, string>();
  for (let i = 0; i < unique.length; i += 500) {
    const chunk = unique.slice(i, i + 500);
    const rows = await db.query<{ id: string; name: string }>(
      `SELECT id, name FROM ${table} WHERE id IN (${chunk.map(() => '?').join(', ')})`,
      chunk,
    );
    for (const r of rows) names.set(r.id, r.name);
  }
  return names;
}

export const named = (names: Map<string, string>, id: string) => ({ id, name: names.get(id) ?? id });
