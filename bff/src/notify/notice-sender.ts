import type { Database } from '../db/database.js';
import type { NoticeChannel, NoticeKind } from '../db/entities/notice.js';
import { execute, placeholders } from '../db/sql/execute.js';
import type { Pii } from '../identity/pii.js';
import type { Clock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import { inTurnPerKey } from '../shared/per-key-turns.js';
import type { Logger } from '../shared/logger.js';
import type { Delivery, DeliveryResult, NoticeDelivery } from './notice-delivery.js';

const LEASE_MS = 60_000;
const BATCH = 200;
/** Orders whose notices go out side by side (an order's own notices go one after another). */
const CONCURRENCY = 8;
const FIRST_RETRY_MS = 10_000;
const LONGEST_RETRY_MS = 30 * 60_000;

interface Claimed {
  id: string;
  kind: NoticeKind;
  order_id: string;
  channel: NoticeChannel;
  params: string;
  attempts: number | string;
  phone_enc: string;
  open_id: string | null;
  alipay_user_id: string | null;
  alipay_trade_no: string | null;
  swan_open_id: string | null;
  baidu_order_id: string | null;
}

export interface SendReport {
  sent: number;
  failed: number;
  retried: number;
}

/**
 * Sends the queued notices: claims due rows with a lease (so two processes never send the same
 * one), sends each, then records the outcome under that lease. A failure waits a doubling
 * back-off and is tried again up to `maxAttempts`; a platform message that cannot go (a WeChat
 * template the user has not subscribed to, an Alipay or Baidu trade's messages used up) goes by SMS
 * instead. SMS sends carry the notice id as OutId.
 */
export class NoticeSender {
  private readonly owner = newId();

  constructor(
    private readonly o: {
      db: Database;
      clock: Clock;
      logger: Logger;
      pii: Pii;
      delivery: NoticeDelivery;
      maxAttempts: number;
    },
  ) {}

  /** Sends what is due now, batch after batch, until nothing is; returns the tally. */
  async runOnce(maxBatches = Number.POSITIVE_INFINITY): Promise<SendReport> {
    const report: SendReport = { sent: 0, failed: 0, retried: 0 };
    for (let batch = 0; batch < maxBatches; batch++) {
      const claimed = await this.claim();
      if (!claimed.length) return report;
      await inTurnPerKey(
        claimed,
        (row) => row.order_id,
        CONCURRENCY,
        async (row) => {
          await this.deliver(row, report);
          return true;
        },
      );
    }
    return report;
  }

  private async claim(): Promise<Claimed[]> {
    const now = this.o.clock.now();
    const due = await this.o.db.query<{ id: string }>(
      `SELECT id FROM notice WHERE status = 'queued' AND next_attempt_at <= ? AND lease_until <= ?
       ORDER BY next_attempt_at, created_at LIMIT ${BATCH}`,
      [now, now],
    );
    if (!due.length) return [];
    const leaseUntil = now + LEASE_MS;
    await this.o.db.write((tx) =>
      execute(
        tx,
        `UPDATE notice SET lease_owner = ?, lease_until = ?
         WHERE id IN (${placeholders(due.length)}) AND status = 'queued' AND lease_until <= ?`,
        [this.owner, leaseUntil, ...due.map((d) => d.id), now],
      ),
    );
    // Only what this sender's lease took (another process may have claimed some first).
    return this.o.db.query<Claimed>(
      `SELECT n.id, n.kind, n.order_id, n.channel, n.params, n.attempts, p.phone_enc,
              (SELECT MIN(i.open_id) FROM account_identity i WHERE i.account_id = n.account_id AND i.platform = 'weapp')
                AS open_id,
              (SELECT MIN(i.open_id) FROM account_identity i
                WHERE i.account_id = n.account_id AND i.platform = 'alipay' AND i.open_id LIKE '2088%')
                AS alipay_user_id,
              (SELECT MIN(pm.channel_trade_no) FROM payment pm
                WHERE pm.order_id = n.order_id AND pm.channel = 'alipay' AND pm.paid_at IS NOT NULL) AS alipay_trade_no,
              (SELECT MIN(i.open_id) FROM account_identity i WHERE i.account_id = n.account_id AND i.platform = 'swan')
                AS swan_open_id,
              (SELECT MIN(pm.channel_trade_no) FROM payment pm
                WHERE pm.order_id = n.order_id AND pm.channel = 'baidu' AND pm.paid_at IS NOT NULL) AS baidu_order_id
       FROM notice n JOIN patient p ON p.id = n.patient_id
       WHERE n.id IN (${placeholders(due.length)}) AND n.lease_owner = ? AND n.lease_until = ?`,
      [...due.map((d) => d.id), this.owner, leaseUntil],
    );
  }

  private async deliver(row: Claimed, report: SendReport): Promise<void> {
    let phone: string;
    try {
      phone = this.o.pii.decrypt('phone', row.phone_enc);
    } catch {
      // no phone to fall back on, and no later attempt will find one: it cannot be sent
      report.failed++;
      await this.record(row.id, {
        status: 'failed',
        attempts: Number(row.attempts) + 1,
        lastError: 'PHONE_UNREADABLE',
      });
      return;
    }
    const d: Delivery = {
      id: row.id,
      kind: row.kind,
      orderId: row.order_id,
      channel: row.channel,
      params: JSON.parse(row.params) as Record<string, string>,
      phone,
      openId: row.open_id,
      alipay:
        row.alipay_user_id && row.alipay_trade_no ? { userId: row.alipay_user_id, tradeNo: row.alipay_trade_no } : null,
      baidu: row.swan_open_id && row.baidu_order_id ? { openId: row.swan_open_id, orderId: row.baidu_order_id } : null,
    };
    let result = await this.o.delivery.send(d);
    if (!result.ok && result.fallback && d.channel !== 'sms') {
      await this.record(row.id, { channel: 'sms', lastError: result.code }, { keepLease: true });
      d.channel = 'sms';
      result = await this.o.delivery.send(d);
    }
    await this.settle(row, d.channel, result, this.o.pii.index('phone', phone), report);
  }

  private async settle(
    row: Claimed,
    channel: NoticeChannel,
    result: DeliveryResult,
    phoneHash: string,
    report: SendReport,
  ): Promise<void> {
    const now = this.o.clock.now();
    const attempts = Number(row.attempts) + 1;
    if (result.ok) {
      report.sent++;
      await this.record(row.id, { status: 'sent', attempts, sentAt: now, phoneHash, lastError: null, channel });
      return;
    }
    this.o.logger.warn({ notice: row.id, kind: row.kind, channel, code: result.code, attempts }, 'notice not sent');
    if (!result.retryable || attempts >= this.o.maxAttempts) {
      report.failed++;
      await this.record(row.id, { status: 'failed', attempts, lastError: result.code });
      return;
    }
    report.retried++;
    const wait = Math.min(LONGEST_RETRY_MS, FIRST_RETRY_MS * 2 ** (attempts - 1));
    await this.record(row.id, { attempts, nextAttemptAt: now + wait, lastError: result.code });
  }

  /** Writes the outcome of a send, releasing the lease; only while this sender still holds it. */
  private async record(
    id: string,
    change: Partial<{
      status: 'sent' | 'failed';
      channel: NoticeChannel;
      attempts: number;
      nextAttemptAt: number;
      sentAt: number;
      phoneHash: string;
      lastError: string | null;
    }>,
    { keepLease = false } = {},
  ): Promise<void> {
    const columns: Record<string, string> = {
      status: 'status',
      channel: 'channel',
      attempts: 'attempts',
      nextAttemptAt: 'next_attempt_at',
      sentAt: 'sent_at',
      phoneHash: 'phone_hash',
      lastError: 'last_error',
    };
    const entries = Object.entries(change);
    const release = keepLease ? '' : ', lease_owner = NULL, lease_until = 0';
    await this.o.db.write((tx) =>
      execute(
        tx,
        `UPDATE notice SET ${entries.map(([k]) => `${columns[k]} = ?`).join(', ')}${release}
         WHERE id = ? AND lease_owner = ?`,
        [...entries.map(([, v]) => v), id, this.owner],
      ),
    );
  }
}
