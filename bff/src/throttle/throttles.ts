import type { Redis } from 'ioredis';
import type { Operation } from '@cityhealth/shared-types';
import type { Config } from '../config/config.js';
import { AppError } from '../shared/errors.js';
import type { Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';
import { SharedWindowLimiter } from './shared-window-limiter.js';

const MINUTE = 60_000;

/**
 * What the contract's operation is to a scanner: the catalogue and schedules it pages through, or the search it drives.
 */
export function scanKindOf(op: Pick<Operation, 'tag' | 'path'>): 'search' | 'read' | null {
  if (op.path === '/api/v1/search') return 'search';
  return op.tag === 'catalog' || op.tag === 'schedules' ? 'read' : null;
}

/** The session a request carries, without verifying it: its signature, so a forged token only limits itself. */
const sessionKey = (authorization: string | undefined): string | null => {
  if (!authorization?.startsWith('Bearer ') || authorization.length < 40) return null;
  return authorization.slice(-43);
};

/**
 * The throttles against scalpers' scanning and multi-account booking (防刷): per client address
 * (and per session when one is presented) on catalogue, schedule and search reads, and per client
 * address on booking attempts across accounts. Counted in-process and shared through Redis when
 * REDIS_URL is set (SharedWindowLimiter), so the read path pays no round trip per request.
 */
export class Throttles {
  private readonly readPerIp: SharedWindowLimiter;
  private readonly readPerSession: SharedWindowLimiter;
  private readonly searchPerIp: SharedWindowLimiter;
  private readonly bookingPerIp: SharedWindowLimiter;

  /**
   * `redis`: the process's shared client (REDIS_URL), owned and
   * closed by the services; null counts in this process alone.
   */
  constructor(config: Config, clock: Clock, logger: Logger, redis: Redis | null) {
    const env = config.env;
    const o = { redis, prefix: env.RATE_LIMIT_PREFIX, clock, logger, syncMs: env.RATE_SYNC_MS };
    this.readPerIp = new SharedWindowLimiter(
      { name: 'readPerIp', points: env.RATE_READ_PER_IP_MINUTE, windowMs: MINUTE },
      o,
    );
    this.readPerSession = new SharedWindowLimiter(
      { name: 'readPerSession', points: env.RATE_READ_PER_SESSION_MINUTE, windowMs: MINUTE },
      o,
    );
    this.searchPerIp = new SharedWindowLimiter(
      { name: 'searchPerIp', points: env.RATE_SEARCH_PER_IP_MINUTE, windowMs: MINUTE },
      o,
    );
    this.bookingPerIp = new SharedWindowLimiter(
      { name: 'bookingPerIp', points: env.RATE_BOOKING_PER_IP_MINUTE, windowMs: MINUTE },
      o,
    );
  }

  /** A catalogue, schedule or search read; null when allowed, else the refusal to answer with. */
  scan(kind: 'search' | 'read', ip: string, authorization: string | undefined): AppError | null {
    const byIp = (kind === 'search' ? this.searchPerIp : this.readPerIp).hit(ip);
    if (!byIp.ok) return refusal('访问过于频繁', byIp.retryAfterSeconds);
    const session = sessionKey(authorization);
    if (session === null) return null;
    const bySession = this.readPerSession.hit(session);
    return bySession.ok ? null : refusal('访问过于频繁', bySession.retryAfterSeconds);
  }

  /** A booking attempt from `ip`, whichever account it comes from. Throws RATE_LIMITED when spent. */
  booking(ip: string): void {
    const v = this.bookingPerIp.hit(ip);
    if (!v.ok) throw refusal('当前网络预约操作过于频繁', v.retryAfterSeconds);
  }

  close(): void {
    for (const l of [this.readPerIp, this.readPerSession, this.searchPerIp, this.bookingPerIp]) l.close();
  }
}

function refusal(what: string, seconds: number): AppError {
  return new AppError('RATE_LIMITED', `${what}，请 ${seconds} 秒后再试`, { retryAfterSeconds: seconds });
}
