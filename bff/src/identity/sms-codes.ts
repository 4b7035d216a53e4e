import crypto from 'node:crypto';
import type { SmsCodePurpose as SmsPurpose } from '@cityhealth/shared-types';
import type { EntityManager } from 'typeorm';
import type { Database } from '../db/database.js';
import { SmsCode } from '../db/entities/index.js';
import { execute, forUpdate } from '../db/sql/execute.js';
import { insertRows } from '../db/sql/table.js';
import type { Clock } from '../shared/clock.js';
import { AppError } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import type { Pii } from './pii.js';

export const SMS_CODE_TTL_MS = 5 * 60_000;
export const SMS_RESEND_MS = 60_000;
export const SMS_MAX_ATTEMPTS = 5;

export type { SmsCodePurpose as SmsPurpose } from '@cityhealth/shared-types';
export type CodeCheck = { ok: true } | { ok: false; message: string };

interface CodeRow {
  id: string;
  code_hash: string;
  attempts: number | string;
  expires_at: number | string;
  consumed_at: number | string | null;
}

/**
 * One-time SMS codes in `sms_code`: 6 digits, stored only as a salted HMAC, valid 5 minutes,
 * at most 5 wrong attempts, single use; a new one for a phone at most every 60 seconds.
 */
export class SmsCodes {
  constructor(
    private readonly db: Database,
    private readonly pii: Pii,
    private readonly clock: Clock,
  ) {}

  /**
   * Stores a fresh code for the phone and hands it to `deliver`; the row is removed again if
   * delivery fails, so the user may retry at once.
   */
  async issue(
    phoneHashes: readonly [string, string],
    purpose: SmsPurpose,
    deliver: (code: string) => Promise<void>,
  ): Promise<void> {
    const now = this.clock.now();
    const code = String(crypto.randomInt(0, 1_000_000)).padStart(6, '0');
    const id = newId();
    await this.db.write(async (tx) => {
      const [last] = (await tx.query('SELECT MAX(created_at) AS at FROM sms_code WHERE phone_hash IN (?, ?)', [
        ...phoneHashes,
      ])) as { at: number | string | null }[];
      const lastAt = last?.at == null ? null : Number(last.at);
      if (lastAt !== null && now - lastAt < SMS_RESEND_MS) {
        const seconds = Math.ceil((SMS_RESEND_MS - (now - lastAt)) / 1000);
        throw new AppError('SMS_TOO_FREQUENT', `验证码已发送，请 ${seconds} 秒后再试`, { retryAfterSeconds: seconds });
      }
      await insertRows(tx, SmsCode, [
        {
          id,
          phoneHash: phoneHashes[0],
          purpose,
          codeHash: this.pii.codeHash(id, code),
          attempts: 0,
          expiresAt: now + SMS_CODE_TTL_MS,
          consumedAt: null,
          createdAt: now,
        },
      ]);
    });
    try {
      await deliver(code);
    } catch (e) {
      await this.db.write((tx) => tx.query('DELETE FROM sms_code WHERE id = ?', [id]));
      throw e;
    }
  }

  /**
   * Checks a code inside the caller's transaction and, when right, consumes it. A wrong code
   * counts an attempt; the caller must commit even then (so it returns rather than throws).
   */
  async consume(
    tx: EntityManager,
    phoneHashes: readonly [string, string],
    purpose: SmsPurpose,
    code: string,
  ): Promise<CodeCheck> {
    const now = this.clock.now();
    const [row] = (await tx.query(
      `SELECT id, code_hash, attempts, expires_at, consumed_at FROM sms_code WHERE phone_hash IN (?, ?) AND purpose = ?
        ORDER BY created_at DESC, id DESC LIMIT 1${forUpdate(this.db.dialect)}`,
      [...phoneHashes, purpose],
    )) as CodeRow[];
    const invalid: CodeCheck = { ok: false, message: '验证码错误或已过期' };
    if (!row || row.consumed_at !== null || Number(row.expires_at) <= now) return invalid;
    if (Number(row.attempts) >= SMS_MAX_ATTEMPTS) return { ok: false, message: '验证码错误次数过多，请重新获取' };
    const stored = Buffer.from(row.code_hash, 'hex');
    // a code issued just before PII_CIPHER changed is under the other algorithm
    const matches = this.pii
      .codeHashes(row.id, code)
      .map((h) => Buffer.from(h, 'hex'))
      .map((given) => given.length === stored.length && crypto.timingSafeEqual(given, stored));
    if (!matches.includes(true)) {
      await execute(tx, 'UPDATE sms_code SET attempts = attempts + 1 WHERE id = ?', [row.id]);
      const left = SMS_MAX_ATTEMPTS - Number(row.attempts) - 1;
      return { ok: false, message: left > 0 ? `验证码错误，还可尝试 ${left} 次` : '验证码错误次数过多，请重新获取' };
    }
    const used = await execute(
      tx,
      'UPDATE sms_code SET consumed_at = ? WHERE id = ? AND consumed_at IS NULL AND attempts < ?',
      [now, row.id, SMS_MAX_ATTEMPTS],
    );
    return used === 1 ? { ok: true } : invalid;
  }
}
