import crypto from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { AuditLog } from '../audit/audit-log.js';
import type { Database } from '../db/database.js';
import { HospitalSecret } from '../db/entities/index.js';
import { execute, forUpdate } from '../db/sql/execute.js';
import { insertRows } from '../db/sql/table.js';
import type { Pii } from '../identity/pii.js';
import type { Clock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';

/** At most this many secrets of a hospital sign at once: the current one and the one being rotated in. */
export const MAX_ACTIVE_SECRETS = 2;

/** Who issues and retires secrets: an administrator at the CLI, or a staff member in the console. */
export type SecretActorType = 'admin' | 'staff';

/** Refused: the hospital has MAX_ACTIVE_SECRETS active already. */
export class ActiveSecretLimitReached extends Error {}

export interface SecretInfo {
  id: string;
  createdAt: number;
  retiredAt: number | null;
}

/**
 * The hospitals' signing secrets: issued and retired by an administrator, kept encrypted, two
 * active during a rotation (the hospital switches to the new one, then the old one is retired).
 */
export class HospitalSecrets {
  constructor(
    private readonly db: Database,
    private readonly pii: Pii,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
  ) {}

  /** A new secret for the hospital, shown once; refused while two are active (retire one first). */
  async issue(
    hospitalId: string,
    actor: string,
    actorType: SecretActorType = 'admin',
  ): Promise<{ secretId: string; secret: string }> {
    return this.db.write(async (tx) => {
      const active = await this.lockActive(tx, hospitalId);
      if (active.length >= MAX_ACTIVE_SECRETS) {
        throw new ActiveSecretLimitReached(
          `hospital already has ${MAX_ACTIVE_SECRETS} active secrets: retire one before issuing another`,
        );
      }
      return this.insert(tx, hospitalId, actor, actorType);
    });
  }

  /** The hospital's newest active secret, issuing one first when it has none (sandbox demo hospitals). */
  async ensureOne(hospitalId: string, actor: string): Promise<string> {
    return this.db.write(async (tx) => {
      const [newest] = await this.lockActive(tx, hospitalId);
      return newest
        ? this.pii.decrypt('hospital-secret', newest.secret_enc)
        : (await this.insert(tx, hospitalId, actor)).secret;
    });
  }

  /** The active secrets (newest first), read under the hospital's row lock so issuers take turns. */
  private async lockActive(tx: EntityManager, hospitalId: string): Promise<{ secret_enc: string }[]> {
    await tx.query(`SELECT id FROM hospital WHERE id = ?${forUpdate(this.db.dialect)}`, [hospitalId]);
    return (await tx.query(
      'SELECT secret_enc FROM hospital_secret WHERE hospital_id = ? AND retired_at IS NULL ORDER BY created_at DESC',
      [hospitalId],
    )) as { secret_enc: string }[];
  }

  private async insert(
    tx: EntityManager,
    hospitalId: string,
    actor: string,
    actorType: SecretActorType = 'admin',
  ): Promise<{ secretId: string; secret: string }> {
    const secret = `hs_${crypto.randomBytes(32).toString('base64url')}`;
    const id = newId();
    const secretEnc = this.pii.encrypt('hospital-secret', secret);
    await insertRows(tx, HospitalSecret, [{ id, hospitalId, secretEnc, createdAt: this.clock.now(), retiredAt: null }]);
    await this.audit.record(
      {
        actorType,
        actorId: actor,
        action: 'hospital.secret.issue',
        targetType: 'hospital',
        targetId: hospitalId,
        detail: { secretId: id },
      },
      tx,
    );
    return { secretId: id, secret };
  }

  /** Stops a secret signing: calls signed with it are refused from now on. */
  async retire(
    hospitalId: string,
    secretId: string,
    actor: string,
    actorType: SecretActorType = 'admin',
  ): Promise<boolean> {
    const now = this.clock.now();
    return this.db.write(async (tx) => {
      const changed =
        (await execute(
          tx,
          'UPDATE hospital_secret SET retired_at = ? WHERE id = ? AND hospital_id = ? AND retired_at IS NULL',
          [now, secretId, hospitalId],
        )) > 0;
      if (changed) {
        await this.audit.record(
          {
            actorType,
            actorId: actor,
            action: 'hospital.secret.retire',
            targetType: 'hospital',
            targetId: hospitalId,
            detail: { secretId },
          },
          tx,
        );
      }
      return changed;
    });
  }

  /** The hospital's active secrets in the clear, newest first. */
  async active(hospitalId: string): Promise<string[]> {
    const rows = await this.db.query<{ secret_enc: string }>(
      'SELECT secret_enc FROM hospital_secret WHERE hospital_id = ? AND retired_at IS NULL ORDER BY created_at DESC',
      [hospitalId],
    );
    return rows.map((r) => this.pii.decrypt('hospital-secret', r.secret_enc));
  }

  /** The secret that signs the platform's calls to the hospital: during a rotation the older one (it surely has it). */
  async signing(hospitalId: string): Promise<string | null> {
    return (await this.active(hospitalId)).at(-1) ?? null;
  }

  async list(hospitalId: string): Promise<SecretInfo[]> {
    const rows = await this.db.query<{ id: string; created_at: unknown; retired_at: unknown }>(
      'SELECT id, created_at, retired_at FROM hospital_secret WHERE hospital_id = ? ORDER BY created_at',
      [hospitalId],
    );
    return rows.map((r) => ({
      id: r.id,
      createdAt: Number(r.created_at),
      retiredAt: r.retired_at === null ? null : Number(r.retired_at),
    }));
  }
}
