import { Counter, Histogram, type Registry } from 'prom-client';
import type { BookingMetrics } from './ports.js';

/** Bookings made and refused (by error code) and the batches that made them. */
export function bookingMetrics(registry: Registry): BookingMetrics {
  const bookings = new Counter({
    name: 'cityhealth_bookings_total',
    help: 'Booking requests decided with an order: created, or the replay of an idempotency key',
    labelNames: ['outcome'],
    registers: [registry],
  });
  const refusals = new Counter({
    name: 'cityhealth_booking_refusals_total',
    help: 'Booking requests refused, by error code',
    labelNames: ['code'],
    registers: [registry],
  });
  const sizes = new Histogram({
    name: 'cityhealth_booking_batch_size',
    help: 'Requests per booking batch (one transaction, one commit)',
    buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048],
    registers: [registry],
  });
  const durations = new Histogram({
    name: 'cityhealth_booking_batch_duration_seconds',
    help: 'Time of one booking batch in the database, retries included',
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const created = bookings.labels('created');
  const replayed = bookings.labels('replayed');
  const byCode = new Map<string, { inc(): void }>();
  return {
    booked: (outcome) => (outcome === 'created' ? created : replayed).inc(),
    refused: (code) => {
      let child = byCode.get(code);
      if (!child) {
        child = refusals.labels(code);
        byCode.set(code, child);
      }
      child.inc();
    },
    batch: (size, startedMs) => {
      sizes.observe(size);
      durations.observe((performance.now() - startedMs) / 1000);
    },
  };
}
