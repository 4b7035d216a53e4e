import type { DeletionCodeResponse } from '@cityhealth/shared-types';
import crypto from 'node:crypto';
import type { AuditLog } from '../audit/audit-log.js';
import type { Database } from '../db/database.js';
import { execute, forUpdate } from '../db/sql/execute.js';
import type { Clock } from '../shared/clock.js';
import { AppError } from '../shared/errors.js';
import type { AccountService } from './accounts.js';
import type { LiveAccounts } from './live-accounts.js';
import type { Pii } from './pii.js';
import type { SmsCodes } from './sms-codes.js';

export interface AccountDeletionDeps {
  db: Database;
  pii: Pii;
  clock: Clock;
  audit: AuditLog;
  accounts: AccountService;
  codes: SmsCodes;
  live: LiveAccounts;
}

/** What a deleted patient row keeps in place of its personal data (the columns are required). */
const ERASED_NAME = '已注销';

/**
 * 注销账号 under the personal information protection law: confirmed by an SMS code to the account's
 * own phone, refused while a booking is to come or a payment or refund is under way. Deleted: the
 * platform logins, the phone, every patient's name, document, phone and birth date, SMS codes,
 * notification consents and image shares. Kept, for the periods the law requires: bookings,
 * payments, refunds and the audit trail, which refer to the account and patients by id only (the
 * erased rows stay as their anchors, holding no name, phone or document). The person row behind
 * each patient (a keyed hash of the document, no number) stays too, so a suspension for no-shows is
 * not escaped by deleting an account. The same phone may register again as a new account.
 */
export class AccountDeletion {
  constructor(private readonly d: AccountDeletionDeps) {}

  async sendCode(accountId: string, ip: string): Promise<DeletionCodeResponse> {
    const phone = await this.phoneOf(accountId);
    const sent = await this.d.accounts.sendSmsCode(phone, 'delete-account', ip);
    return { ...sent, phoneMasked: `${phone.slice(0, 3)}****${phone.slice(-4)}` };
  }

  async delete(accountId: string, code: string, ip: string): Promise<void> {
    const phone = await this.phoneOf(accountId);
    const phoneHashes = this.d.pii.indexes('phone', phone);
    const now = this.d.clock.now();
    const refused = await this.d.db.write(async (tx): Promise<AppError | null> => {
      const [account] = (await tx.query(`SELECT status FROM account WHERE id = ?${forUpdate(this.d.db.dialect)}`, [
        accountId,
      ])) as { status: string }[];
      if (account?.status !== 'active') return new AppError('UNAUTHENTICATED', '账号不存在或已注销，请重新登录');
      const [busy] = (await tx.query(
        `SELECT id FROM booking_order WHERE account_id = ? AND ((live = 1 AND ends_at > ?)
          OR payment_status IN ('unpaid', 'refunding')) LIMIT 1`,
        [accountId, now],
      )) as { id: string }[];
      const [paying] = (await tx.query("SELECT id FROM payment WHERE account_id = ? AND status = 'open' LIMIT 1", [
        accountId,
      ])) as { id: string }[];
      if (busy || paying) return new AppError('ACCOUNT_DELETION_BLOCKED');
      // A wrong code is counted (the transaction commits), so it is consumed only once nothing else refuses.
      const check = await this.d.codes.consume(tx, phoneHashes, 'delete-account', code);
      if (!check.ok) return new AppError('SMS_CODE_INVALID', check.message);

      const patients = (await tx.query('SELECT id FROM patient WHERE account_id = ?', [accountId])) as { id: string }[];
      for (const p of patients) {
        await execute(
          tx,
          `UPDATE patient SET name = ?, id_enc = ?, id_hash = ?, id_masked = '', phone_enc = ?, phone_masked = '',
            phone_hash = NULL, birth_date = '', live = NULL, deleted_at = COALESCE(deleted_at, ?), updated_at = ?
            WHERE id = ?`,
          [
            ERASED_NAME,
            this.d.pii.encrypt('id-number', ''),
            // no longer the document's blind index: nothing links the row to the document any more
            crypto.createHash('sha256').update(`erased\0${p.id}`).digest('hex'),
            this.d.pii.encrypt('phone', ''),
            now,
            now,
            p.id,
          ],
        );
      }
      const ids = patients.map((p) => p.id);
      if (ids.length) {
        const marks = ids.map(() => '?').join(', ');
        await tx.query(`DELETE FROM imaging_share WHERE patient_id IN (${marks})`, ids);
      }
      await tx.query('DELETE FROM account_identity WHERE account_id = ?', [accountId]);
      await tx.query('DELETE FROM notice_consent WHERE account_id = ?', [accountId]);
      await tx.query('UPDATE notice SET phone_hash = NULL WHERE account_id = ?', [accountId]);
      await tx.query('DELETE FROM sms_code WHERE phone_hash IN (?, ?)', phoneHashes);
      await execute(
        tx,
        `UPDATE account SET nickname = ?, phone_enc = NULL, phone_hash = NULL, phone_masked = NULL, status = 'deleted',
          deleted_at = ?, updated_at = ? WHERE id = ?`,
        ['已注销用户', now, now, accountId],
      );
      await this.d.audit.record(
        {
          actorType: 'patient',
          actorId: accountId,
          action: 'account.delete',
          targetType: 'account',
          targetId: accountId,
          ip,
          detail: { patients: ids.length },
        },
        tx,
      );
      return null;
    });
    if (refused) throw refused;
    this.d.live.forget(accountId);
  }

  private async phoneOf(accountId: string): Promise<string> {
    const [row] = await this.d.db.query<{ status: string; phone_enc: string | null }>(
      'SELECT status, phone_enc FROM account WHERE id = ?',
      [accountId],
    );
    if (row?.status !== 'active') throw new AppError('UNAUTHENTICATED', '账号不存在或已注销，请重新登录');
    if (!row.phone_enc) throw new AppError('FORBIDDEN', '请先在“我的”中绑定手机号，再注销账号');
    return this.d.pii.decrypt('phone', row.phone_enc);
  }
}
