import { Gauge, type Registry } from 'prom-client';
import type { Database } from '../../db/database.js';
import { readDeliveryBacklog, type DeliveryBacklog } from '../../outbox/delivery-backlog.js';
import type { Clock } from '../../shared/clock.js';
import type { Logger } from '../../shared/logger.js';

/**
 * The outbox's depth and each hospital's delivery backlog and lag, read from the database on each
 * scrape (one read for the three gauges). Every worker reads the same rows: the cluster keeps the
 * largest figure (`max`), not their sum.
 */
export function deliveryMetrics(registry: Registry, db: Database, clock: Clock, logger: Logger): void {
  let reading: Promise<DeliveryBacklog | null> | null = null;
  // The three gauges' collects of one scrape share one read.
  const read = () => {
    reading ??= readDeliveryBacklog(db, clock.now())
      .catch((err: unknown) => {
        logger.warn({ err: (err as Error).message }, 'delivery backlog not read for metrics');
        return null;
      })
      .finally(() => setImmediate(() => (reading = null)));
    return reading;
  };
  new Gauge({
    name: 'cityhealth_outbox_relay_waiting_events',
    help: 'Events written by bookings and not yet relayed to the hospitals’ streams',
    aggregator: 'max',
    registers: [registry],
    async collect() {
      this.reset();
      const b = await read();
      if (b) this.set(b.relayWaiting);
    },
  });
  new Gauge({
    name: 'cityhealth_hospital_delivery_backlog_events',
    help: 'Events not yet taken by a hospital’s system, by hospital code',
    labelNames: ['hospital'],
    aggregator: 'max',
    registers: [registry],
    async collect() {
      this.reset();
      for (const h of (await read())?.hospitals ?? []) this.labels(h.hospital).set(h.pending);
    },
  });
  new Gauge({
    name: 'cityhealth_hospital_delivery_lag_seconds',
    help: 'Age of the oldest event a hospital’s system has not taken (0 when none), by hospital code',
    labelNames: ['hospital'],
    aggregator: 'max',
    registers: [registry],
    async collect() {
      this.reset();
      for (const h of (await read())?.hospitals ?? []) this.labels(h.hospital).set(h.lagSeconds);
    },
  });
}
