import crypto from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { STAFF_ROLE_LABELS, type StaffAccountItem, type StaffCredentials } from '@cityhealth/shared-types';
import type { AuditLog } from '../audit/audit-log.js';
import type { Database } from '../db/database.js';
import { StaffAccount, type StaffAccountRow } from '../db/entities/index.js';
import { execute } from '../db/sql/execute.js';
import { isUniqueViolation } from '../db/sql/execute.js';
import { insertRows } from '../db/sql/table.js';
import type { Pii } from '../identity/pii.js';
import type { Clock } from '../shared/clock.js';
import { AppError } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import { isHospitalRole, type Staff, type StaffRole } from './staff.js';
import { newTotpSecret, totpFor } from './totp.js';

/** Who did it, for the audit trail: a staff member, or the command line. */
export interface Actor {
  type: 'staff' | 'cli' | 'system';
  id: string;
  ip?: string;
}

const PASSWORD_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/** A first password an administrator hands over: 16 characters with letters and digits. */
export function newInitialPassword(): string {
  for (;;) {
    const p = Array.from(crypto.randomBytes(16), (b) => PASSWORD_ALPHABET[b % PASSWORD_ALPHABET.length]).join('');
    if (/[A-Za-z]/.test(p) && /\d/.test(p)) return p;
  }
}

export const hashPassword = (password: string): Promise<string> => hash(password);
export const passwordMatches = (stored: string, password: string): Promise<boolean> =>
  verify(stored, password).catch(() => false);

interface ListedRow {
  id: string;
  name: string;
  role: StaffRole;
  hospital_id: string | null;
  hospital_name: string | null;
  username: string | null;
  created_at: number;
  last_login_at: number | null;
  locked_until: number | null;
  disabled_at: number | null;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(Number(ms)).toISOString());

