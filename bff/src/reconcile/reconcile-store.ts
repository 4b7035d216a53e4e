import type { EntityManager } from 'typeorm';
import {
  Reconciliation,
  ReconciliationLine,
  ReconciliationRun,
  type ReconciliationLineRow,
  type ReconciliationRow,
} from '../db/entities/index.js';
import { insertRows } from '../db/sql/table.js';
import { placeholders } from '../db/sql/execute.js';
import { newId } from '../shared/ids.js';
import type { ChannelName } from '../pay/channel.js';
import type { DaySummary, MatchedLine, Outcome, OurPayment, OurRefund } from './matcher.js';

const PAYMENT = `SELECT order_id, hospital_id, out_trade_no, channel_trade_no,
    COALESCE(paid_fen, amount_fen) AS amount_fen, status FROM payment`;
const REFUND = `SELECT r.order_id, r.hospital_id, p.out_trade_no, r.out_refund_no, r.channel_refund_no,
    r.amount_fen, r.status FROM refund r JOIN payment p ON p.id = r.payment_id`;
const CHUNK = 500;
/** Rows per INSERT: 1,000 × 16 parameters stays under SQLite's limit of 32,766. */
const INSERT_CHUNK = 1000;
type PaymentRow = {
  order_id: string;
  hospital_id: string;
  out_trade_no: string;
  channel_trade_no: string | null;
  amount_fen: number;
  status: string;
};
type RefundRow = PaymentRow & { out_refund_no: string; channel_refund_no: string | null };

const asPayment = (r: PaymentRow): OurPayment => ({
  orderId: r.order_id,
  hospitalId: r.hospital_id,
  outTradeNo: r.out_trade_no,
  channelTradeNo: r.channel_trade_no,
  amountFen: Number(r.amount_fen),
  status: r.status,
});
const asRefund = (r: RefundRow): OurRefund => ({
  orderId: r.order_id,
  hospitalId: r.hospital_id,
  outTradeNo: r.out_trade_no,
  outRefundNo: r.out_refund_no,
  channelRefundNo: r.channel_refund_no,
  amountFen: Number(r.amount_fen),
  status: r.status,
});

export interface SummaryRow {
  channel: ChannelName;
  bill_date: string;
  hospital_id: string | null;
  hospital_name: string | null;
  matched: number;
  missing_local: number;
  missing_channel: number;
  amount_mismatch: number;
  status_mismatch: number;
  our_paid_fen: number;
  our_refunded_fen: number;
  channel_paid_fen: number;
  channel_refunded_fen: number;
  fee_fen: number;
  created_at: number;
}

export interface LineRow {
  channel: ChannelName;
  bill_date: string;
  hospital_id: string | null;
  hospital_name: string | null;
  kind: 'payment' | 'refund';
  outcome: Outcome;
  out_trade_no: string;
  out_refund_no: string | null;
  channel_trade_no: string | null;
  channel_refund_no: string | null;
  our_amount_fen: number | null;
  channel_amount_fen: number | null;
  fee_fen: number | null;
  our_status: string | null;
  channel_status: string | null;
  order_id: string | null;
}

export interface Scope {
  from: string;
  to: string;
  channel?: ChannelName;
  hospitalId?: string;
}

/** The SQL of reconciliation (both dialects). */
export class ReconcileStore {
  /** Paid ones and discrepancies (taken by the channel, booked nothing: the clerk sees them as a status mismatch). */
  async dayPayments(q: EntityManager, channel: ChannelName, from: number, to: number): Promise<OurPayment[]> {
    return (
      (await q.query(
        `${PAYMENT} WHERE channel = ? AND status IN ('paid', 'discrepancy') AND paid_at >= ? AND paid_at < ?`,
        [channel, from, to],
      )) as PaymentRow[]
    ).map(asPayment);
  }

  async dayRefunds(q: EntityManager, channel: ChannelName, from: number, to: number): Promise<OurRefund[]> {
    return (
      (await q.query(
        `${REFUND} WHERE r.channel = ? AND r.status = 'succeeded' AND r.succeeded_at >= ? AND r.succeeded_at < ?`,
        [channel, from, to],
      )) as RefundRow[]
    ).map(asRefund);
  }

