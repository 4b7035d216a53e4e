import { LRUCache } from 'lru-cache';
import type { Database } from '../db/database.js';
import { AppError } from '../shared/errors.js';

/** How long a process trusts that an account it has seen active still is (another process's 注销 shows after this). */
const ACTIVE_TTL_MS = 5_000;

/**
 * Whether a session token's account still exists: a deleted (注销) or disabled account's tokens stop
 * working. Active accounts are remembered briefly per process, so a request costs no query; the
 * process that deletes an account forgets it at once.
 */
export class LiveAccounts {
  private readonly active = new LRUCache<string, true>({ max: 100_000, ttl: ACTIVE_TTL_MS });

  constructor(private readonly db: Database) {}

  async assertActive(accountId: string): Promise<void> {
    if (this.active.get(accountId)) return;
    const [row] = await this.db.query<{ status: string }>('SELECT status FROM account WHERE id = ?', [accountId]);
    if (row?.status !== 'active') throw new AppError('UNAUTHENTICATED', '账号不存在或已注销，请重新登录');
    this.active.set(accountId, true);
  }

  forget(accountId: string): void {
    this.active.delete(accountId);
  }
}
