import type { Registry } from 'prom-client';
import { type CounterSeries, LightCounter, LightHistogram } from './light-metrics.js';
import type { BookingMetrics } from './ports.js';

/** Bookings made and refused (by error code) and the batches that made them: on the storm's path, so light. */
export function bookingMetrics(registry: Registry): BookingMetrics {
  const bookings = new LightCounter(
    registry,
    'cityhealth_bookings_total',
    'Booking requests decided with an order: created, or the replay of an idempotency key',
    ['outcome'],
  );
  const refusals = new LightCounter(
    registry,
    'cityhealth_booking_refusals_total',
    'Booking requests refused, by error code',
    ['code'],
  );
  const sizes = new LightHistogram(
    registry,
    'cityhealth_booking_batch_size',
    'Requests per booking batch (one transaction, one commit)',
    [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048],
  ).child();
  const durations = new LightHistogram(
    registry,
    'cityhealth_booking_batch_duration_seconds',
    'Time of one booking batch in the database, retries included',
    [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  ).child();
  const retries = new LightCounter(
    registry,
    'cityhealth_booking_retries_total',
    'Booking transactions run again, by reason (deadlock: on Galera also a conflict with another node)',
    ['reason'],
  );
  const retriedBy = {
    deadlock: retries.child('deadlock'),
    lock_wait_timeout: retries.child('lock_wait_timeout'),
    busy: retries.child('busy'),
  };
  const created = bookings.child('created');
  const replayed = bookings.child('replayed');
  const byCode = new Map<string, CounterSeries>();
  return {
    booked: (outcome) => (outcome === 'created' ? created : replayed).inc(),
    refused: (code) => {
      let series = byCode.get(code);
      if (!series) {
        series = refusals.child(code);
        byCode.set(code, series);
      }
      series.inc();
    },
    batch: (size, startedMs) => {
      sizes.observe(size);
      durations.observe((performance.now() - startedMs) / 1000);
    },
    retried: (reason) => retriedBy[reason].inc(),
  };
}
