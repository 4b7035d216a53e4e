import crypto from 'node:crypto';
import type Koa from 'koa';
import { HOSPITAL_STAFF_ROLES, type StaffAccess, type StaffRole } from '@cityhealth/shared-types';
import type { Database } from '../db/database.js';
import { StaffAccount } from '../db/entities/index.js';
import { hospitalByCode } from '../hospital/hospital-registry.js';
import { execute } from '../db/sql/execute.js';
import { insertRows } from '../db/sql/table.js';
import type { Clock } from '../shared/clock.js';
import { AppError } from '../shared/errors.js';
import { newId } from '../shared/ids.js';

export type { StaffRole };

/** The staff member behind a console request. */
export interface Staff {
  id: string;
  name: string;
  role: StaffRole;
  /** The hospital a finance clerk or scheduler works for; null for the commission's staff and agents. */
  hospitalId: string | null;
  /** A person signed in to the console, or a machine key. */
  via: 'session' | 'key';
}

const KEY = /^Bearer\s+(sk_[A-Za-z0-9_-]{43,})$/;
const hashOf = (key: string) => crypto.createHash('sha256').update(key).digest('hex');

export const isHospitalRole = (role: StaffRole): boolean => HOSPITAL_STAFF_ROLES.includes(role);

/** The hospital of a role that works for one, by its code; null for the others. */
export async function hospitalForRole(db: Database, role: StaffRole, code: string | undefined): Promise<string | null> {
  if (!isHospitalRole(role)) return null;
  const h = await hospitalByCode(db, code ?? '');
  if (!h) throw new Error(`no hospital with code ${code}`);
  return h.id;
}

/**
 * Machine access to the console API: long random keys with one role, shown once when made and
 * stored only as their SHA-256, so a copy of the database opens nothing. People sign in with a
 * password and TOTP instead (StaffSessions).
 */
export class StaffService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  async add(input: { name: string; role: StaffRole; hospitalCode?: string }): Promise<{ staff: Staff; key: string }> {
    const hospitalId = await hospitalForRole(this.db, input.role, input.hospitalCode);
    const key = `sk_${crypto.randomBytes(32).toString('base64url')}`;
    const staff: Staff = { id: newId(), name: input.name.slice(0, 60), role: input.role, hospitalId, via: 'key' };
    await insertRows(this.db, StaffAccount, [
      {
        id: staff.id,
        name: staff.name,
        role: staff.role,
        hospitalId,
        keyHash: hashOf(key),
        username: null,
        passwordHash: null,
        totpSecret: null,
        totpStep: null,
        failedLogins: 0,
        lockedUntil: null,
        lastLoginAt: null,
        mustChangePassword: false,
        createdAt: this.clock.now(),
        disabledAt: null,
      },
    ]);
    return { staff, key };
  }

  /** Disables an account or key; false when there is no such live one. Its sessions end with it. */
  async disable(id: string): Promise<boolean> {
    const now = this.clock.now();
    const changed = await this.db.write(async (m) => {
      const n = await execute(m, 'UPDATE staff_account SET disabled_at = ? WHERE id = ? AND disabled_at IS NULL', [
        now,
        id,
      ]);
      await execute(m, 'UPDATE staff_session SET ended_at = ? WHERE staff_id = ? AND ended_at IS NULL', [now, id]);
      return n;
    });
    return changed > 0;
  }

  /** The staff member behind `Authorization: Bearer sk_…`, or null when the request carries no key. */
  async authenticateKey(ctx: Koa.Context): Promise<Staff | null> {
    const header = ctx.get('authorization');
    if (!header) return null;
    const m = KEY.exec(header);
    if (!m) throw new AppError('STAFF_UNAUTHENTICATED');
    const [row] = await this.db.query<{
      id: string;
      name: string;
      role: StaffRole;
      hospital_id: string | null;
      disabled_at: number | null;
    }>('SELECT id, name, role, hospital_id, disabled_at FROM staff_account WHERE key_hash = ?', [hashOf(m[1]!)]);
    if (!row || row.disabled_at !== null) throw new AppError('STAFF_UNAUTHENTICATED');
    return { id: row.id, name: row.name, role: row.role, hospitalId: row.hospital_id, via: 'key' };
  }

  /** Refuses a staff member whose role the operation is not for. */
  static authorize(staff: Staff, access: StaffAccess): void {
    if (access !== 'any' && !access.includes(staff.role)) throw new AppError('STAFF_FORBIDDEN');
  }

  /** The hospital a request may see: a hospital's clerk or scheduler only their own; the others any, or all. */
  static scope(staff: Staff, requested: string | undefined): string | undefined {
    if (!isHospitalRole(staff.role)) return requested;
    if (requested && requested !== staff.hospitalId) throw new AppError('STAFF_FORBIDDEN');
    return staff.hospitalId!;
  }
}
