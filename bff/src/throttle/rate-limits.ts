import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { ErrorCode } from '@cityhealth/shared-types';
import type { Config } from '../config/config.js';
import { AppError } from '../shared/errors.js';

export type LimitName =
  | 'smsPerPhone'
  | 'smsPerIp'
  | 'loginPerIp'
  | 'staffLoginPerIp'
  | 'verifyPerAccount'
  | 'bookingPerAccount';

interface LimitSpec {
  points: number;
  duration: number;
  code: ErrorCode;
  message: (seconds: number) => string;
}

const waitText = (s: number): string =>
  s >= 3600 ? `${Math.ceil(s / 3600)} 小时` : s >= 60 ? `${Math.ceil(s / 60)} 分钟` : `${s} 秒`;

/**
 * Throttles against bots and abuse (防刷). Counters live in Redis when REDIS_URL is set (shared by
 * every BFF process; the memory limiter insures against a Redis outage), in memory otherwise.
 */
export class RateLimits {
  private readonly limiters = new Map<LimitName, { limiter: RateLimiterAbstract; spec: LimitSpec }>();
  /**
   * `redis`: the process's shared client (REDIS_URL), owned and
   * closed by the services; null keeps the counts in memory.
   */
  constructor(
    config: Config,
    private readonly redis: Redis | null,
  ) {
    const env = config.env;
    const specs: Record<LimitName, LimitSpec> = {
      smsPerPhone: {
        points: env.RATE_SMS_PER_PHONE_HOUR,
        duration: 3600,
        code: 'SMS_TOO_FREQUENT',
        message: (s) => `该手机号获取验证码次数过多，请 ${waitText(s)}后再试`,
      },
      smsPerIp: {
        points: env.RATE_SMS_PER_IP_HOUR,
        duration: 3600,
        code: 'RATE_LIMITED',
        message: (s) => `获取验证码过于频繁，请 ${waitText(s)}后再试`,
      },
      loginPerIp: {
        points: env.RATE_LOGIN_PER_IP_MINUTE,
        duration: 60,
        code: 'RATE_LIMITED',
        message: (s) => `登录尝试过于频繁，请 ${waitText(s)}后再试`,
      },
      // Console sign-ins from one address: the lock-out guards each account, this the trying of many names.
      staffLoginPerIp: {
        points: env.RATE_STAFF_LOGIN_PER_IP_MINUTE,
        duration: 60,
        code: 'RATE_LIMITED',
        message: (s) => `登录尝试过于频繁，请 ${waitText(s)}后再试`,
      },
      verifyPerAccount: {
        points: env.RATE_VERIFY_PER_ACCOUNT_DAY,
        duration: 86_400,
        code: 'RATE_LIMITED',
        message: (s) => `实名认证尝试次数过多，请 ${waitText(s)}后再试`,
      },
      // anti-bot: a person books a few times a week; a script fires many attempts a minute
      bookingPerAccount: {
        points: env.RATE_BOOKING_PER_ACCOUNT_MINUTE,
        duration: 60,
        code: 'RATE_LIMITED',
        message: (s) => `预约操作过于频繁，请 ${waitText(s)}后再试`,
      },
    };
    for (const [name, spec] of Object.entries(specs) as [LimitName, LimitSpec][]) {
      const opts = { keyPrefix: `${env.RATE_LIMIT_PREFIX}:rl:${name}`, points: spec.points, duration: spec.duration };
      const memory = new RateLimiterMemory(opts);
      const limiter = this.redis
        ? new RateLimiterRedis({ ...opts, storeClient: this.redis, insuranceLimiter: memory })
        : memory;
      this.limiters.set(name, { limiter, spec });
    }
  }

  /** Takes one point for `key`; RATE_LIMITED / SMS_TOO_FREQUENT (with retryAfterSeconds) when spent. */
  async consume(name: LimitName, key: string): Promise<void> {
    const { limiter, spec } = this.limiters.get(name)!;
    try {
      await limiter.consume(key);
    } catch (e) {
      if (e instanceof RateLimiterRes) {
        const seconds = Math.max(1, Math.ceil(e.msBeforeNext / 1000));
        throw new AppError(spec.code, spec.message(seconds), { retryAfterSeconds: seconds });
      }
      throw e;
    }
  }

  /** Gives a point back (e.g. when the throttled action did not happen after all). */
  async refund(name: LimitName, key: string): Promise<void> {
    await this.limiters
      .get(name)!
      .limiter.reward(key)
      .catch(() => undefined);
  }
}
