import type { Account, AuthResponse, Platform, UpdateMeRequest } from '@cityhealth/shared-types';
import type { EntityManager } from 'typeorm';
import type { AuditLog } from '../audit/audit-log.js';
import type { Database } from '../db/database.js';
import { Account as AccountTable, AccountIdentity } from '../db/entities/index.js';
import { forUpdate, isUniqueViolation } from '../db/sql/execute.js';
import { insertRows } from '../db/sql/table.js';
import type { Clock } from '../shared/clock.js';
import { AppError } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import { iso } from '../shared/time.js';
import { loadAccount, PLATFORM_NAMES } from './account-view.js';
import type { LoginProviders, PlatformIdentity } from './login/provider.js';
import { maskPhone, type Pii } from './pii.js';
import type { RateLimits } from '../throttle/rate-limits.js';
import type { SmsSender } from './sms/sender.js';
import { SMS_CODE_TTL_MS, SMS_RESEND_MS, type SmsCodes, type SmsPurpose } from './sms-codes.js';
import type { PatientChannel, TokenService } from './tokens.js';

export interface AccountDeps {
  db: Database;
  pii: Pii;
  clock: Clock;
  audit: AuditLog;
  tokens: TokenService;
  logins: LoginProviders;
  sms: SmsSender;
  codes: SmsCodes;
  limits: RateLimits;
}

type Outcome<T> = { ok: true; value: T } | { ok: false; error: AppError };

/** Runs a write that may lose a unique-key race to a concurrent twin; the retry sees the winner. */
async function withUniqueRetry<T>(work: () => Promise<T>, attempts = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await work();
    } catch (e) {
      if (i >= attempts || !isUniqueViolation(e)) throw e;
    }
  }
}

/**
 * Accounts: login-or-register by platform identity or by phone + SMS code, the profile, phone
 * change (SMS-verified) and binding further platform identities.
 */
export class AccountService {
  constructor(private readonly d: AccountDeps) {}

  async loginWithPlatform(platform: Platform, code: string, ip: string): Promise<AuthResponse> {
    await this.d.limits.consume('loginPerIp', ip);
    const identity = await this.d.logins[platform].exchange(code);
    const { accountId, created } = await withUniqueRetry(() =>
      this.d.db.write(async (tx) => {
        const [hit] = (await tx.query('SELECT account_id FROM account_identity WHERE platform = ? AND open_id = ?', [
          platform,
          identity.openId,
        ])) as { account_id: string }[];
        if (hit) return { accountId: hit.account_id, created: false };
        const accountId = await this.insertAccount(tx, `${PLATFORM_NAMES[platform]}用户`, null);
        await this.insertIdentity(tx, accountId, identity);
        return { accountId, created: true };
      }),
    );
    await this.d.audit.record({
      actorType: 'patient',
      actorId: accountId,
      action: created ? 'account.register' : 'account.login',
      targetType: 'account',
      targetId: accountId,
      ip,
      detail: { method: platform },
    });
    return this.session(accountId, platform);
  }

  async sendSmsCode(
    phone: string,
    purpose: SmsPurpose,
    ip: string,
  ): Promise<{ sent: true; resendAfterSeconds: number; expiresInSeconds: number }> {
    const phoneHash = this.d.pii.index('phone', phone);
    await this.d.limits.consume('smsPerIp', ip);
    await this.d.limits.consume('smsPerPhone', phoneHash);
    try {
      await this.d.codes.issue(phoneHash, purpose, async (code) => {
        await this.d.sms.sendCode(phone, code);
      });
    } catch (e) {
      await this.d.limits.refund('smsPerPhone', phoneHash);
      throw e;
    }
    return { sent: true, resendAfterSeconds: SMS_RESEND_MS / 1000, expiresInSeconds: SMS_CODE_TTL_MS / 1000 };
  }

  async loginWithSms(phone: string, code: string, ip: string, platform?: Platform): Promise<AuthResponse> {
    await this.d.limits.consume('loginPerIp', ip);
    const phoneHash = this.d.pii.index('phone', phone);
    const outcome = await this.d.db.write(async (tx): Promise<Outcome<{ accountId: string; created: boolean }>> => {
      const check = await this.d.codes.consume(tx, phoneHash, 'login', code);
      if (!check.ok) return { ok: false, error: new AppError('SMS_CODE_INVALID', check.message) };
      const [hit] = (await tx.query('SELECT id FROM account WHERE phone_hash = ?', [phoneHash])) as { id: string }[];
      if (hit) return { ok: true, value: { accountId: hit.id, created: false } };
      const accountId = await this.insertAccount(tx, `手机用户${phone.slice(-4)}`, phone);
      return { ok: true, value: { accountId, created: true } };
    });
    if (!outcome.ok) throw outcome.error;
    const { accountId, created } = outcome.value;
    await this.d.audit.record({
      actorType: 'patient',
      actorId: accountId,
      action: created ? 'account.register' : 'account.login',
      targetType: 'account',
      targetId: accountId,
      ip,
      detail: { method: 'sms' },
    });
    return this.session(accountId, platform ?? 'h5');
  }

