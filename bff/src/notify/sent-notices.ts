import type { NoticeChannel, NoticeKind } from '../db/entities/notice.js';
import type { Database } from '../db/database.js';
import type { Pii } from '../identity/pii.js';
import { iso } from '../shared/time.js';

export interface SentNotice {
  id: string;
  kind: NoticeKind;
  channel: NoticeChannel;
  orderId: string;
  params: Record<string, string>;
  sentAt: string;
}

/** What was delivered to a phone's patient, through any channel, newest first (sandbox). */
export async function sentNotices(db: Database, pii: Pii, phone: string, limit = 50): Promise<SentNotice[]> {
  const rows = await db.query<{
    id: string;
    kind: NoticeKind;
    channel: NoticeChannel;
    order_id: string;
    params: string;
    sent_at: number | string;
  }>(
    `SELECT id, kind, channel, order_id, params, sent_at FROM notice
     WHERE phone_hash IN (?, ?) AND status = 'sent' ORDER BY sent_at DESC, created_at DESC, id DESC LIMIT ${limit}`,
    pii.indexes('phone', phone),
  );
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    channel: r.channel,
    orderId: r.order_id,
    params: JSON.parse(r.params) as Record<string, string>,
    sentAt: iso(Number(r.sent_at)),
  }));
}
