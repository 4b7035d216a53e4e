import path from 'node:path';
import { z } from 'zod';
import proxyaddr from 'proxy-addr';
import { REPO_ROOT } from './paths.js';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const int = (def: number, min = 0, max = Number.MAX_SAFE_INTEGER) =>
  z.coerce.number().int().min(min).max(max).default(def);
const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM');

/**
 * Every setting the BFF reads from the environment, with its default. Sandbox mode (the default
 * outside production) points every external service at the local emulators.
 */
export const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  /**
   * The one switch of the mode (read only by loadConfig): sandbox (emulators, `sandbox:<name>`
   * logins, demo data) or production. Unset: production when NODE_ENV=production, else sandbox,
   * and then only on a loopback HOST.
   */
  APP_MODE: z.enum(['sandbox', 'production']).optional(),
  HOST: z.string().default('127.0.0.1'),
  /**
   * The gateways whose X-Forwarded-For is believed (IPs or CIDRs, comma-separated, e.g.
   * `10.0.0.0/8,192.168.1.10`). Empty (the default): the client is the connection's peer.
   */
  TRUSTED_PROXIES: z
    .string()
    .default('')
    .transform((text, ctx) => {
      const list = text
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean);
      try {
        proxyaddr.compile(list);
      } catch (e) {
        ctx.addIssue({
          code: 'custom',
          message: `TRUSTED_PROXIES must be IP addresses or CIDRs: ${(e as Error).message}`,
        });
      }
      return list;
    }),
  PORT: int(3000, 0, 65535),
  WEB_CONCURRENCY: int(1, 1, 64),
  // On SIGTERM a worker keeps serving this long, closing each connection after its answer, so that
  // clients move to another worker between requests, never in the middle of one (docs/operations.md).
  SHUTDOWN_DRAIN_MS: int(2_000, 0, 60_000),
  // After the drain, answers still running get this long before their connections are cut.
  SHUTDOWN_TIMEOUT_MS: int(15_000, 100, 300_000),
  /**
   * The admin listener of GET /metrics (Prometheus text): unset, no metrics are served. It is never
   * the public PORT; with WEB_CONCURRENCY > 1 the primary serves it with every worker's figures.
   */
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /** Where the admin listener binds: this machine only unless asked (then METRICS_TOKEN is required). */
  METRICS_HOST: z.string().default('127.0.0.1'),
  /** When set, a scrape must send `Authorization: Bearer <token>`. */
  METRICS_TOKEN: z.string().min(16, 'METRICS_TOKEN must be at least 16 characters').optional(),
  /** /readyz reports a hospital as backlogged (status degraded, still 200) past this many undelivered events … */
  READY_HOSPITAL_BACKLOG: int(1000, 1),
  /** … or when its oldest undelivered event is older than this. */
  READY_HOSPITAL_LAG_SECONDS: int(900, 1),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

  DATA_DIR: z.string().default(path.join(REPO_ROOT, 'data')),
  DATABASE_URL: z
    .string()
    .regex(
      /^mysql:\/\//,
      'DATABASE_URL must be a mysql:// URL (MariaDB or MySQL); leave it unset for the embedded SQLite',
    )
    .optional(),
  /**
   * The standby servers of a MariaDB primary, comma-separated mysql:// URLs: when the primary is lost
   * the BFF moves to whichever of them has been promoted (takes writes), without a restart.
   */
  DATABASE_STANDBY_URLS: z
    .string()
    .optional()
    .transform((v) =>
      (v ?? '')
        .split(',')
        .map((u) => u.trim())
        .filter(Boolean),
    )
    .refine((urls) => urls.every((u) => u.startsWith('mysql://')), 'DATABASE_STANDBY_URLS must be mysql:// URLs'),
  DB_POOL_SIZE: int(32, 1, 2000),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'REDIS_URL must be a redis:// URL')
    .optional(),
  H5_DIR: z.string().default(path.join(REPO_ROOT, 'miniapp', 'dist', 'h5')),
  /** The staff console's build (console/dist), served at /console. */
  CONSOLE_DIR: z.string().default(path.join(REPO_ROOT, 'console', 'dist')),
  SEED_DEMO: bool.optional(),

  JWT_SECRET: z.string().min(32, 'JWT_SECRET must be at least 32 characters').optional(),
  TOKEN_TTL_MINUTES: int(7 * 24 * 60, 5),
  PII_KEY: z
    .string()
    .regex(/^[A-Za-z0-9+/]{43}=$/, 'PII_KEY must be 32 random bytes in base64')
    .optional(),
  /**
   * What new personal-data ciphertexts and blind indexes are written with: `aes-gcm` (AES-256-GCM,
   * HMAC-SHA256) or `sm4` (SM4-CTR + HMAC-SM3, HMAC-SM3: the 国密 configuration). Both are always
   * read; `npm run reencrypt` moves stored rows over (docs/operations.md).
   */
  PII_CIPHER: z.enum(['aes-gcm', 'sm4']).default('aes-gcm'),

  SANDBOX_PORT: int(3100, 0, 65535),
  /** Whether `main` starts the protocol emulators in sandbox mode (off when another process runs them). */
  SANDBOX_EMULATOR: bool.default(true),
  WECHAT_APPID: z.string().default('wxsandbox0000001'),
  WECHAT_SECRET: z.string().optional(),
  WECHAT_API_BASE: z.string().url().optional(),
  ALIPAY_APPID: z.string().default('2021000000000001'),
  ALIPAY_PRIVATE_KEY: z.string().optional(),
  ALIPAY_PUBLIC_KEY: z.string().optional(),
  ALIPAY_GATEWAY: z.string().url().optional(),
  /** Format of ALIPAY_PRIVATE_KEY; detected from its PEM header when unset. */
  ALIPAY_KEY_TYPE: z.enum(['PKCS1', 'PKCS8']).optional(),
  /** Take Alipay payments with the mini-program's app (JSAPI_PAY). On by default in sandbox mode only. */
  ALIPAY_PAY: bool.optional(),
  /**
   * The merchant's Alipay partner id (2088…): a paid notify naming
   * another seller books nothing. Required with ALIPAY_PAY in production.
   */
  ALIPAY_SELLER_ID: z
    .string()
    .regex(/^2088\d{12}$/, 'ALIPAY_SELLER_ID must be the partner id (2088 and 12 digits)')
    .optional(),
  /** Where the payment channels send their notifies: this BFF's public address (https in production). */
  PUBLIC_BASE_URL: z.string().url().optional(),
  WECHATPAY_MCHID: z
    .string()
    .regex(/^\d{8,12}$/, 'WECHATPAY_MCHID must be the 商户号 (digits)')
    .default('1900000109'),
  /** The merchant API private key (PEM) and its certificate serial number. */
  WECHATPAY_PRIVATE_KEY: z.string().optional(),
  WECHATPAY_SERIAL_NO: z
    .string()
    .regex(/^[0-9A-Fa-f]{16,64}$/, 'WECHATPAY_SERIAL_NO must be the certificate serial (hex)')
    .optional(),
  WECHATPAY_API_V3_KEY: z.string().length(32, 'WECHATPAY_API_V3_KEY must be the 32-character APIv3 key').optional(),
  /** 微信支付公钥 mode: the platform public key (PEM) and its id (PUB_KEY_ID_…). */
  WECHATPAY_PUBLIC_KEY: z.string().optional(),
  WECHATPAY_PUBLIC_KEY_ID: z
    .string()
    .regex(/^PUB_KEY_ID_\w+$/, 'WECHATPAY_PUBLIC_KEY_ID must look like PUB_KEY_ID_…')
    .optional(),
  WECHATPAY_API_BASE: z.string().url().optional(),
  BAIDU_CLIENT_ID: z.string().default('baidusandboxclient'),
  BAIDU_SK: z.string().optional(),
  BAIDU_API_BASE: z.string().url().optional(),
  /** Baidu's open API (access tokens, the cashier's paymentservice). */
  BAIDU_OPENAPI_BASE: z.string().url().optional(),
  /** Take payments on the Baidu cashier (百度收银台). On by default in sandbox mode only. */
  BAIDU_PAY: bool.optional(),
  /** The cashier's dealId and payment appKey (支付管理 → 支付设置). */
  BAIDU_PAY_DEAL_ID: z
    .string()
    .regex(/^\d{1,20}$/, 'BAIDU_PAY_DEAL_ID must be the dealId (digits)')
    .optional(),
  BAIDU_PAY_APP_KEY: z.string().min(1).optional(),
  /** Our RSA private key (PEM; its public half is registered as 开发者公钥) and Baidu's 平台公钥 (PEM). */
  BAIDU_PAY_PRIVATE_KEY: z.string().optional(),
  BAIDU_PAY_PUBLIC_KEY: z.string().optional(),
  SMS_ENDPOINT: z.string().url().optional(),
  SMS_ACCESS_KEY_ID: z.string().default('LTAIsandbox'),
  SMS_ACCESS_KEY_SECRET: z.string().optional(),
  SMS_SIGN_NAME: z.string().default('预约挂号平台'),
  SMS_TEMPLATE_CODE: z.string().default('SMS_000001'),
  IDV_ENDPOINT: z.string().url().optional(),
  IDV_ACCESS_KEY_ID: z.string().default('LTAIsandbox'),
  IDV_ACCESS_KEY_SECRET: z.string().optional(),
  /** The entry-exit check of the documents other than the ID card (聚美智数 出入境证件核验). */
  IDV_DOCUMENT_ENDPOINT: z.string().url().optional(),
  IDV_DOCUMENT_APP_ID: z.string().optional(),
  IDV_DOCUMENT_APP_SECRET: z.string().optional(),

  BOOKING_MAX_PER_WINDOW: int(10, 1),
  BOOKING_WINDOW_DAYS: int(8, 1),
  PAYMENT_WINDOW_MINUTES: int(15, 1, 24 * 60),
  CANCEL_DEADLINE_DAYS_BEFORE: int(1, 0, 30),
  CANCEL_DEADLINE_TIME: timeOfDay.default('15:00'),
  BOOKING_CLOSES_MINUTES_BEFORE_END: int(60, 0, 24 * 60),
  NOSHOW_THRESHOLD: int(3, 1),
  NOSHOW_WINDOW_DAYS: int(30, 1),
  BLACKLIST_DAYS: int(90, 1),
  WAITLIST_MAX_PER_PERSON: int(3, 1, 20),
  WAITLIST_CLOSE_DAYS_BEFORE: int(1, 0, 30),
  WAITLIST_CLOSE_TIME: timeOfDay.default('20:00'),
  /** Residents carry an ID card from 16: younger children are added through the guardian's verified card. */
  CHILD_MAX_AGE: int(16, 1, 18),
  /**
   * Fair release (docs/fair-release.md): booking requests for a session arriving within this many ms
   * after its release time are drawn in a random order when the window closes. 0 (the default): off.
   */
  FAIR_RELEASE_WINDOW_MS: int(0, 0, 30_000),
  /** The session types the draw applies to (comma-separated: general, expert, special); empty: every type. */
  FAIR_RELEASE_TYPES: z
    .string()
    .default('')
    .transform((text) =>
      text
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(['general', 'expert', 'special']))),
  /** How long a request in the draw waits for its answer before it is told 已登记 (after the window). */
  FAIR_RELEASE_MAX_WAIT_MS: int(10_000, 1_000, 120_000),
  RATE_LIMIT_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:_-]{1,40}$/)
    .default('cityhealth'),
  RATE_SMS_PER_PHONE_HOUR: int(5, 1),
  RATE_SMS_PER_IP_HOUR: int(30, 1),
  RATE_LOGIN_PER_IP_MINUTE: int(60, 1),
  RATE_STAFF_LOGIN_PER_IP_MINUTE: int(20, 1),
  RATE_VERIFY_PER_ACCOUNT_DAY: int(10, 1),
  RATE_BOOKING_PER_ACCOUNT_MINUTE: int(30, 1),
  /** Booking attempts from one client address, across every account behind it. */
  RATE_BOOKING_PER_IP_MINUTE: int(60, 1),
  /**
   * Catalogue and schedule reads (hospital list and page,
   * districts, a department's days, a session) per client address.
   */
  RATE_READ_PER_IP_MINUTE: int(600, 1),
  /** The same reads per session token, whatever address they come from. */
  RATE_READ_PER_SESSION_MINUTE: int(300, 1),
  RATE_SEARCH_PER_IP_MINUTE: int(120, 1),
  /** How often each process adds its counts of busy clients to the shared ones in Redis. */
  RATE_SYNC_MS: int(250, 10, 10_000),

  /** The visit reminder goes out at this Asia/Shanghai time on the evening before the visit. */
  NOTICE_REMINDER_TIME: timeOfDay.default('20:00'),
  /** "Payment about to expire" goes out this long before an unpaid booking's deadline. */
  NOTICE_EXPIRY_LEAD_MINUTES: int(5, 1, 24 * 60),
  /** Sends of one notice before it is given up as failed (back-off doubles from 10 s up to 30 min). */
  NOTICE_MAX_ATTEMPTS: int(12, 1, 100),
  /** Template codes by notice kind, JSON (e.g. {"paid":"SMS_123"}); unset kinds keep the defaults. */
  NOTICE_SMS_TEMPLATES: z.string().optional(),
  /** WeChat subscription template ids by template name (booking, reminder, change), JSON. */
  NOTICE_WECHAT_TEMPLATES: z.string().optional(),
  /** Alipay template message ids by the same names, JSON. */
  NOTICE_ALIPAY_TEMPLATES: z.string().optional(),
  /** Baidu template message ids by the same names, JSON. */
  NOTICE_BAIDU_TEMPLATES: z.string().optional(),
  /** miniprogram_state of subscription messages: which version a tap opens. */
  NOTICE_WECHAT_STATE: z.enum(['developer', 'trial', 'formal']).default('formal'),

  BOOKING_BATCH_MAX: int(256, 1, 2000),
  BOOKING_LANES: int(2, 1, 64),
  /** A hospital's system answering a push slower than this counts as down (retried with back-off). */
  HOSPITAL_PUSH_TIMEOUT_MS: int(5000, 100, 60_000),
  /** Reports and imaging: how long a patient waits for one hospital's FHIR or DICOMweb answer. */
  RECORDS_TIMEOUT_MS: int(4000, 100, 30_000),
  /** After this many failed calls in a row a hospital's records are not asked for RECORDS_BREAKER_HALF_OPEN_MS. */
  RECORDS_BREAKER_FAILURES: int(5, 1, 1000),
  RECORDS_BREAKER_HALF_OPEN_MS: int(30_000, 50, 3_600_000),
  /** What was read from a hospital is kept this long, encrypted, in the process (0: not at all). */
  RECORDS_CACHE_TTL_MS: int(60_000, 0, 600_000),
  RECORDS_CACHE_MB: int(64, 1, 4096),
  /** How long the image urls of a study answer stay valid. */
  IMAGE_LINK_TTL_MINUTES: int(30, 1, 24 * 60),
  /** A console session ends after this long without a request (等保: an idle session must not stay open). */
  STAFF_IDLE_MINUTES: int(30, 1, 24 * 60),
  /** …and after this long in any case. */
  STAFF_SESSION_HOURS: int(12, 1, 72),
  /** Failed logins in a row that lock an account, and for how long. */
  STAFF_LOCKOUT_FAILURES: int(5, 1, 100),
  STAFF_LOCKOUT_MINUTES: int(15, 1, 24 * 60),
});

export type Env = z.infer<typeof EnvSchema>;
