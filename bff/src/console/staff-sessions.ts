import crypto from 'node:crypto';
import { STAFF_ROLE_LABELS, type StaffProfile, type StaffSession } from '@cityhealth/shared-types';
import type { AuditLog } from '../audit/audit-log.js';
import type { Database } from '../db/database.js';
import { StaffSessionEntity } from '../db/entities/index.js';
import { execute } from '../db/sql/execute.js';
import { insertRows } from '../db/sql/table.js';
import type { Pii } from '../identity/pii.js';
import type { Clock } from '../shared/clock.js';
import { AppError } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import { hashPassword, passwordMatches } from './staff-accounts.js';
import type { Staff, StaffRole } from './staff.js';
import { totpStep } from './totp.js';

export interface SessionPolicy {
  idleMs: number;
  lifetimeMs: number;
  lockoutFailures: number;
  lockoutMs: number;
}

/** A signed-in staff member: who, and what the console needs to keep calling. */
export interface SignedIn {
  staff: Staff;
  sessionId: string;
  mustChangePassword: boolean;
  csrfToken: string;
  expiresAt: number;
}

interface AccountRow {
  id: string;
  name: string;
  role: StaffRole;
  hospital_id: string | null;
  username: string;
  password_hash: string | null;
  totp_secret: string | null;
  totp_step: number | null;
  failed_logins: number;
  locked_until: number | null;
  must_change_password: number | boolean;
  disabled_at: number | null;
}

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');
/** Only a session's activity more than this apart is written down (not one write per request). */
const SEEN_GRANULARITY_MS = 60_000;

/**
 * Console sign-in (等保三级): user name, argon2 password and a TOTP code, a lock-out after
 * repeated failures, server-side sessions (only the SHA-256 of the cookie is stored) with an
 * idle timeout and a lifetime, a CSRF token derived from the session, and every login, failure,
 * lock-out and logout in the audit trail.
 */
export class StaffSessions {
  private readonly csrfKey: Buffer;
  private decoyHash: Promise<string> | undefined;

  constructor(
    private readonly db: Database,
    private readonly pii: Pii,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly policy: SessionPolicy,
    secret: Uint8Array,
    /** Refuses (throws) a sign-in its address may not try now, before any work. */
    private readonly admit: (ip: string) => Promise<void>,
  ) {
    this.csrfKey = Buffer.from(crypto.hkdfSync('sha256', secret, Buffer.alloc(0), 'cityhealth/staff/csrf', 32));
  }

