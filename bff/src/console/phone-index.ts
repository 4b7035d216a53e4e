import type { Database } from '../db/database.js';
import type { Pii } from '../identity/pii.js';

const BATCH = 500;
/** Stored for a phone that cannot be read back (a foreign key's ciphertext): never matches a search. */
const UNREADABLE = '-';

/**
 * The blind index of patients' phones, for finding a person by phone. Patients made since the
 * index exists carry it; the rows of before are filled here, once per process, before the first
 * search by phone (only the application holds the key, so a migration cannot).
 */
export class PhoneIndex {
  private filled: Promise<void> | null = null;

  constructor(
    private readonly db: Database,
    private readonly pii: Pii,
  ) {}

  /** The phone's index under each algorithm, to look up with `IN` (Pii.indexes). */
  hashesOf(phone: string): [string, string] {
    return this.pii.indexes('phone', phone);
  }

  ready(): Promise<void> {
    this.filled ??= this.fill().catch((e: unknown) => {
      this.filled = null;
      throw e;
    });
    return this.filled;
  }

  private async fill(): Promise<void> {
    for (;;) {
      const rows = await this.db.query<{ id: string; phone_enc: string }>(
        `SELECT id, phone_enc FROM patient WHERE phone_hash IS NULL LIMIT ${BATCH}`,
      );
      if (!rows.length) return;
      await this.db.write(async (tx) => {
        for (const r of rows)
          await tx.query('UPDATE patient SET phone_hash = ? WHERE id = ? AND phone_hash IS NULL', [
            this.readable(r.phone_enc),
            r.id,
          ]);
      });
    }
  }

  private readable(phoneEnc: string): string {
    try {
      return this.pii.index('phone', this.pii.decrypt('phone', phoneEnc));
    } catch {
      return UNREADABLE;
    }
  }
}
