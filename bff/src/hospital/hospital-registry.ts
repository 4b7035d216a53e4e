import type { Database } from '../db/database.js';

export interface RegisteredHospital {
  id: string;
  code: string;
  webhookUrl: string | null;
}

/** A hospital by its code on the platform (as the interface, the staff keys and the CLI name it), or null. */
export async function hospitalByCode(db: Database, code: string): Promise<RegisteredHospital | null> {
  const [row] = await db.query<{ id: string; webhook_url: string | null }>(
    'SELECT id, webhook_url FROM hospital WHERE code = ?',
    [code],
  );
  return row ? { id: row.id, code, webhookUrl: row.webhook_url } : null;
}
