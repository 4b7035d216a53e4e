import crypto from 'node:crypto';
import type Koa from 'koa';
import type { Database } from '../db/database.js';
import { StaffAccount } from '../db/entities/index.js';
import { hospitalByCode } from '../hospital/hospital-registry.js';
import { insertRows } from '../db/sql/table.js';
import type { Clock } from '../shared/clock.js';
import { AppError } from '../shared/errors.js';
import { newId } from '../shared/ids.js';

export type StaffRole = 'admin' | 'hospital';

export interface Staff {
  id: string;
  name: string;
  role: StaffRole;
  /** The hospital a hospital clerk works for; null for administrators. */
  hospitalId: string | null;
}

const KEY = /^Bearer\s+(sk_[A-Za-z0-9_-]{43,})$/;
const hashOf = (key: string) => crypto.createHash('sha256').update(key).digest('hex');

/**
 * Console access for hospital finance clerks and health-commission administrators: long random
 * keys, shown once when made and stored only as their SHA-256, so a copy of the database opens nothing.
 */
export class StaffService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  async add(input: { name: string; role: StaffRole; hospitalCode?: string }): Promise<{ staff: Staff; key: string }> {
    let hospitalId: string | null = null;
    if (input.role === 'hospital') {
      const h = await hospitalByCode(this.db, input.hospitalCode ?? '');
      if (!h) throw new Error(`no hospital with code ${input.hospitalCode}`);
      hospitalId = h.id;
    }
    const key = `sk_${crypto.randomBytes(32).toString('base64url')}`;
    const staff: Staff = { id: newId(), name: input.name.slice(0, 60), role: input.role, hospitalId };
    await insertRows(this.db, StaffAccount, [
      {
        id: staff.id,
        name: staff.name,
        role: staff.role,
        hospitalId,
        keyHash: hashOf(key),
        createdAt: this.clock.now(),
        disabledAt: null,
      },
    ]);
    return { staff, key };
  }

  async disable(id: string): Promise<void> {
    await this.db.query('UPDATE staff_account SET disabled_at = ? WHERE id = ? AND disabled_at IS NULL', [
      this.clock.now(),
      id,
    ]);
  }

  /** The staff member behind `Authorization: Bearer sk_…`, or STAFF_UNAUTHENTICATED. */
  async authenticate(ctx: Koa.Context): Promise<Staff> {
    const m = KEY.exec(ctx.get('authorization'));
    if (!m) throw new AppError('STAFF_UNAUTHENTICATED');
    const [row] = await this.db.query<{
      id: string;
      name: string;
      role: StaffRole;
      hospital_id: string | null;
      disabled_at: number | null;
    }>('SELECT id, name, role, hospital_id, disabled_at FROM staff_account WHERE key_hash = ?', [hashOf(m[1]!)]);
    if (!row || row.disabled_at !== null) throw new AppError('STAFF_UNAUTHENTICATED');
    ctx.state.staffId = row.id;
    return { id: row.id, name: row.name, role: row.role, hospitalId: row.hospital_id };
  }

  /** The hospital a request may see: a clerk only their own; an administrator any, or all. */
  static scope(staff: Staff, requested: string | undefined): string | undefined {
    if (staff.role === 'admin') return requested;
    if (requested && requested !== staff.hospitalId) throw new AppError('STAFF_FORBIDDEN');
    return staff.hospitalId!;
  }
}
