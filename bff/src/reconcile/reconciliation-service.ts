import { NO_JOB_METRICS, type JobMetrics } from '../ops/metrics/ports.js';
import {
  PAY_CHANNEL_LABELS,
  RECONCILE_OUTCOME_LABELS,
  type ReconciliationLine,
  type ReconciliationSummary,
} from '@cityhealth/shared-types';
import { Cron } from 'croner';
import type { AuditLog } from '../audit/audit-log.js';
import type { Database } from '../db/database.js';
import { ChannelError, type ChannelName, type PaymentChannel } from '../pay/channel.js';
import type { Clock } from '../shared/clock.js';
import { AppError } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import { addDays, iso, shanghaiDate, shanghaiInstant } from '../shared/time.js';
import { toCsv } from './csv.js';
import { matchBill, OUTCOMES, summarize, type Outcome } from './matcher.js';
import { ReconcileStore, type LineRow, type Scope, type SummaryRow } from './reconcile-store.js';

export interface ReconciliationOptions {
  db: Database;
  channels: Partial<Record<ChannelName, PaymentChannel>>;
  clock: Clock;
  logger: Logger;
  audit: AuditLog;
  /** Where the daily job's runs are counted. */
  jobs?: JobMetrics;
}

export interface RunResult {
  channel: ChannelName;
  billDate: string;
  billLines: number;
  counts: Record<Outcome, number>;
  /** download: fetch and parse the bill; load: read our payments and refunds; match; store: replace the day's rows. */
  timings: { downloadMs: number; loadMs: number; matchMs: number; storeMs: number };
}

/**
 * Daily reconciliation (对账): a channel's bill of a day against our payments and refunds of that
 * day, line by line, stored per hospital and day. Running a day again replaces its result.
 */
export class ReconciliationService {
  private readonly store = new ReconcileStore();
  private job?: Cron;
  /** Runs of one channel and day in this process, one after the other (the job and an administrator may meet). */
  private readonly running = new Map<string, Promise<unknown>>();

  constructor(private readonly o: ReconciliationOptions) {}

  channelNames(): ChannelName[] {
    return Object.keys(this.o.channels) as ChannelName[];
  }

  async run(channelName: ChannelName, billDate: string, triggeredBy: string): Promise<RunResult> {
    const channel = this.o.channels[channelName];
    if (!channel) throw new AppError('VALIDATION_FAILED', '该支付渠道未开通');
    const key = `${channelName}:${billDate}`;
    const run = (this.running.get(key) ?? Promise.resolve())
      .catch(() => undefined)
      .then(() => this.runOnce(channel, billDate, triggeredBy));
    this.running.set(key, run);
    try {
      return await run;
    } finally {
      if (this.running.get(key) === run) this.running.delete(key);
    }
  }

  private async runOnce(channel: PaymentChannel, billDate: string, triggeredBy: string): Promise<RunResult> {
    const channelName = channel.name;
    const db = this.o.db;
    const runId = await this.store.startRun(db.manager, channelName, billDate, triggeredBy, this.o.clock.now());
    try {
      let t = performance.now();
      const bill = await channel.downloadBill(billDate);
      const downloadMs = performance.now() - t;
      t = performance.now();
      const from = shanghaiInstant(billDate, '00:00');
      const to = shanghaiInstant(addDays(billDate, 1), '00:00');
      const day = {
        payments: await this.store.dayPayments(db.manager, channelName, from, to),
        refunds: await this.store.dayRefunds(db.manager, channelName, from, to),
      };
      const known = new Set(day.payments.map((p) => p.outTradeNo));
      const knownRefunds = new Set(day.refunds.map((r) => r.outRefundNo));
      const others = {
        payments: await this.store.paymentsByNo(db.manager, channelName, [
          ...new Set(
            bill.lines.filter((l) => l.kind === 'payment' && !known.has(l.outTradeNo)).map((l) => l.outTradeNo),
          ),
        ]),
        refunds: await this.store.refundsByNo(db.manager, channelName, [
          ...new Set(
            bill.lines
              .filter((l) => l.kind === 'refund' && l.outRefundNo && !knownRefunds.has(l.outRefundNo))
              .map((l) => l.outRefundNo!),
          ),
        ]),
      };
      const loadMs = performance.now() - t;
      t = performance.now();
      const lines = matchBill(channelName, bill.lines, day, others);
      const summaries = summarize(lines);
      const matchMs = performance.now() - t;
      t = performance.now();
      const now = this.o.clock.now();
      await db.write((tx) => this.store.replace(tx, channelName, billDate, runId, lines, summaries, now));
      const storeMs = performance.now() - t;
      await this.store.finishRun(
        db.manager,
        runId,
        { status: 'succeeded', billLines: bill.lines.length },
        this.o.clock.now(),
      );
      const counts = Object.fromEntries(
        OUTCOMES.map((k) => [k, summaries.reduce((n, s) => n + s.counts[k], 0)]),
      ) as Record<Outcome, number>;
      await this.audit(triggeredBy, channelName, billDate, {
        status: 'succeeded',
        billLines: bill.lines.length,
        ...counts,
      });
      return {
        channel: channelName,
        billDate,
        billLines: bill.lines.length,
        counts,
        timings: { downloadMs, loadMs, matchMs, storeMs },
      };
    } catch (e) {
      const error = e instanceof Error ? `${e instanceof ChannelError ? `${e.code}: ` : ''}${e.message}` : String(e);
      await this.store.finishRun(db.manager, runId, { status: 'failed', error }, this.o.clock.now());
      await this.audit(triggeredBy, channelName, billDate, { status: 'failed', error: error.slice(0, 200) });
      if (e instanceof ChannelError) {
        this.o.logger.warn({ err: e, channel: channelName, billDate }, 'reconciliation could not get the bill');
        throw new AppError(e.code === 'BILL_NOT_READY' ? 'BILL_NOT_READY' : 'RECONCILE_FAILED');
      }
      throw e;
    }
  }