  async paymentsByNo(q: EntityManager, channel: ChannelName, outTradeNos: string[]): Promise<Map<string, OurPayment>> {
    const out = new Map<string, OurPayment>();
    for (let i = 0; i < outTradeNos.length; i += CHUNK) {
      const part = outTradeNos.slice(i, i + CHUNK);
      for (const r of (await q.query(
        `${PAYMENT} WHERE channel = ? AND out_trade_no IN (${placeholders(part.length)})`,
        [channel, ...part],
      )) as PaymentRow[])
        out.set(r.out_trade_no, asPayment(r));
    }
    return out;
  }

  async refundsByNo(q: EntityManager, channel: ChannelName, outRefundNos: string[]): Promise<Map<string, OurRefund>> {
    const out = new Map<string, OurRefund>();
    for (let i = 0; i < outRefundNos.length; i += CHUNK) {
      const part = outRefundNos.slice(i, i + CHUNK);
      for (const r of (await q.query(
        `${REFUND} WHERE r.channel = ? AND r.out_refund_no IN (${placeholders(part.length)})`,
        [channel, ...part],
      )) as RefundRow[])
        out.set(r.out_refund_no, asRefund(r));
    }
    return out;
  }

  /** Replaces a channel's result for a day: running a day again never leaves two results. */
  async replace(
    tx: EntityManager,
    channel: ChannelName,
    billDate: string,
    runId: string,
    lines: MatchedLine[],
    summaries: DaySummary[],
    now: number,
  ): Promise<void> {
    await tx.query('DELETE FROM reconciliation_line WHERE channel = ? AND bill_date = ?', [channel, billDate]);
    await tx.query('DELETE FROM reconciliation WHERE channel = ? AND bill_date = ?', [channel, billDate]);
    // Row arrays a slice at a time: a day of 200,000 lines need not be held twice over.
    for (let i = 0; i < lines.length; i += 10 * INSERT_CHUNK) {
      const rows = lines.slice(i, i + 10 * INSERT_CHUNK).map(
        (l): ReconciliationLineRow => ({
          id: newId(),
          channel,
          billDate,
          hospitalId: l.hospitalId,
          kind: l.kind,
          outcome: l.outcome,
          outTradeNo: l.outTradeNo.slice(0, 64),
          outRefundNo: l.outRefundNo,
          channelTradeNo: l.channelTradeNo,
          channelRefundNo: l.channelRefundNo,
          ourAmountFen: l.ourAmountFen,
          channelAmountFen: l.channelAmountFen,
          feeFen: l.feeFen,
          ourStatus: l.ourStatus,
          channelStatus: l.channelStatus?.slice(0, 20) ?? null,
          orderId: l.orderId,
        }),
      );
      await insertRows(tx, ReconciliationLine, rows, INSERT_CHUNK);
    }
    const days = summaries.map(
      (s): ReconciliationRow => ({
        id: newId(),
        channel,
        billDate,
        scope: s.hospitalId ?? 'platform',
        hospitalId: s.hospitalId,
        matched: s.counts.matched,
        missingLocal: s.counts['missing-local'],
        missingChannel: s.counts['missing-channel'],
        amountMismatch: s.counts['amount-mismatch'],
        statusMismatch: s.counts['status-mismatch'],
        ourPaidFen: s.ourPaidFen,
        ourRefundedFen: s.ourRefundedFen,
        channelPaidFen: s.channelPaidFen,
        channelRefundedFen: s.channelRefundedFen,
        feeFen: s.feeFen,
        runId,
        createdAt: now,
      }),
    );
    await insertRows(tx, Reconciliation, days);
  }

