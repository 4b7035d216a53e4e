import type { Database } from '../../db/database.js';
import type { Clock } from '../../shared/clock.js';
import type { Logger } from '../../shared/logger.js';
import { addServiceMinutes, MINUTE_MS, type MinuteCount } from './service-minutes.js';

/** Minutes kept while the database cannot take them (a day), so an outage is still recorded afterwards. */
const MAX_PENDING = 1_440;

export interface AnsweredTotals {
  requests: number;
  serverErrors: number;
}

/**
 * Writes this process's answers once a minute into service_minute: a minute no process wrote is
 * one the platform was not serving. Reads the HTTP metrics' running totals, so the request path
 * pays nothing for it. What the database refuses is kept and added on a later minute.
 */
export class ServiceMinuteRecorder {
  private timer?: NodeJS.Timeout;
  private last: AnsweredTotals;
  private minute: number;
  private readonly pending = new Map<number, MinuteCount>();
  private flushing: Promise<void> = Promise.resolve();

  constructor(private readonly o: { db: Database; clock: Clock; logger: Logger; totals: () => AnsweredTotals }) {
    this.last = o.totals();
    this.minute = minuteOf(o.clock.now());
  }

  start(): void {
    if (this.timer) return;
    const schedule = () => {
      const wait = MINUTE_MS - (this.o.clock.now() % MINUTE_MS) + 1_000;
      this.timer = setTimeout(() => {
        void this.recordAndFlush().finally(() => this.timer && schedule());
      }, wait);
      this.timer.unref();
    };
    schedule();
  }

  /** Stops the timer and writes what this process answered up to now (the current minute too). */
  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.recordAndFlush(true);
  }

  /**
   * Counts what was answered since the last call into the minutes that ended meanwhile (each is a
   * minute this process was up; the answers go to the last of them), and the current one when
   * `partial`; then writes the pending minutes.
   */
  async recordAndFlush(partial = false): Promise<void> {
    const now = minuteOf(this.o.clock.now());
    const upTo = partial ? now + MINUTE_MS : now;
    if (upTo > this.minute) {
      const totals = this.o.totals();
      // totals that went down were reset: all of them are new
      const requests = totals.requests >= this.last.requests ? totals.requests - this.last.requests : totals.requests;
      const errors =
        totals.serverErrors >= this.last.serverErrors
          ? totals.serverErrors - this.last.serverErrors
          : totals.serverErrors;
      this.last = totals;
      for (let m = this.minute; m < upTo; m += MINUTE_MS) {
        const isLast = m + MINUTE_MS >= upTo;
        this.add({ minuteStart: m, requests: isLast ? requests : 0, serverErrors: isLast ? errors : 0 });
      }
      this.minute = upTo;
    }
    this.flushing = this.flushing.then(() => this.flush());
    await this.flushing;
  }

  private add(count: MinuteCount): void {
    const seen = this.pending.get(count.minuteStart);
    if (seen) {
      seen.requests += count.requests;
      seen.serverErrors += count.serverErrors;
    } else this.pending.set(count.minuteStart, count);
    // the oldest go first: losing them shows as an outage, never as service
    if (this.pending.size > MAX_PENDING) this.pending.delete(Math.min(...this.pending.keys()));
  }

  private async flush(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = [...this.pending.values()];
    this.pending.clear();
    try {
      await addServiceMinutes(this.o.db, batch);
    } catch (err) {
      for (const c of batch) this.add(c);
      this.o.logger.warn({ err, minutes: batch.length }, 'service minutes not written; kept for the next minute');
    }
  }
}

const minuteOf = (ms: number) => ms - (ms % MINUTE_MS);
