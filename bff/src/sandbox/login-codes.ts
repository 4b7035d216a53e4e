import crypto from 'node:crypto';
import type { Platform } from '@cityhealth/shared-types';

const SANDBOX_PREFIX = 'sandbox:';
const ISSUED_TTL_MS = 5 * 60_000;
const NAME = /^[\p{L}\p{N}_.@-]{1,64}$/u;

export type CodeCheck = { ok: true; name: string } | { ok: false; reason: 'invalid' | 'used' };

/**
 * The login codes the emulated platforms accept: `sandbox:<name>` (reusable, one stable user per
 * name and platform) and single-use codes issued by the emulator, like wx.login would.
 */
export class LoginCodes {
  private readonly issued = new Map<string, { platform: Platform; name: string; expiresAt: number; used: boolean }>();

  issue(platform: Platform, name: string): string {
    if (!NAME.test(name)) throw new RangeError('bad sandbox user name');
    const code = crypto.randomBytes(16).toString('hex');
    this.issued.set(code, { platform, name, expiresAt: Date.now() + ISSUED_TTL_MS, used: false });
    if (this.issued.size > 10_000) this.sweep();
    return code;
  }

  check(platform: Platform, code: string): CodeCheck {
    if (code.startsWith(SANDBOX_PREFIX)) {
      const name = code.slice(SANDBOX_PREFIX.length);
      return NAME.test(name) ? { ok: true, name } : { ok: false, reason: 'invalid' };
    }
    const entry = this.issued.get(code);
    if (!entry || entry.platform !== platform || entry.expiresAt < Date.now()) return { ok: false, reason: 'invalid' };
    if (entry.used) return { ok: false, reason: 'used' };
    entry.used = true;
    return { ok: true, name: entry.name };
  }

  private sweep(): void {
    const now = Date.now();
    for (const [code, e] of this.issued) if (e.expiresAt < now) this.issued.delete(code);
  }
}

/** A stable pseudonymous id per platform, app and sandbox user. */
export function stableId(platform: string, appId: string, name: string, bytes = 20): Buffer {
  return crypto
    .createHmac('sha256', 'cityhealth-sandbox-users')
    .update(`${platform}\0${appId}\0${name}`)
    .digest()
    .subarray(0, bytes);
}