  private audit(
    triggeredBy: string,
    channel: ChannelName,
    billDate: string,
    detail: Record<string, unknown>,
  ): Promise<void> {
    const job = triggeredBy === 'job';
    return this.o.audit.record({
      actorType: job ? 'system' : 'admin',
      actorId: job ? null : triggeredBy,
      action: 'reconcile.run',
      targetType: 'bill',
      targetId: `${channel}:${billDate}`,
      detail,
    });
  }

  /** Yesterday for every channel not yet reconciled; a bill that is not ready is tried at the next run. */
  async runDue(): Promise<void> {
    const billDate = addDays(shanghaiDate(this.o.clock.now()), -1);
    for (const channel of this.channelNames()) {
      if (await this.store.reconciled(this.o.db.manager, channel, billDate)) continue;
      await (this.o.jobs ?? NO_JOB_METRICS)
        .run('reconciliation', () => this.run(channel, billDate, 'job'))
        .catch((err: unknown) =>
          this.o.logger.warn({ err, channel, billDate }, 'daily reconciliation will be retried'),
        );
    }
  }

  startJobs(): void {
    // Bills are ready from about 9–10 a.m. the next day; try hourly from 10:05 until one lands.
    this.job ??= new Cron('0 5 10-22 * * *', { timezone: 'Asia/Shanghai', protect: true }, () => this.runDue());
  }

  stopJobs(): void {
    this.job?.stop();
    this.job = undefined;
  }

  async summaries(scope: Scope): Promise<ReconciliationSummary[]> {
    return (await this.store.summaries(this.o.db.manager, scope)).map(toSummary);
  }

  async lines(scope: Scope & { outcome: Outcome | 'all' | 'discrepancies'; page: number; pageSize: number }) {
    const outcomes =
      scope.outcome === 'all'
        ? undefined
        : scope.outcome === 'discrepancies'
          ? OUTCOMES.filter((o) => o !== 'matched')
          : [scope.outcome];
    const { rows, total } = await this.store.lines(this.o.db.manager, {
      ...scope,
      outcomes,
      limit: scope.pageSize,
      offset: (scope.page - 1) * scope.pageSize,
    });
    return { items: rows.map(toLine), page: scope.page, pageSize: scope.pageSize, total };
  }

  /** Every line of a day (matched ones too), as a clerk opens it in Excel. */
  async csv(scope: Scope): Promise<string> {
    const { rows } = await this.store.lines(this.o.db.manager, scope);
    return toCsv(
      [...CSV_HEADER],
      rows.map((r) => [
        r.bill_date,
        PAY_CHANNEL_LABELS[r.channel],
        r.hospital_name ?? '（非本平台）',
        r.out_trade_no,
        r.channel_trade_no,
        r.out_refund_no,
        r.kind === 'refund' ? '退款' : '支付',
        { fen: r.our_amount_fen },
        { fen: r.channel_amount_fen },
        { fen: r.fee_fen },
        RECONCILE_OUTCOME_LABELS[r.outcome],
        r.channel_refund_no,
        r.our_status,
        r.channel_status,
      ]),
    );
  }
}

/** What a finance clerk reads first, then the detail that explains a status mismatch. */
export const CSV_HEADER = [
  '日期',
  '渠道',
  '医院',
  '商户订单号',
  '渠道订单号',
  '商户退款单号',
  '类型',
  '我方金额(元)',
  '渠道金额(元)',
  '手续费(元)',
  '结果',
  '渠道退款单号',
  '我方状态',
  '渠道状态',
] as const;

function toSummary(r: SummaryRow): ReconciliationSummary {
  return {
    channel: r.channel,
    billDate: r.bill_date,
    hospital: r.hospital_id ? { id: r.hospital_id, name: r.hospital_name ?? '' } : null,
    counts: {
      matched: r.matched,
      'missing-local': r.missing_local,
      'missing-channel': r.missing_channel,
      'amount-mismatch': r.amount_mismatch,
      'status-mismatch': r.status_mismatch,
    },
    ourPaidFen: r.our_paid_fen,
    ourRefundedFen: r.our_refunded_fen,
    channelPaidFen: r.channel_paid_fen,
    channelRefundedFen: r.channel_refunded_fen,
    feeFen: r.fee_fen,
    reconciledAt: iso(r.created_at),
  };
}

function toLine(r: LineRow): ReconciliationLine {
  return {
    channel: r.channel,
    billDate: r.bill_date,
    hospital: r.hospital_id ? { id: r.hospital_id, name: r.hospital_name ?? '' } : null,
    kind: r.kind,
    outcome: r.outcome,
    outTradeNo: r.out_trade_no,
    outRefundNo: r.out_refund_no,
    channelTradeNo: r.channel_trade_no,
    channelRefundNo: r.channel_refund_no,
    ourAmountFen: r.our_amount_fen,
    channelAmountFen: r.channel_amount_fen,
    feeFen: r.fee_fen,
    ourStatus: r.our_status,
    channelStatus: r.channel_status,
    orderId: r.order_id,
  };
}
