import type { Database } from '../db/database.js';
import { hospitalByCode } from './hospital-registry.js';
import type { HospitalSecrets } from './hospital-secrets.js';

export interface SandboxCredentials {
  hospitalCode: string;
  secret: string;
  webhookUrl: string;
}

/**
 * A demo hospital's interface credentials in sandbox mode: its secret (issued on first ask) and the
 * address of its emulated HIS on the sandbox port, recorded as its webhook. Null for an unknown code.
 */
export async function sandboxCredentials(
  db: Database,
  secrets: HospitalSecrets,
  code: string,
  sandboxPort: number,
): Promise<SandboxCredentials | null> {
  const hospital = await hospitalByCode(db, code);
  if (!hospital) return null;
  const secret = await secrets.ensureOne(hospital.id, 'sandbox');
  let webhookUrl = hospital.webhookUrl;
  if (!webhookUrl) {
    webhookUrl = `http://127.0.0.1:${sandboxPort}/his/${code}/events`;
    await db.query('UPDATE hospital SET webhook_url = ? WHERE id = ?', [webhookUrl, hospital.id]);
  }
  return { hospitalCode: code, secret, webhookUrl };
}
