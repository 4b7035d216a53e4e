import type { Account, Platform } from '@cityhealth/shared-types';
import type { Database } from '../db/database.js';
import { AppError } from '../shared/errors.js';
import { iso } from '../shared/time.js';
import { pendingAgreements } from './agreements.js';

const PLATFORM_ORDER: Platform[] = ['weapp', 'alipay', 'swan'];

/** The account as the patient API shows it (the phone only masked). */
export async function loadAccount(db: Database, accountId: string, now: number): Promise<Account> {
  const [row] = await db.query<{
    id: string;
    nickname: string;
    phone_masked: string | null;
    status: string;
    created_at: number | string;
  }>('SELECT id, nickname, phone_masked, status, created_at FROM account WHERE id = ?', [accountId]);
  if (row?.status !== 'active') throw new AppError('UNAUTHENTICATED', '账号不存在或已停用，请重新登录');
  const identities = await db.query<{ platform: Platform }>(
    'SELECT platform FROM account_identity WHERE account_id = ?',
    [accountId],
  );
  const bound = new Set(identities.map((i) => i.platform));
  return {
    id: row.id,
    nickname: row.nickname,
    phoneMasked: row.phone_masked,
    platforms: PLATFORM_ORDER.filter((p) => bound.has(p)),
    pendingAgreements: await pendingAgreements(db.query.bind(db), accountId, now),
    createdAt: iso(Number(row.created_at)),
  };
}

export const PLATFORM_NAMES: Record<Platform, string> = { weapp: '微信', alipay: '支付宝', swan: '百度' };
