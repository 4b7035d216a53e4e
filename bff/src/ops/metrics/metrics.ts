import { Registry } from 'prom-client';
import type { Database } from '../../db/database.js';
import type { Clock } from '../../shared/clock.js';
import type { Logger } from '../../shared/logger.js';
import { bookingMetrics } from './booking-metrics.js';
import { deliveryMetrics } from './delivery-metrics.js';
import { HttpMetrics } from './http-metrics.js';
import { jobMetrics } from './job-metrics.js';
import { paymentMetrics } from './payment-metrics.js';
import { poolMetrics } from './pool-metrics.js';
import type { BookingMetrics, JobMetrics, NotifyMetrics } from './ports.js';
import { processRegistry } from './process-metrics.js';

/** Every figure of one set of services, in its own registry beside the process's Node figures. */
export interface Metrics {
  http: HttpMetrics;
  booking: BookingMetrics;
  notifies: NotifyMetrics;
  jobs: JobMetrics;
  /** What a scrape of this process reads (and what a cluster worker sends its primary). */
  registries: Registry[];
  /** The Prometheus text of this process. */
  render(): Promise<{ contentType: string; text: string }>;
}

export function createMetrics(deps: { db: Database; clock: Clock; logger: Logger }): Metrics {
  const registry = new Registry();
  poolMetrics(registry, deps.db);
  deliveryMetrics(registry, deps.db, deps.clock, deps.logger);
  const registries = [processRegistry(), registry];
  return {
    http: new HttpMetrics(registry),
    booking: bookingMetrics(registry),
    notifies: paymentMetrics(registry),
    jobs: jobMetrics(registry),
    registries,
    render: async () => {
      const merged = Registry.merge(registries);
      return { contentType: merged.contentType, text: await merged.metrics() };
    },
  };
}