  async login(
    input: { username: string; password: string; totp: string },
    ip: string,
  ): Promise<{ token: string; session: SignedIn }> {
    await this.admit(ip);
    const username = input.username.toLowerCase();
    const [row] = await this.db.query<AccountRow>(
      `SELECT id, name, role, hospital_id, username, password_hash, totp_secret, totp_step, failed_logins,
              locked_until, must_change_password, disabled_at
         FROM staff_account WHERE username = ?`,
      [username],
    );
    const now = this.clock.now();
    const failed = (reason: string, staffId: string | null) =>
      this.audit.record({
        actorType: 'staff',
        actorId: staffId,
        action: 'staff.login.failed',
        targetType: 'staff',
        targetId: staffId,
        ip,
        detail: { username, reason },
      });
    if (!row?.password_hash || !row.totp_secret || row.disabled_at !== null) {
      // The same work as a real check, so the answer's timing does not tell which names exist.
      await passwordMatches(await this.decoy(), input.password);
      await failed(row ? 'disabled' : 'unknown-user', row?.id ?? null);
      throw new AppError('STAFF_LOGIN_FAILED');
    }
    if (row.locked_until !== null && Number(row.locked_until) > now) {
      await failed('locked', row.id);
      throw lockedError(Number(row.locked_until), now);
    }
    const passwordOk = await passwordMatches(row.password_hash, input.password);
    const step = totpStep(this.pii.decrypt('totp', row.totp_secret), input.totp, now);
    const replayed = step !== null && row.totp_step !== null && step <= Number(row.totp_step);
    if (!passwordOk || step === null || replayed) {
      const lockedUntil = await this.recordFailure(
        row,
        ip,
        !passwordOk ? 'password' : replayed ? 'totp-replayed' : 'totp',
        now,
      );
      throw lockedUntil === null ? new AppError('STAFF_LOGIN_FAILED') : lockedError(lockedUntil, now);
    }

    const token = crypto.randomBytes(32).toString('base64url');
    const sessionId = newId();
    const expiresAt = now + this.policy.lifetimeMs;
    await this.db.write(async (tx) => {
      await execute(
        tx,
        `UPDATE staff_account SET failed_logins = 0, locked_until = NULL, last_login_at = ?, totp_step = ?
          WHERE id = ?`,
        [now, step, row.id],
      );
      await insertRows(tx, StaffSessionEntity, [
        {
          id: sessionId,
          tokenHash: sha256(token),
          staffId: row.id,
          createdAt: now,
          lastSeenAt: now,
          expiresAt,
          endedAt: null,
          ip,
        },
      ]);
      await this.audit.record(
        {
          actorType: 'staff',
          actorId: row.id,
          action: 'staff.login',
          targetType: 'staff-session',
          targetId: sessionId,
          ip,
        },
        tx,
      );
    });
    return {
      token,
      session: {
        staff: { id: row.id, name: row.name, role: row.role, hospitalId: row.hospital_id, via: 'session' },
        sessionId,
        mustChangePassword: Boolean(row.must_change_password),
        csrfToken: this.csrfOf(token),
        expiresAt,
      },
    };
  }

  /**
   * The live session a cookie names; STAFF_SESSION_EXPIRED once it idled or lived out,
   * STAFF_UNAUTHENTICATED otherwise.
   */
  async authenticate(token: string): Promise<SignedIn> {
    const [row] = await this.db.query<{
      id: string;
      staff_id: string;
      last_seen_at: number;
      expires_at: number;
      ended_at: number | null;
      name: string;
      role: StaffRole;
      hospital_id: string | null;
      must_change_password: number | boolean;
      disabled_at: number | null;
    }>(
      `SELECT x.id, x.staff_id, x.last_seen_at, x.expires_at, x.ended_at, s.name, s.role, s.hospital_id,
              s.must_change_password, s.disabled_at
         FROM staff_session x JOIN staff_account s ON s.id = x.staff_id WHERE x.token_hash = ?`,
      [sha256(token)],
    );
    if (!row || row.ended_at !== null || row.disabled_at !== null) throw new AppError('STAFF_UNAUTHENTICATED');
    const now = this.clock.now();
    const idled = Number(row.last_seen_at) + this.policy.idleMs <= now;
    if (idled || Number(row.expires_at) <= now) {
      await this.end(row.id, now);
      await this.audit.record({
        actorType: 'system',
        action: 'staff.session.expired',
        targetType: 'staff-session',
        targetId: row.id,
        detail: { staffId: row.staff_id, reason: idled ? 'idle' : 'lifetime' },
      });
      throw new AppError('STAFF_SESSION_EXPIRED');
    }
    if (now - Number(row.last_seen_at) >= SEEN_GRANULARITY_MS)
      await this.db.write((tx) =>
        execute(tx, 'UPDATE staff_session SET last_seen_at = ? WHERE id = ? AND ended_at IS NULL', [now, row.id]),
      );
    return {
      staff: { id: row.staff_id, name: row.name, role: row.role, hospitalId: row.hospital_id, via: 'session' },
      sessionId: row.id,
      mustChangePassword: Boolean(row.must_change_password),
      csrfToken: this.csrfOf(token),
      expiresAt: Number(row.expires_at),
    };
  }