  get(accountId: string): Promise<Account> {
    return loadAccount(this.d.db, accountId);
  }

  async update(accountId: string, req: UpdateMeRequest, ip: string): Promise<Account> {
    const now = this.d.clock.now();
    const phone = req.phone;
    const outcome = await this.d.db
      .write(async (tx): Promise<Outcome<null>> => {
        await this.lockAccount(tx, accountId);
        if (phone) {
          const phoneHash = this.d.pii.index('phone', phone.phone);
          const check = await this.d.codes.consume(tx, phoneHash, 'change-phone', phone.code);
          if (!check.ok) return { ok: false, error: new AppError('SMS_CODE_INVALID', check.message) };
          const [owner] = (await tx.query('SELECT id FROM account WHERE phone_hash = ?', [phoneHash])) as {
            id: string;
          }[];
          if (owner && owner.id !== accountId) return { ok: false, error: new AppError('PHONE_IN_USE') };
          if (!owner) {
            await tx.query(
              'UPDATE account SET phone_enc = ?, phone_hash = ?, phone_masked = ?, updated_at = ? WHERE id = ?',
              [this.d.pii.encrypt('phone', phone.phone), phoneHash, maskPhone(phone.phone), now, accountId],
            );
            await this.d.audit.record(
              {
                actorType: 'patient',
                actorId: accountId,
                action: 'account.phone-change',
                targetType: 'account',
                targetId: accountId,
                ip,
              },
              tx,
            );
          }
        }
        if (req.nickname !== undefined) {
          await tx.query('UPDATE account SET nickname = ?, updated_at = ? WHERE id = ?', [
            req.nickname,
            now,
            accountId,
          ]);
        }
        return { ok: true, value: null };
      })
      .catch((e: unknown) => {
        if (isUniqueViolation(e)) return { ok: false as const, error: new AppError('PHONE_IN_USE') };
        throw e;
      });
    if (!outcome.ok) throw outcome.error;
    return this.get(accountId);
  }

  async bind(accountId: string, platform: Platform, code: string, ip: string): Promise<Account> {
    await this.d.limits.consume('loginPerIp', ip);
    const identity = await this.d.logins[platform].exchange(code);
    try {
      await this.d.db.write(async (tx) => {
        await this.lockAccount(tx, accountId);
        const [hit] = (await tx.query('SELECT account_id FROM account_identity WHERE platform = ? AND open_id = ?', [
          platform,
          identity.openId,
        ])) as { account_id: string }[];
        if (hit?.account_id === accountId) return;
        if (hit) throw new AppError('IDENTITY_ALREADY_BOUND');
        const [own] = (await tx.query('SELECT id FROM account_identity WHERE account_id = ? AND platform = ?', [
          accountId,
          platform,
        ])) as { id: string }[];
        if (own) throw new AppError('IDENTITY_ALREADY_BOUND', `当前账号已绑定其他${PLATFORM_NAMES[platform]}账号`);
        await this.insertIdentity(tx, accountId, identity);
        await this.d.audit.record(
          {
            actorType: 'patient',
            actorId: accountId,
            action: 'account.bind',
            targetType: 'account',
            targetId: accountId,
            ip,
            detail: { platform },
          },
          tx,
        );
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw new AppError('IDENTITY_ALREADY_BOUND');
      throw e;
    }
    return this.get(accountId);
  }

  /** A fresh session for an account whose token is still valid (the app renews before expiry). */
  refresh(accountId: string, channel: PatientChannel): Promise<AuthResponse> {
    return this.session(accountId, channel);
  }

  private async session(accountId: string, channel: PatientChannel): Promise<AuthResponse> {
    const account = await this.get(accountId);
    const { token, expiresAt } = await this.d.tokens.issue(accountId, channel);
    return { token, expiresAt: iso(expiresAt), account };
  }

  private async lockAccount(tx: EntityManager, accountId: string): Promise<void> {
    const [row] = (await tx.query(`SELECT status FROM account WHERE id = ?${forUpdate(this.d.db.dialect)}`, [
      accountId,
    ])) as { status: string }[];
    if (row?.status !== 'active') throw new AppError('UNAUTHENTICATED', '账号不存在或已停用，请重新登录');
  }

  private async insertAccount(tx: EntityManager, nickname: string, phone: string | null): Promise<string> {
    const id = newId();
    const now = this.d.clock.now();
    await insertRows(tx, AccountTable, [
      {
        id,
        nickname,
        phoneEnc: phone ? this.d.pii.encrypt('phone', phone) : null,
        phoneHash: phone ? this.d.pii.index('phone', phone) : null,
        phoneMasked: phone ? maskPhone(phone) : null,
        status: 'active',
        createdAt: now,
        updatedAt: now,
      },
    ]);
    return id;
  }

  private async insertIdentity(tx: EntityManager, accountId: string, identity: PlatformIdentity): Promise<void> {
    await insertRows(tx, AccountIdentity, [
      {
        id: newId(),
        accountId,
        platform: identity.platform,
        openId: identity.openId,
        unionId: identity.unionId,
        createdAt: this.d.clock.now(),
      },
    ]);
  }
}
