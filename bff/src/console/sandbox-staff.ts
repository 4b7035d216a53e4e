import crypto from 'node:crypto';
import { Secret } from 'otpauth';
import { sandboxSecret } from '../config/config.js';
import type { Database } from '../db/database.js';
import type { Pii } from '../identity/pii.js';
import type { StaffAccounts } from './staff-accounts.js';
import type { StaffRole } from './staff.js';
import { nextUsableTotp, TOTP_PERIOD_SECONDS, totpFor } from './totp.js';

/** One console login per role in a sandbox with demo data (finance and scheduler of the first demo hospital). */
export const SANDBOX_STAFF: readonly { username: string; name: string; role: StaffRole }[] = [
  { username: 'admin', name: '演示管理员', role: 'admin' },
  { username: 'auditor', name: '演示审计员', role: 'auditor' },
  { username: 'finance', name: '演示财务', role: 'finance' },
  { username: 'scheduler', name: '演示排班员', role: 'scheduler' },
  { username: 'agent', name: '演示坐席', role: 'agent' },
];

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

export interface SandboxStaffLogin {
  password: string;
  /** base32; one secret for every demo account, so one authenticator entry serves them all. */
  totpSecret: string;
  totpUri: string;
}

/**
 * The demo accounts' password and TOTP secret, derived from secret material made once into
 * DATA_DIR/sandbox-secrets (never committed): the same across restarts of one sandbox, different
 * in every other, and never hard-coded.
 */
export function sandboxStaffLogin(dataDir: string): SandboxStaffLogin {
  const material = sandboxSecret(dataDir, 'staff-logins', 32);
  const derive = (purpose: string, bytes: number) =>
    Buffer.from(crypto.hkdfSync('sha256', material, Buffer.alloc(0), `cityhealth/sandbox-staff/${purpose}`, bytes));
  const chars = Array.from(derive('password', 13), (b) => ALPHABET[b % ALPHABET.length]).join('');
  // A letter and a digit whatever the bytes were: the contract's rules for a new password hold too.
  const password = `Demo${chars.slice(0, 12)}${chars.charCodeAt(12) % 10}`;
  const totpSecret = new Secret({ buffer: new Uint8Array(derive('totp', 20)).buffer }).base32;
  return { password, totpSecret, totpUri: totpFor(totpSecret, 'sandbox-staff').toString() };
}

/** Creates the demo accounts that are missing (an administrator may have disabled or reset one: left so). */
export async function ensureSandboxStaff(
  db: Database,
  accounts: StaffAccounts,
  dataDir: string,
): Promise<{ created: string[]; login: SandboxStaffLogin }> {
  const login = sandboxStaffLogin(dataDir);
  const [hospital] = await db.query<{ id: string }>('SELECT id FROM hospital WHERE demo = 1 ORDER BY code LIMIT 1');
  const created: string[] = [];
  for (const account of SANDBOX_STAFF) {
    const [existing] = await db.query('SELECT id FROM staff_account WHERE username = ?', [account.username]);
    if (existing) continue;
    const hospitalId = account.role === 'finance' || account.role === 'scheduler' ? hospital?.id : undefined;
    if ((account.role === 'finance' || account.role === 'scheduler') && !hospitalId) continue;
    await accounts.create(
      { ...account, hospitalId, password: login.password, totpSecret: login.totpSecret },
      { type: 'system', id: 'sandbox-demo' },
    );
    created.push(account.username);
  }
  return { created, login };
}

/** How to sign in to the demo console, for the person who started the sandbox. */
export function sandboxStaffHelp(baseUrl: string, login: SandboxStaffLogin): string {
  return [
    '',
    '┌ 工作台（sandbox only）',
    `│ ${baseUrl}/console/`,
    `│ users:    ${SANDBOX_STAFF.map((s) => s.username).join(', ')}`,
    `│ password: ${login.password}`,
    `│ TOTP:     secret ${login.totpSecret} (add it to an authenticator app), or the current code from`,
    `│           ${baseUrl}/sandbox/staff/totp?username=admin`,
    `│ otpauth:  ${login.totpUri}`,
    '└',
    '',
  ].join('\n');
}

/**
 * The TOTP code a sign-in of a console account accepts now (sandbox only: the demo and the browser
 * tests sign in without an authenticator app); null for an unknown name or an account without TOTP.
 */
export async function sandboxTotpCode(
  db: Database,
  pii: Pii,
  username: string,
  now: number,
): Promise<{ code: string; validForSeconds: number } | null> {
  const [row] = await db.query<{ totp_secret: string | null; totp_step: number | null }>(
    'SELECT totp_secret, totp_step FROM staff_account WHERE username = ?',
    [username.toLowerCase()],
  );
  if (!row?.totp_secret) return null;
  const lastStep = row.totp_step === null ? null : Number(row.totp_step);
  const next = nextUsableTotp(pii.decrypt('totp', row.totp_secret), lastStep, now);
  if (!next) return null;
  const validForSeconds = Math.max(1, Math.ceil(((next.step + 1) * TOTP_PERIOD_SECONDS * 1000 - now) / 1000));
  return { code: next.code, validForSeconds };
}