/** The people of the console: accounts made by administrators (or the CLI), each with a role. */
export class StaffAccounts {
  constructor(
    private readonly db: Database,
    private readonly pii: Pii,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async create(
    input: {
      username: string;
      name: string;
      role: StaffRole;
      hospitalId?: string | null;
      password?: string;
      totpSecret?: string;
    },
    actor: Actor,
  ): Promise<StaffCredentials> {
    const username = input.username.toLowerCase();
    const hospitalId = isHospitalRole(input.role) ? (input.hospitalId ?? null) : null;
    if (isHospitalRole(input.role)) {
      const [h] = await this.db.query('SELECT id FROM hospital WHERE id = ?', [hospitalId ?? '']);
      if (!h)
        throw new AppError('VALIDATION_FAILED', '所选医院不存在', [
          { path: 'body.hospitalId', message: '所选医院不存在' },
        ]);
    }
    const password = input.password ?? newInitialPassword();
    const secret = input.totpSecret ?? newTotpSecret();
    const id = newId();
    const row: StaffAccountRow = {
      id,
      name: input.name,
      role: input.role,
      hospitalId,
      keyHash: null,
      username,
      passwordHash: await hashPassword(password),
      totpSecret: this.pii.encrypt('totp', secret),
      totpStep: null,
      failedLogins: 0,
      lockedUntil: null,
      lastLoginAt: null,
      mustChangePassword: input.password === undefined,
      createdAt: this.clock.now(),
      disabledAt: null,
    };
    try {
      await this.db.write(async (tx) => {
        await insertRows(tx, StaffAccount, [row]);
        await this.audit.record(
          {
            actorType: actor.type,
            actorId: actor.id,
            action: 'staff.create',
            targetType: 'staff',
            targetId: id,
            ip: actor.ip,
            detail: { username, role: input.role, hospitalId },
          },
          tx,
        );
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw new AppError('STAFF_USERNAME_TAKEN');
      throw e;
    }
    return this.credentials(id, username, password, secret);
  }

  /** A new password and TOTP secret: the old ones, a lock-out and every session of the account end. */
  async reset(id: string, actor: Actor): Promise<StaffCredentials> {
    const [row] = await this.db.query<{ username: string | null }>('SELECT username FROM staff_account WHERE id = ?', [
      id,
    ]);
    if (!row?.username) throw new AppError('STAFF_NOT_FOUND');
    const password = newInitialPassword();
    const secret = newTotpSecret();
    const passwordHash = await hashPassword(password);
    const now = this.clock.now();
    await this.db.write(async (tx) => {
      await execute(
        tx,
        `UPDATE staff_account SET password_hash = ?, totp_secret = ?, totp_step = NULL, failed_logins = 0,
           locked_until = NULL, must_change_password = ? WHERE id = ?`,
        [passwordHash, this.pii.encrypt('totp', secret), true, id],
      );
      await execute(tx, 'UPDATE staff_session SET ended_at = ? WHERE staff_id = ? AND ended_at IS NULL', [now, id]);
      await this.audit.record(
        {
          actorType: actor.type,
          actorId: actor.id,
          action: 'staff.reset',
          targetType: 'staff',
          targetId: id,
          ip: actor.ip,
        },
        tx,
      );
    });
    return this.credentials(id, row.username, password, secret);
  }

  async changePassword(staff: Staff, current: string, next: string, ip: string): Promise<void> {
    const [row] = await this.db.query<{ password_hash: string | null }>(
      'SELECT password_hash FROM staff_account WHERE id = ?',
      [staff.id],
    );
    if (!row?.password_hash || !(await passwordMatches(row.password_hash, current)))
      throw new AppError('VALIDATION_FAILED', '原密码不正确', [
        { path: 'body.currentPassword', message: '原密码不正确' },
      ]);
    const passwordHash = await hashPassword(next);
    await this.db.write(async (tx) => {
      await execute(tx, 'UPDATE staff_account SET password_hash = ?, must_change_password = ? WHERE id = ?', [
        passwordHash,
        false,
        staff.id,
      ]);
      await this.audit.record(
        {
          actorType: 'staff',
          actorId: staff.id,
          action: 'staff.password.change',
          targetType: 'staff',
          targetId: staff.id,
          ip,
        },
        tx,
      );
    });
  }

  list(): Promise<StaffAccountItem[]> {
    return this.select('ORDER BY s.disabled_at IS NOT NULL, s.created_at', []);
  }

  async one(id: string): Promise<StaffAccountItem> {
    const [item] = await this.select('WHERE s.id = ?', [id]);
    if (!item) throw new AppError('STAFF_NOT_FOUND');
    return item;
  }

  private async select(tail: string, params: unknown[]): Promise<StaffAccountItem[]> {
    const rows = await this.db.query<ListedRow>(
      `SELECT s.id, s.name, s.role, s.hospital_id, h.name AS hospital_name, s.username, s.created_at,
              s.last_login_at, s.locked_until, s.disabled_at
         FROM staff_account s LEFT JOIN hospital h ON h.id = s.hospital_id ${tail}`,
      params,
    );
    return rows.map((r) => this.item(r));
  }

  private item(row: ListedRow): StaffAccountItem {
    const now = this.clock.now();
    return {
      id: row.id,
      username: row.username,
      name: row.name,
      role: row.role,
      roleLabel: STAFF_ROLE_LABELS[row.role] ?? row.role,
      hospital: row.hospital_id ? { id: row.hospital_id, name: row.hospital_name ?? '' } : null,
      kind: row.username ? 'login' : 'key',
      createdAt: iso(row.created_at)!,
      lastLoginAt: iso(row.last_login_at),
      lockedUntil: row.locked_until !== null && Number(row.locked_until) > now ? iso(row.locked_until) : null,
      disabledAt: iso(row.disabled_at),
    };
  }

  private async credentials(id: string, username: string, password: string, secret: string): Promise<StaffCredentials> {
    return {
      staff: await this.one(id),
      initialPassword: password,
      totp: { secret, uri: totpFor(secret, username).toString() },
    };
  }
}
