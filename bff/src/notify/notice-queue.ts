import type { EntityManager } from 'typeorm';
import { Notice, type NoticeKind, type NoticeRow } from '../db/entities/notice.js';
import { execute, placeholders } from '../db/sql/execute.js';
import { insertStatements } from '../db/sql/table.js';
import { newId } from '../shared/ids.js';
import type { NoticeSettings } from './notice-settings.js';
import type { NoticeOrder } from './notice-order.js';
import { noticeParams } from './notice-params.js';
import { NOTICE_TEMPLATE_OF } from './platform-templates.js';

export interface NoticeCause {
  /** The outbox event id, or `expiring:<order>` / `reminder:<order>` for the timed notices. */
  source: string;
  kind: NoticeKind;
  order: NoticeOrder;
  /** The hospital's reason of a stop-clinic. */
  reason?: string | null;
}

/**
 * Queues one notice per cause and kind, in the caller's transaction: a second call for the same
 * cause changes nothing. A WeChat subscription message is chosen when the account signed in
 * with WeChat and holds a credit of its template (which it uses up); an Alipay or Baidu template
 * message when the order was paid in that app (the trade is the message's scene); otherwise SMS.
 * A whole relay batch is queued in a handful of statements, whatever its size.
 */
export async function queueNotices(
  tx: EntityManager,
  settings: NoticeSettings,
  causes: readonly NoticeCause[],
  now: number,
): Promise<number> {
  if (!causes.length) return 0;
  const sources = [...new Set(causes.map((c) => c.source))];
  const known = new Set(
    (
      (await tx.query(
        `SELECT source, kind FROM notice WHERE source IN (${placeholders(sources.length)})`,
        sources,
      )) as {
        source: string;
        kind: string;
      }[]
    ).map((r) => `${r.source} ${r.kind}`),
  );
  const fresh = causes.filter((c) => !known.has(`${c.source} ${c.kind}`));
  if (!fresh.length) return 0;
  const onWechat = await wechatAccounts(tx, [...new Set(fresh.map((c) => c.order.accountId))]);
  const paidIn = await paidInApp(tx, [...new Set(fresh.map((c) => c.order.id))]);
  const rows: NoticeRow[] = [];
  for (const cause of fresh) {
    const templateId = settings.wechatTemplates[NOTICE_TEMPLATE_OF[cause.kind]];
    const wechat = onWechat.has(cause.order.accountId) && (await useCredit(tx, cause.order.accountId, templateId, now));
    rows.push({
      id: newId(),
      source: cause.source,
      kind: cause.kind,
      orderId: cause.order.id,
      accountId: cause.order.accountId,
      patientId: cause.order.patientId,
      channel: wechat ? 'wechat' : (paidIn.get(cause.order.id) ?? 'sms'),
      params: JSON.stringify(noticeParams(cause.kind, cause.order, cause.reason ?? null)),
      status: 'queued',
      attempts: 0,
      nextAttemptAt: now,
      leaseOwner: null,
      leaseUntil: 0,
      lastError: null,
      phoneHash: null,
      createdAt: now,
      sentAt: null,
    });
  }
  // Two processes' timed jobs may queue the same cause at once: the unique key keeps one.
  const mysql = tx.connection.options.type === 'mysql';
  const ignore = mysql ? ' ON DUPLICATE KEY UPDATE id = id' : ' ON CONFLICT (source, kind) DO NOTHING';
  let added = 0;
  for (const insert of insertStatements(Notice, rows)) added += await execute(tx, insert.sql + ignore, insert.params);
  return added;
}

/** The accounts (of these) that signed in with WeChat. */
async function wechatAccounts(tx: EntityManager, accountIds: string[]): Promise<Set<string>> {
  const rows = (await tx.query(
    `SELECT DISTINCT account_id FROM account_identity WHERE platform = 'weapp'
      AND account_id IN (${placeholders(accountIds.length)})`,
    accountIds,
  )) as { account_id: string }[];
  return new Set(rows.map((r) => r.account_id));
}

/** The app each order (of these) was paid in, when its template messages can reach that payer. */
async function paidInApp(tx: EntityManager, orderIds: string[]): Promise<Map<string, 'alipay' | 'baidu'>> {
  const rows = (await tx.query(
    `SELECT p.order_id, p.channel FROM payment p JOIN account_identity i ON i.account_id = p.account_id
     WHERE p.order_id IN (${placeholders(orderIds.length)}) AND p.paid_at IS NOT NULL
       AND p.channel_trade_no IS NOT NULL
       AND ((p.channel = 'alipay' AND i.platform = 'alipay' AND i.open_id LIKE '2088%')
         OR (p.channel = 'baidu' AND i.platform = 'swan'))`,
    orderIds,
  )) as { order_id: string; channel: 'alipay' | 'baidu' }[];
  return new Map(rows.map((r) => [r.order_id, r.channel]));
}

/** Uses one subscription credit of the template, if the (WeChat) account holds one. */
async function useCredit(tx: EntityManager, accountId: string, templateId: string, now: number): Promise<boolean> {
  const used = await execute(
    tx,
    `UPDATE notice_consent SET credits = credits - 1, updated_at = ?
     WHERE account_id = ? AND template_id = ? AND credits > 0`,
    [now, accountId, templateId],
  );
  return used > 0;
}