  async startRun(
    q: EntityManager,
    channel: ChannelName,
    billDate: string,
    triggeredBy: string,
    now: number,
  ): Promise<string> {
    const id = newId();
    await insertRows(q, ReconciliationRun, [
      {
        id,
        channel,
        billDate,
        status: 'running',
        error: null,
        billLines: null,
        startedAt: now,
        finishedAt: null,
        triggeredBy: triggeredBy.slice(0, 60),
      },
    ]);
    return id;
  }

  async finishRun(
    q: EntityManager,
    id: string,
    outcome: { status: 'succeeded' | 'failed'; error?: string; billLines?: number },
    now: number,
  ): Promise<void> {
    await q.query('UPDATE reconciliation_run SET status = ?, error = ?, bill_lines = ?, finished_at = ? WHERE id = ?', [
      outcome.status,
      outcome.error?.slice(0, 200) ?? null,
      outcome.billLines ?? null,
      now,
      id,
    ]);
  }

  /** Whether a channel's day has a successful run (the daily job skips those). */
  async reconciled(q: EntityManager, channel: ChannelName, billDate: string): Promise<boolean> {
    const [row] = (await q.query(
      "SELECT id FROM reconciliation_run WHERE channel = ? AND bill_date = ? AND status = 'succeeded' LIMIT 1",
      [channel, billDate],
    )) as { id: string }[];
    return !!row;
  }

  async summaries(q: EntityManager, s: Scope): Promise<SummaryRow[]> {
    const [where, params] = this.where('r', s);
    return (
      (await q.query(
        `SELECT r.*, h.name AS hospital_name FROM reconciliation r LEFT JOIN hospital h ON h.id = r.hospital_id
          WHERE ${where} ORDER BY r.bill_date, r.channel, h.name`,
        params,
      )) as SummaryRow[]
    ).map((r) => numbers(r));
  }

  async lines(
    q: EntityManager,
    s: Scope & { outcomes?: Outcome[]; limit?: number; offset?: number },
  ): Promise<{ rows: LineRow[]; total: number }> {
    let [where, params] = this.where('l', s);
    if (s.outcomes?.length) {
      where += ` AND l.outcome IN (${placeholders(s.outcomes.length)})`;
      params = [...params, ...s.outcomes];
    }
    const [count] = (await q.query(`SELECT COUNT(*) AS n FROM reconciliation_line l WHERE ${where}`, params)) as {
      n: number;
    }[];
    const page = s.limit === undefined ? '' : ` LIMIT ${Math.floor(s.limit)} OFFSET ${Math.floor(s.offset ?? 0)}`;
    const rows = (await q.query(
      `SELECT l.*, h.name AS hospital_name FROM reconciliation_line l LEFT JOIN hospital h ON h.id = l.hospital_id
        WHERE ${where} ORDER BY l.bill_date, l.channel, l.outcome, l.out_trade_no${page}`,
      params,
    )) as LineRow[];
    return { rows: rows.map((r) => numbers(r)), total: Number(count?.n ?? 0) };
  }

  private where(alias: string, s: Scope): [string, unknown[]] {
    const parts = [`${alias}.bill_date >= ?`, `${alias}.bill_date <= ?`];
    const params: unknown[] = [s.from, s.to];
    if (s.channel) {
      parts.push(`${alias}.channel = ?`);
      params.push(s.channel);
    }
    if (s.hospitalId) {
      parts.push(`${alias}.hospital_id = ?`);
      params.push(s.hospitalId);
    }
    return [parts.join(' AND '), params];
  }
}

const NUMERIC = new Set([
  'matched',
  'missing_local',
  'missing_channel',
  'amount_mismatch',
  'status_mismatch',
  'our_paid_fen',
  'our_refunded_fen',
  'channel_paid_fen',
  'channel_refunded_fen',
  'fee_fen',
  'created_at',
  'our_amount_fen',
  'channel_amount_fen',
]);
/** Drivers return BIGINT columns as strings. */
function numbers<T extends object>(row: T): T {
  const out = { ...row } as Record<string, unknown>;
  for (const k of Object.keys(out))
    if (NUMERIC.has(k) && out[k] !== null && out[k] !== undefined) out[k] = Number(out[k]);
  return out as T;
}
