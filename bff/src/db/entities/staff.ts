import { EntitySchema } from 'typeorm';
import { col } from '../columns.js';

/**
 * A staff member of the console: a person who signs in (user name, argon2 password hash, TOTP
 * secret sealed by Pii) or a machine key (only its SHA-256 kept). One role each.
 */
export interface StaffAccountRow {
  id: string;
  name: string;
  role: string;
  hospitalId: string | null;
  keyHash: string | null;
  username: string | null;
  passwordHash: string | null;
  totpSecret: string | null;
  /** The 30-second step of the last TOTP code accepted: a code is good for one login only. */
  totpStep: number | null;
  failedLogins: number;
  lockedUntil: number | null;
  lastLoginAt: number | null;
  /** The password was set by an administrator: the person changes it before anything else. */
  mustChangePassword: boolean;
  createdAt: number;
  disabledAt: number | null;
}

export const StaffAccount = new EntitySchema<StaffAccountRow>({
  name: 'StaffAccount',
  tableName: 'staff_account',
  columns: {
    id: col.id(),
    name: col.str(60),
    role: col.str(10),
    hospitalId: { ...col.str(36, true), name: 'hospital_id' },
    keyHash: { ...col.str(64, true), name: 'key_hash' },
    username: col.str(40, true),
    passwordHash: { ...col.str(200, true), name: 'password_hash' },
    totpSecret: { ...col.str(200, true), name: 'totp_secret' },
    totpStep: { ...col.instant(true), name: 'totp_step' },
    failedLogins: { ...col.int(), name: 'failed_logins' },
    lockedUntil: { ...col.instant(true), name: 'locked_until' },
    lastLoginAt: { ...col.instant(true), name: 'last_login_at' },
    mustChangePassword: { ...col.bool(), name: 'must_change_password' },
    createdAt: { ...col.instant(), name: 'created_at' },
    disabledAt: { ...col.instant(true), name: 'disabled_at' },
  },
});

/** A console session: only the SHA-256 of its cookie is kept; it ends on logout, idling or disabling. */
export interface StaffSessionRow {
  id: string;
  tokenHash: string;
  staffId: string;
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
  endedAt: number | null;
  ip: string | null;
}

export const StaffSessionEntity = new EntitySchema<StaffSessionRow>({
  name: 'StaffSession',
  tableName: 'staff_session',
  columns: {
    id: col.id(),
    tokenHash: { ...col.str(64), name: 'token_hash' },
    staffId: { ...col.ref(), name: 'staff_id' },
    createdAt: { ...col.instant(), name: 'created_at' },
    lastSeenAt: { ...col.instant(), name: 'last_seen_at' },
    expiresAt: { ...col.instant(), name: 'expires_at' },
    endedAt: { ...col.instant(true), name: 'ended_at' },
    ip: col.str(45, true),
  },
});
