import type { Database } from '../db/database.js';
import { HospitalNonce } from '../db/entities/index.js';
import { isUniqueViolation } from '../db/sql/execute.js';
import { insertRows } from '../db/sql/table.js';
import { newId } from '../shared/ids.js';
import { NONCE_REMEMBER_MS } from './signature.js';

const PURGE_EVERY_MS = 60_000;

/** The nonces of the hospitals' signed calls, in the database so every process refuses a replay. */
export class HospitalNonces {
  private purgedAt = 0;

  constructor(private readonly db: Database) {}

  /** True the first time a hospital uses a nonce, false ever after (a replay). */
  async remember(hospitalId: string, nonce: string, now: number): Promise<boolean> {
    if (now - this.purgedAt > PURGE_EVERY_MS) {
      this.purgedAt = now;
      await this.db.query('DELETE FROM hospital_nonce WHERE seen_at < ?', [now - NONCE_REMEMBER_MS]);
    }
    try {
      await insertRows(this.db, HospitalNonce, [{ id: newId(), hospitalId, nonce, seenAt: now }]);
      return true;
    } catch (e) {
      if (isUniqueViolation(e)) return false;
      throw e;
    }
  }
}
