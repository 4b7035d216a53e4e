import type { AcceptedAgreements, Account, AuthResponse, Platform, UpdateMeRequest } from '@cityhealth/shared-types';
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
import type { IdentityActor } from './actor.js';
import type { Agreements } from './agreements.js';
import { loadAccount, PLATFORM_NAMES } from './account-view.js';
import type { LoginProviders, PlatformIdentity } from './login/provider.js';
import { maskPhone, type Pii } from './pii.js';
import type { RateLimits } from '../throttle/rate-limits.js';
import type { SmsSender } from './sms/sender.js';
import { SMS_CODE_TTL_MS, SMS_RESEND_MS, type SmsCodes, type SmsPurpose } from './sms-codes.js';
import type { PatientChannel, TokenService } from './tokens.js';

/** An account by its phone's blind index under either algorithm (Pii.indexes). */
const ACCOUNT_BY_PHONE = 'SELECT id FROM account WHERE phone_hash IN (?, ?)';

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
  agreements: Agreements;
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

  /** `agreements`: the versions ticked on the login page, recorded with the login (refused if not the current ones). */
  async loginWithPlatform(
    platform: Platform,
    code: string,
    ip: string,
    agreements?: AcceptedAgreements,
  ): Promise<AuthResponse> {
    await this.d.limits.consume('loginPerIp', ip);
    const identity = await this.d.logins[platform].exchange(code);
    const { accountId, created } = await withUniqueRetry(() =>
      this.d.db.write(async (tx) => {
        const [hit] = (await tx.query('SELECT account_id FROM account_identity WHERE platform = ? AND open_id = ?', [
          platform,
          identity.openId,
        ])) as { account_id: string }[];
        const found = hit ? { accountId: hit.account_id, created: false } : null;
        const accountId = found?.accountId ?? (await this.insertAccount(tx, `${PLATFORM_NAMES[platform]}用户`, null));
        if (!found) await this.insertIdentity(tx, accountId, identity);
        if (agreements) await this.d.agreements.accept(tx, accountId, agreements);
        return found ?? { accountId, created: true };
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
    const phoneHashes = this.d.pii.indexes('phone', phone);
    const [phoneHash] = phoneHashes;
    await this.d.limits.consume('smsPerIp', ip);
    await this.d.limits.consume('smsPerPhone', phoneHash);
    try {
      await this.d.codes.issue(phoneHashes, purpose, async (code) => {
        await this.d.sms.sendCode(phone, code);
      });
    } catch (e) {
      await this.d.limits.refund('smsPerPhone', phoneHash);
      throw e;
    }
    return { sent: true, resendAfterSeconds: SMS_RESEND_MS / 1000, expiresInSeconds: SMS_CODE_TTL_MS / 1000 };
  }

  async loginWithSms(
    phone: string,
    code: string,
    ip: string,
    platform?: Platform,
    agreements?: AcceptedAgreements,
  ): Promise<AuthResponse> {
    await this.d.limits.consume('loginPerIp', ip);
    const phoneHashes = this.d.pii.indexes('phone', phone);
    const outcome = await this.d.db.write(async (tx): Promise<Outcome<{ accountId: string; created: boolean }>> => {
      const check = await this.d.codes.consume(tx, phoneHashes, 'login', code);
      if (!check.ok) return { ok: false, error: new AppError('SMS_CODE_INVALID', check.message) };
      const [hit] = (await tx.query(ACCOUNT_BY_PHONE, phoneHashes)) as { id: string }[];
      const accountId = hit?.id ?? (await this.insertAccount(tx, `手机用户${phone.slice(-4)}`, phone));
      if (agreements) await this.d.agreements.accept(tx, accountId, agreements);
      return { ok: true, value: { accountId, created: !hit } };
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

  /**
   * Registers an account by phone for a caller a phone agent has on the line (the call stands in
   * for the SMS code): the same account an SMS login with that phone would make, found by it later.
   * PHONE_IN_USE when the phone has an account already.
   */
  async registerByPhone(phone: string, by: IdentityActor, ip: string): Promise<string> {
    const phoneHashes = this.d.pii.indexes('phone', phone);
    const accountId = await this.d.db
      .write(async (tx) => {
        const [hit] = (await tx.query(ACCOUNT_BY_PHONE, phoneHashes)) as { id: string }[];
        if (hit) throw new AppError('PHONE_IN_USE', '该手机号已注册，请直接查询来电人');
        const id = await this.insertAccount(tx, `手机用户${phone.slice(-4)}`, phone);
        await this.d.audit.record(
          {
            actorType: by.type,
            actorId: by.id,
            action: 'phone.account.create',
            targetType: 'account',
            targetId: id,
            ip,
          },
          tx,
        );
        return id;
      })
      .catch((e: unknown) => {
        if (isUniqueViolation(e)) throw new AppError('PHONE_IN_USE', '该手机号已注册，请直接查询来电人');
        throw e;
      });
    return accountId;
  }

  get(accountId: string): Promise<Account> {
    return loadAccount(this.d.db, accountId, this.d.clock.now());
  }

  async update(accountId: string, req: UpdateMeRequest, ip: string): Promise<Account> {
    const now = this.d.clock.now();
    const phone = req.phone;
    const outcome = await this.d.db
      .write(async (tx): Promise<Outcome<null>> => {
        await this.lockAccount(tx, accountId);
        if (phone) {
          const phoneHashes = this.d.pii.indexes('phone', phone.phone);
          const check = await this.d.codes.consume(tx, phoneHashes, 'change-phone', phone.code);
          if (!check.ok) return { ok: false, error: new AppError('SMS_CODE_INVALID', check.message) };
          const [owner] = (await tx.query(ACCOUNT_BY_PHONE, phoneHashes)) as {
            id: string;
          }[];
          if (owner && owner.id !== accountId) return { ok: false, error: new AppError('PHONE_IN_USE') };
          if (!owner) {
            await tx.query(
              'UPDATE account SET phone_enc = ?, phone_hash = ?, phone_masked = ?, updated_at = ? WHERE id = ?',
              [this.d.pii.encrypt('phone', phone.phone), phoneHashes[0], maskPhone(phone.phone), now, accountId],
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

  /** Records the account's acceptance of the agreements' current versions (asked again after a new one). */
  async acceptAgreements(accountId: string, accepted: AcceptedAgreements, ip: string): Promise<Account> {
    await this.d.db.write(async (tx) => {
      await this.lockAccount(tx, accountId);
      await this.d.agreements.accept(tx, accountId, accepted);
      await this.d.audit.record(
        {
          actorType: 'patient',
          actorId: accountId,
          action: 'account.agreements',
          targetType: 'account',
          targetId: accountId,
          ip,
          detail: { ...accepted },
        },
        tx,
      );
    });
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
        deletedAt: null,
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
