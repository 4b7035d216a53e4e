import type { JobMetrics, NotifyMetrics } from '../ops/metrics/ports.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { BookingCore } from '../core/booking/booking-core.js';
import type { Database } from '../db/database.js';
import type { Clock } from '../shared/clock.js';
import { AppError } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import type { ChannelName, PaymentChannel } from './channel.js';
import { PaymentStore } from './payment-store.js';

export interface PaymentServiceOptions {
  db: Database;
  booking: BookingCore;
  channels: Partial<Record<ChannelName, PaymentChannel>>;
  clock: Clock;
  logger: Logger;
  audit: AuditLog;
  /** Where notifies (by outcome) and the sweep's runs are counted. */
  notifies?: NotifyMetrics;
  jobs?: JobMetrics;
}

/** What every part of the payment domain works with: its dependencies, its store, the configured channels. */
export class PaymentContext {
  readonly store: PaymentStore;

  constructor(readonly o: PaymentServiceOptions) {
    this.store = new PaymentStore(o.db.dialect);
  }

  channel(name: ChannelName): PaymentChannel {
    const c = this.o.channels[name];
    if (!c) throw new AppError('PAYMENT_UNAVAILABLE', '暂不支持该支付方式');
    return c;
  }
}
