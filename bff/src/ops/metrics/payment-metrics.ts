import { Counter, type Registry } from 'prom-client';
import type { NotifyMetrics } from './ports.js';

/** The payment channels' notifies: applied, rejected (bad signature or content), replayed, failed. */
export function paymentMetrics(registry: Registry): NotifyMetrics {
  const notifies = new Counter({
    name: 'cityhealth_payment_notifies_total',
    help: 'Payment and refund notifies from the channels, by channel and outcome',
    labelNames: ['channel', 'outcome'],
    registers: [registry],
  });
  return { notify: (channel, outcome) => notifies.labels(channel, outcome).inc() };
}
