import type { Database } from '../db/database.js';
import { NoticeConsent } from '../db/entities/notice.js';
import { execute, isUniqueViolation } from '../db/sql/execute.js';
import { insertRows } from '../db/sql/table.js';
import type { Clock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import type { Logger } from '../shared/logger.js';

/** Credits beyond this many of one template are not kept (a patient tapping "allow" all day). */
const MOST_CREDITS = 20;
const ONE_MORE = `CASE WHEN credits < ${MOST_CREDITS} THEN credits + 1 ELSE credits END`;

export interface ConsentOptions {
  db: Database;
  clock: Clock;
  logger: Logger;
  /** The subscription templates this platform uses: anything else is not recorded. */
  templateIds: readonly string[];
  /**
   * Sandbox only: tells the WeChat emulator what the user accepted, as WeChat itself learns it
   * from `wx.requestSubscribeMessage` in production.
   */
  reportToEmulator?: (openId: string, templateIds: string[]) => Promise<void>;
}

/** The one-time subscription credits a WeChat user grants by accepting templates in the app. */
export class Consents {
  constructor(private readonly o: ConsentOptions) {}

  /** Records one credit per accepted template; returns the templates recorded. */
  async accept(accountId: string, templateIds: readonly string[]): Promise<string[]> {
    const known = [...new Set(templateIds)].filter((id) => this.o.templateIds.includes(id));
    const identities = await this.o.db.query<{ open_id: string }>(
      "SELECT open_id FROM account_identity WHERE account_id = ? AND platform = 'weapp' ORDER BY open_id LIMIT 1",
      [accountId],
    );
    const openId = identities[0]?.open_id;
    if (!openId || !known.length) return [];
    for (const templateId of known) await this.addCredit(accountId, templateId);
    await this.o.reportToEmulator?.(openId, known).catch((err: unknown) => {
      this.o.logger.warn({ err: (err as Error).message }, 'sandbox: the WeChat emulator missed a subscription');
    });
    return known;
  }

  private async addCredit(accountId: string, templateId: string, retry = true): Promise<void> {
    const now = this.o.clock.now();
    try {
      await this.o.db.write(async (tx) => {
        const added = await execute(
          tx,
          `UPDATE notice_consent SET credits = ${ONE_MORE}, updated_at = ? WHERE account_id = ? AND template_id = ?`,
          [now, accountId, templateId],
        );
        if (!added)
          await insertRows(tx, NoticeConsent, [{ id: newId(), accountId, templateId, credits: 1, updatedAt: now }]);
      });
    } catch (e) {
      if (!retry || !isUniqueViolation(e)) throw e;
      await this.addCredit(accountId, templateId, false);
    }
  }
}
