import type { PaymentRecord, PaymentRefund } from '@cityhealth/shared-types';
import type { Database } from '../db/database.js';
import { iso, isoOrNull } from '../shared/time.js';
import type { ChannelName } from './channel.js';
import type { RefundRowStatus } from './payment-store.js';

interface PaidRow {
  id: string;
  order_id: string;
  order_no: string;
  hospital_name: string;
  department_name: string;
  channel: ChannelName;
  amount_fen: number | string;
  paid_at: number | string;
}

interface RefundLine {
  payment_id: string;
  amount_fen: number | string;
  status: RefundRowStatus;
  created_at: number | string;
  succeeded_at: number | string | null;
}

const refundState = (s: RefundRowStatus): PaymentRefund['state'] =>
  s === 'succeeded' ? 'refunded' : s === 'closed' ? 'failed' : 'refunding';

/** A payment's standing: refunded once refunds returned all of it, refunding while one is under way. */
function recordStatus(amountFen: number, refunds: PaymentRefund[]): PaymentRecord['status'] {
  const back = refunds.filter((r) => r.state === 'refunded').reduce((sum, r) => sum + r.amountFen, 0);
  if (back >= amountFen) return 'refunded';
  return refunds.some((r) => r.state === 'refunding') ? 'refunding' : 'paid';
}

/**
 * The money an account paid: the payments a channel confirmed (a trade that never completed is no
 * payment) with their refunds, read from the payment tables and never from another account.
 */
export class PaymentRecords {
  constructor(private readonly db: Database) {}

  async list(
    accountId: string,
    q: { orderId?: string; page: number; pageSize: number },
  ): Promise<{ items: PaymentRecord[]; total: number }> {
    const where = ['p.account_id = ?', 'p.paid_at IS NOT NULL'];
    const params: unknown[] = [accountId];
    if (q.orderId) {
      where.push('p.order_id = ?');
      params.push(q.orderId);
    }
    const clause = where.join(' AND ');
    const [count] = await this.db.query<{ total: number | string }>(
      `SELECT COUNT(*) AS total FROM payment p WHERE ${clause}`,
      params,
    );
    const rows = await this.db.query<PaidRow>(
      `SELECT p.id, p.order_id, o.order_no, h.name AS hospital_name, d.name AS department_name, p.channel,
          COALESCE(p.paid_fen, p.amount_fen) AS amount_fen, p.paid_at
        FROM payment p
        JOIN booking_order o ON o.id = p.order_id
        JOIN hospital h ON h.id = o.hospital_id
        JOIN department d ON d.id = o.department_id
        WHERE ${clause}
        ORDER BY p.paid_at DESC, p.id DESC LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
      params,
    );
    const refunds = await this.refundsOf(rows.map((r) => r.id));
    const items = rows.map((r): PaymentRecord => {
      const amountFen = Number(r.amount_fen);
      const own = refunds.get(r.id) ?? [];
      return {
        id: r.id,
        orderId: r.order_id,
        orderNo: r.order_no,
        hospitalName: r.hospital_name,
        departmentName: r.department_name,
        channel: r.channel,
        amountFen,
        paidAt: iso(Number(r.paid_at)),
        status: recordStatus(amountFen, own),
        refunds: own,
      };
    });
    return { items, total: Number(count?.total ?? 0) };
  }

  private async refundsOf(paymentIds: string[]): Promise<Map<string, PaymentRefund[]>> {
    const out = new Map<string, PaymentRefund[]>();
    if (paymentIds.length === 0) return out;
    const lines = await this.db.query<RefundLine>(
      `SELECT payment_id, amount_fen, status, created_at, succeeded_at FROM refund
        WHERE payment_id IN (${paymentIds.map(() => '?').join(', ')}) ORDER BY created_at, id`,
      paymentIds,
    );
    for (const l of lines) {
      const list = out.get(l.payment_id) ?? [];
      list.push({
        amountFen: Number(l.amount_fen),
        state: refundState(l.status),
        requestedAt: iso(Number(l.created_at)),
        refundedAt: isoOrNull(l.succeeded_at === null ? null : Number(l.succeeded_at)),
      });
      out.set(l.payment_id, list);
    }
    return out;
  }
}
