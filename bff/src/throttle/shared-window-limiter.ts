import type { Redis } from 'ioredis';
import type { Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';

export interface WindowLimit {
  /** Part of the Redis key: one counter family per limit. */
  name: string;
  points: number;
  windowMs: number;
}

interface Count {
  /** Hits here not yet added to the shared counter. */
  pending: number;
  /** The shared counter as Redis last answered it (every process's hits, ours included). */
  shared: number;
}

export type Verdict = { ok: true } | { ok: false; retryAfterSeconds: number };

/**
 * A fixed-window limit counted in this process and shared through Redis without a round trip per
 * request: hits are counted locally, and every `syncMs` the keys that have come anywhere near the
 * limit (a quarter of it, here) add their new hits to one Redis counter per key and window and
 * read back everyone's total. A key is refused when the shared total plus its local hits since
 * reach the limit. A patient's few reads never leave the process; a scanner is seen by every
 * process within one sync. Without Redis the count is this process's alone.
 */
export class SharedWindowLimiter {
  private window = -1;
  private counts = new Map<string, Count>();
  /** The keys of this window that have come near the limit: the only ones a sync visits. */
  private busy = new Map<string, Count>();
  private readonly syncFrom: number;
  private timer?: NodeJS.Timeout;
  private syncing = false;

  constructor(
    readonly limit: WindowLimit,
    private readonly o: {
      redis: Redis | null;
      prefix: string;
      clock: Clock;
      logger: Logger;
      syncMs: number;
      maxKeys?: number;
    },
  ) {
    this.syncFrom = Math.max(1, Math.floor(limit.points / 4));
    if (o.redis) {
      this.timer = setInterval(() => void this.sync(), o.syncMs);
      this.timer.unref();
    }
  }

  /** Counts one hit of `key` and says whether it is within the limit. */
  hit(key: string): Verdict {
    const now = this.o.clock.now();
    const window = Math.floor(now / this.limit.windowMs);
    if (window !== this.window) {
      this.window = window;
      this.counts = new Map();
      this.busy = new Map();
    }
    let c = this.counts.get(key);
    if (!c) {
      // A flood of distinct keys (one per spoofed client) must not grow the map without end.
      if (this.counts.size >= (this.o.maxKeys ?? 500_000)) {
        this.counts = new Map();
        this.busy = new Map();
      }
      c = { pending: 0, shared: 0 };
      this.counts.set(key, c);
    }
    if (c.shared + c.pending >= this.limit.points) {
      return {
        ok: false,
        retryAfterSeconds: Math.max(1, Math.ceil(((window + 1) * this.limit.windowMs - now) / 1000)),
      };
    }
    c.pending++;
    if (c.pending + c.shared === this.syncFrom) this.busy.set(key, c);
    return { ok: true };
  }

  /** Adds the pending hits of the keys near their limit to Redis and reads back the totals. */
  async sync(): Promise<void> {
    const redis = this.o.redis;
    if (!redis || this.syncing) return;
    const window = this.window;
    const batch: [string, Count, number][] = [];
    // Busy keys are read back even with nothing new here: the other processes may have added to them.
    for (const [key, c] of this.busy) batch.push([key, c, c.pending]);
    if (!batch.length) return;
    this.syncing = true;
    try {
      const pipeline = redis.pipeline();
      for (const [key, , n] of batch) {
        const redisKey = `${this.o.prefix}:sw:${this.limit.name}:${window}:${key}`;
        pipeline.incrby(redisKey, n).pexpire(redisKey, this.limit.windowMs * 2);
      }
      const results = (await pipeline.exec()) ?? [];
      if (window !== this.window) return;
      batch.forEach(([, c, n], i) => {
        const [err, total] = results[i * 2] ?? [null, null];
        if (err || total === null) return;
        c.pending -= n;
        c.shared = Number(total);
      });
    } catch (err) {
      // Redis away: each process goes on with its own count until it is back.
      this.o.logger.warn({ err: (err as Error).message, limit: this.limit.name }, 'rate-limit sync failed');
    } finally {
      this.syncing = false;
    }
  }

  close(): void {
    clearInterval(this.timer);
  }
}
