import type { EntityManager } from 'typeorm';
import { Notice, type NoticeKind, type NoticeRow } from '../db/entities/notice.js';
import { execute } from '../db/sql/execute.js';
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
 */
export async function queueNotice(
  tx: EntityManager,
  settings: NoticeSettings,
  cause: NoticeCause,
  now: number,
): Promise<boolean> {
  const known = await tx.query('SELECT 1 AS one FROM notice WHERE source = ? AND kind = ?', [cause.source, cause.kind]);
  if ((known as unknown[]).length) return false;
  const templateId = settings.wechatTemplates[NOTICE_TEMPLATE_OF[cause.kind]];
  const wechat = await useCredit(tx, cause.order.accountId, templateId, now);
  const paidOn = wechat ? null : await paidInApp(tx, cause.order);
  const row: NoticeRow = {
    id: newId(),
    source: cause.source,
    kind: cause.kind,
    orderId: cause.order.id,
    accountId: cause.order.accountId,
    patientId: cause.order.patientId,
    channel: wechat ? 'wechat' : (paidOn ?? 'sms'),
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
  };
  const [insert] = insertStatements(Notice, [row]);
  const mysql = tx.connection.options.type === 'mysql';
  const ignore = mysql ? ' ON DUPLICATE KEY UPDATE id = id' : ' ON CONFLICT (source, kind) DO NOTHING';
  const added = await execute(tx, insert!.sql + ignore, insert!.params);
  if (!added && wechat) await returnCredit(tx, cause.order.accountId, templateId, now);
  return added > 0;
}

/** The app the order was paid in, when its template messages can reach that payer. */
async function paidInApp(tx: EntityManager, order: NoticeOrder): Promise<'alipay' | 'baidu' | null> {
  const rows = (await tx.query(
    `SELECT p.channel FROM payment p JOIN account_identity i ON i.account_id = p.account_id
     WHERE p.order_id = ? AND p.paid_at IS NOT NULL AND p.channel_trade_no IS NOT NULL
       AND ((p.channel = 'alipay' AND i.platform = 'alipay' AND i.open_id LIKE '2088%')
         OR (p.channel = 'baidu' AND i.platform = 'swan'))`,
    [order.id],
  )) as { channel: 'alipay' | 'baidu' }[];
  return rows[0]?.channel ?? null;
}

/** Uses one subscription credit of the template, if the account has a WeChat identity and a credit. */
async function useCredit(tx: EntityManager, accountId: string, templateId: string, now: number): Promise<boolean> {
  const identity = await tx.query("SELECT 1 AS one FROM account_identity WHERE account_id = ? AND platform = 'weapp'", [
    accountId,
  ]);
  if (!(identity as unknown[]).length) return false;
  const used = await execute(
    tx,
    `UPDATE notice_consent SET credits = credits - 1, updated_at = ?
     WHERE account_id = ? AND template_id = ? AND credits > 0`,
    [now, accountId, templateId],
  );
  return used > 0;
}

async function returnCredit(tx: EntityManager, accountId: string, templateId: string, now: number): Promise<void> {
  await execute(
    tx,
    'UPDATE notice_consent SET credits = credits + 1, updated_at = ? WHERE account_id = ? AND template_id = ?',
    [now, accountId, templateId],
  );
}