  async logout(session: SignedIn, ip: string): Promise<void> {
    await this.end(session.sessionId, this.clock.now());
    await this.audit.record({
      actorType: 'staff',
      actorId: session.staff.id,
      action: 'staff.logout',
      targetType: 'staff-session',
      targetId: session.sessionId,
      ip,
    });
  }

  /** The token a page sends back as X-CSRF-Token: bound to the session, readable only by its own pages. */
  csrfOf(token: string): string {
    return crypto.createHmac('sha256', this.csrfKey).update(token).digest('base64url');
  }

  csrfMatches(token: string, sent: string | undefined): boolean {
    if (!sent) return false;
    const a = Buffer.from(this.csrfOf(token));
    const b = Buffer.from(sent);
    return a.length === b.length && crypto.timingSafeEqual(a, b);
  }

  /** What the console is told about its session. */
  async view(session: SignedIn): Promise<StaffSession> {
    const [row] = await this.db.query<{ username: string; hospital_name: string | null }>(
      `SELECT s.username, h.name AS hospital_name FROM staff_account s LEFT JOIN hospital h ON h.id = s.hospital_id
        WHERE s.id = ?`,
      [session.staff.id],
    );
    const s = session.staff;
    const staff: StaffProfile = {
      id: s.id,
      username: row?.username ?? '',
      name: s.name,
      role: s.role,
      roleLabel: STAFF_ROLE_LABELS[s.role],
      hospital: s.hospitalId ? { id: s.hospitalId, name: row?.hospital_name ?? '' } : null,
      mustChangePassword: session.mustChangePassword,
    };
    return {
      staff,
      csrfToken: session.csrfToken,
      idleTimeoutSeconds: Math.round(this.policy.idleMs / 1000),
      expiresAt: new Date(session.expiresAt).toISOString(),
    };
  }

  private async end(sessionId: string, now: number): Promise<void> {
    await this.db.write((tx) =>
      execute(tx, 'UPDATE staff_session SET ended_at = ? WHERE id = ? AND ended_at IS NULL', [now, sessionId]),
    );
  }

  /** Counts a failed login; the end of the lock-out when this one locks the account, else null. */
  private recordFailure(row: AccountRow, ip: string, reason: string, now: number): Promise<number | null> {
    return this.db.write(async (tx) => {
      await execute(tx, 'UPDATE staff_account SET failed_logins = failed_logins + 1 WHERE id = ?', [row.id]);
      const [after] = (await tx.query('SELECT failed_logins FROM staff_account WHERE id = ?', [row.id])) as {
        failed_logins: number;
      }[];
      await this.audit.record(
        {
          actorType: 'staff',
          actorId: row.id,
          action: 'staff.login.failed',
          targetType: 'staff',
          targetId: row.id,
          ip,
          detail: { username: row.username, reason },
        },
        tx,
      );
      if (Number(after?.failed_logins ?? 0) < this.policy.lockoutFailures) return null;
      const until = now + this.policy.lockoutMs;
      await execute(tx, 'UPDATE staff_account SET failed_logins = 0, locked_until = ? WHERE id = ?', [until, row.id]);
      await this.audit.record(
        {
          actorType: 'system',
          action: 'staff.lockout',
          targetType: 'staff',
          targetId: row.id,
          ip,
          detail: { username: row.username, until: new Date(until).toISOString() },
        },
        tx,
      );
      return until;
    });
  }

  private decoy(): Promise<string> {
    this.decoyHash ??= hashPassword(crypto.randomBytes(16).toString('hex'));
    return this.decoyHash;
  }
}

function lockedError(until: number, now: number): AppError {
  const minutes = Math.max(1, Math.ceil((until - now) / 60_000));
  return new AppError('STAFF_LOCKED', `登录失败次数过多，账号已锁定，请 ${minutes} 分钟后再试或联系管理员`, {
    lockedUntil: new Date(until).toISOString(),
  });
}
