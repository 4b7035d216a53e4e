import type { Redis } from 'ioredis';
import type { Database } from '../db/database.js';
import { readDeliveryBacklog, type HospitalBacklog } from '../outbox/delivery-backlog.js';
import type { Clock } from '../shared/clock.js';

export interface ReadinessThresholds {
  /** A hospital with more undelivered events than this is backlogged … */
  backlogEvents: number;
  /** … and so is one whose oldest undelivered event is older than this. */
  lagSeconds: number;
}

export interface ReadinessReport {
  status: 'ready' | 'degraded' | 'unavailable';
  /** Each dependency: true when it answers (redis only when REDIS_URL is set). */
  checks: { database: boolean; redis?: boolean; deliveries?: boolean };
  /** The dependencies that do not answer: the process cannot serve without them. */
  down: ('database' | 'redis')[];
  /** Hospitals whose systems take their events too slowly; the platform books on regardless. */
  backlogged: HospitalBacklog[];
}

const PING_TIMEOUT_MS = 1500;
/** The backlog is read at most this often however often a load balancer asks. */
const BACKLOG_TTL_MS = 5000;

/** True when `work` settles truthy within the timeout; never throws (no error leaves this module). */
async function answers(work: () => Promise<unknown>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), PING_TIMEOUT_MS);
  });
  try {
    return Boolean(await Promise.race([work(), timeout]));
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Readiness for a load balancer: unavailable (503) when the database or Redis does not answer;
 * degraded (still 200) when a hospital's deliveries lag, because one slow hospital system must
 * not take the whole booking platform out of service. Names only what is down: no address, no
 * error text.
 */
export class Readiness {
  private backlog: { at: number; value: HospitalBacklog[] | null } | null = null;

  constructor(
    private readonly d: { db: Database; redis: Redis | null; clock: Clock; thresholds: ReadinessThresholds },
  ) {}

  async check(): Promise<ReadinessReport> {
    const { db, redis } = this.d;
    const [database, redisUp] = await Promise.all([
      answers(() => db.ping()),
      redis ? answers(async () => (await redis.ping()) === 'PONG') : Promise.resolve(undefined),
    ]);
    const down: ReadinessReport['down'] = [];
    if (!database) down.push('database');
    if (redisUp === false) down.push('redis');
    const backlog = database ? await this.readBacklog() : null;
    const backlogged = (backlog ?? []).filter(
      (h) => h.pending > this.d.thresholds.backlogEvents || h.lagSeconds > this.d.thresholds.lagSeconds,
    );
    const checks: ReadinessReport['checks'] = { database };
    if (redisUp !== undefined) checks.redis = redisUp;
    if (backlog) checks.deliveries = backlogged.length === 0;
    const status = down.length ? 'unavailable' : backlogged.length ? 'degraded' : 'ready';
    return { status, checks, down, backlogged };
  }

  private async readBacklog(): Promise<HospitalBacklog[] | null> {
    const now = this.d.clock.now();
    if (this.backlog && now - this.backlog.at < BACKLOG_TTL_MS) return this.backlog.value;
    const value = await readDeliveryBacklog(this.d.db, now).then(
      (b) => b.hospitals,
      () => null,
    );
    this.backlog = { at: now, value };
    return value;
  }
}
