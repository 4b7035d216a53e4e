import type { RetryReason } from '../../db/sql/execute.js';

/**
 * What the domains report, as small interfaces: the booking core, payments and the jobs never
 * import prom-client (ops/metrics implements these; the no-op ones stand in where nobody counts).
 */

/** The booking core's outcomes, counted once a request is decided (after any deferral). */
export interface BookingMetrics {
  booked(outcome: 'created' | 'replayed'): void;
  /** A refusal by its stable error code (a fixed set: never an id). */
  refused(code: string): void;
  /** One batch's size and its time in the database (performance.now() at its start). */
  batch(size: number, startedMs: number): void;
  /** A booking transaction run again: a deadlock (on Galera also a conflict with another node's commit). */
  retried(reason: RetryReason): void;
}

export type NotifyOutcome = 'applied' | 'rejected' | 'replayed' | 'unknown_channel' | 'failed';

/** The payment channels' notifies by outcome. */
export interface NotifyMetrics {
  notify(channel: string, outcome: NotifyOutcome): void;
}

/** Background jobs: each run counted, a failed one (it threw) counted again. */
export interface JobMetrics {
  /** Runs `work` as one run of `job`, rethrowing what it throws. */
  run<T>(job: string, work: () => Promise<T>): Promise<T>;
}

export const NO_BOOKING_METRICS: BookingMetrics = { booked() {}, refused() {}, batch() {}, retried() {} };
export const NO_NOTIFY_METRICS: NotifyMetrics = { notify() {} };
export const NO_JOB_METRICS: JobMetrics = { run: (_job, work) => work() };
