import type { PaymentTicket, PayScene } from '@cityhealth/shared-types';
import { Cron } from 'croner';
import { NO_JOB_METRICS } from '../ops/metrics/ports.js';
import type { ChannelName, ChannelRefund, ChannelTrade, NotifyReply, PaymentChannel, RawNotify } from './channel.js';
import { takeNotify } from './notify-intake.js';
import { PaymentContext, type PaymentServiceOptions } from './payment-context.js';
import type { PaymentRow } from './payment-store.js';
import { Refunds } from './refunds.js';
import { Settlement } from './settlement.js';
import { PaymentStart } from './start-payment.js';

export type { PaymentServiceOptions } from './payment-context.js';
export { CLOSE_GRACE_MS } from './settlement.js';

/**
 * Online payment of bookings: starts a channel trade for a pending booking, settles it from the
 * channel's verified notifies or active queries (idempotently, under the order's lock), closes
 * trades whose payment window passed, and refunds money that has no booking to pay for.
 */
export class PaymentService {
  private readonly c: PaymentContext;
  private readonly refunds: Refunds;
  private readonly settlement: Settlement;
  private readonly starts: PaymentStart;
  private job?: Cron;

  constructor(o: PaymentServiceOptions) {
    this.c = new PaymentContext(o);
    this.refunds = new Refunds(this.c);
    this.settlement = new Settlement(this.c, this.refunds);
    this.starts = new PaymentStart(this.c, this.settlement);
  }

  channel(name: ChannelName): PaymentChannel {
    return this.c.channel(name);
  }

  /** Starts (or resumes) paying a pending booking on a channel and returns what the app needs. */
  startPayment(
    accountId: string,
    orderId: string,
    channelName: ChannelName,
    scene: PayScene,
    payerIp: string,
  ): Promise<PaymentTicket> {
    return this.starts.start(accountId, orderId, channelName, scene, payerIp);
  }

  async handleNotify(channelName: ChannelName, raw: RawNotify): Promise<NotifyReply> {
    try {
      return await takeNotify(this.c, this.settlement, this.refunds, channelName, raw);
    } catch (e) {
      this.c.o.notifies?.notify(channelName, 'failed');
      throw e;
    }
  }

  applyTrade(channelName: ChannelName, trade: ChannelTrade): Promise<void> {
    return this.settlement.applyTrade(channelName, trade);
  }

  applyRefund(channelName: ChannelName, refund: ChannelRefund): Promise<void> {
    return this.refunds.apply(channelName, refund);
  }

  checkPayment(payment: PaymentRow): Promise<ChannelTrade> {
    return this.settlement.checkPayment(payment);
  }

  closeOverdue(orderId: string): Promise<boolean> {
    return this.settlement.closeOverdue(orderId);
  }

  refundCancelled(limit = 100): Promise<number> {
    return this.refunds.refundCancelled(limit);
  }

  submitRefund(refundId: string): Promise<void> {
    return this.refunds.submit(refundId);
  }

  /** One pass of the background work: query quiet trades, refund, follow refunds up. */
  async sweep(options: { quietMs?: number; limit?: number } = {}): Promise<void> {
    const { db, clock, logger } = this.c.o;
    const quietMs = options.quietMs ?? 60_000;
    const limit = options.limit ?? 100;
    const now = clock.now();
    for (const p of await this.c.store.openPaymentsToCheck(db.manager, now, quietMs, limit)) {
      await this.checkPayment(p).catch((e: unknown) =>
        logger.warn({ err: e, outTradeNo: p.out_trade_no }, 'payment query failed'),
      );
    }
    await this.refundCancelled(limit);
    for (const r of await this.c.store.refundsToAdvance(db.manager, now, quietMs, limit)) await this.submitRefund(r.id);
  }

  startJobs(): void {
    this.job ??= new Cron('*/15 * * * * *', { protect: true }, async () => {
      try {
        await (this.c.o.jobs ?? NO_JOB_METRICS).run('payment-sweep', () => this.sweep());
      } catch (err) {
        this.c.o.logger.error({ err }, 'payment sweep failed');
      }
    });
  }

  stopJobs(): void {
    this.job?.stop();
    this.job = undefined;
  }
}
