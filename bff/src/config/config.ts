import path from 'node:path';
import crypto from 'node:crypto';
import { EnvSchema, type Env } from './env.js';
import type { PiiCipher } from '../identity/pii.js';
import { sandboxFile } from './sandbox-files.js';
import { noticeSettings, type NoticeSettings } from '../notify/notice-settings.js';
import { BAIDU_PAY_SECRETS, resolveProviders, WECHATPAY_SECRETS, type ProviderConfig } from './providers.js';

export interface BookingRules {
  maxPerWindow: number;
  windowDays: number;
  paymentWindowMs: number;
  cancelDeadlineDaysBefore: number;
  cancelDeadlineTime: string;
  bookingClosesBeforeEndMs: number;
  noShowThreshold: number;
  noShowWindowDays: number;
  blacklistDays: number;
  /**
   * 候补: at most this many waitlists per person at a time, each closing `waitlistCloseDaysBefore`
   * days before the visit at `waitlistCloseTime`.
   */
  waitlistMaxPerPerson: number;
  waitlistCloseDaysBefore: number;
  waitlistCloseTime: string;
  /** A child is added without a document, through the guardian, while younger than this (years). */
  childMaxAge: number;
}

/** The release draw (公平放号): off when `windowMs` is 0. */
export interface FairReleaseSettings {
  windowMs: number;
  /** Session types drawn; empty: every type. */
  types: string[];
  maxWaitMs: number;
}

export interface ExternalEndpoints {
  wechatApiBase: string;
  alipayGateway: string;
  baiduApiBase: string;
  baiduOpenApiBase: string;
  smsEndpoint: string;
  idvEndpoint: string;
  /** The entry-exit check's full address (its path is the product's). */
  idvDocumentEndpoint: string;
  wechatPayApiBase: string;
}

export interface Config {
  env: Env;
  mode: 'sandbox' | 'production';
  sandbox: boolean;
  /** IPs / CIDRs of the gateways whose X-Forwarded-For names the client; empty: nobody's. */
  trustedProxies: string[];
  database: { kind: 'sqlite'; file: string } | { kind: 'mysql'; url: string; poolSize: number; standbyUrls?: string[] };
  jwtSecret: Uint8Array;
  piiKey: Buffer;
  piiCipher: PiiCipher;
  rules: BookingRules;
  fairRelease: FairReleaseSettings;
  endpoints: ExternalEndpoints;
  providers: ProviderConfig;
  /** Where the payment channels send notifies (…/api/v1/payments/notify/<channel>). */
  publicBaseUrl: string;
  /** Alipay payments through the mini-program's app (its keys are the login's). */
  alipayPay: boolean;
  seedDemo: boolean;
  /** Patient notifications: templates per channel, the reminder time, the expiry lead. */
  notices: NoticeSettings;
}

export class ConfigError extends Error {}

const PRODUCTION_ENDPOINTS: ExternalEndpoints = {
  wechatApiBase: 'https://api.weixin.qq.com',
  alipayGateway: 'https://openapi.alipay.com/gateway.do',
  baiduApiBase: 'https://spapi.baidu.com',
  baiduOpenApiBase: 'https://openapi.baidu.com',
  smsEndpoint: 'https://dysmsapi.aliyuncs.com',
  idvEndpoint: 'https://cloudauth.aliyuncs.com',
  idvDocumentEndpoint: 'https://api.jumdata.com/entry-exit/check',
  wechatPayApiBase: 'https://api.mch.weixin.qq.com',
};

export function sandboxEndpoints(port: number): ExternalEndpoints {
  const base = `http://127.0.0.1:${port}`;
  return {
    wechatApiBase: `${base}/wechat`,
    alipayGateway: `${base}/alipay/gateway.do`,
    baiduApiBase: `${base}/baidu`,
    baiduOpenApiBase: `${base}/baidu`,
    smsEndpoint: `${base}/aliyun-sms`,
    idvEndpoint: `${base}/aliyun-idv`,
    idvDocumentEndpoint: `${base}/jumdata/entry-exit/check`,
    wechatPayApiBase: `${base}/wechatpay`,
  };
}

function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host.startsWith('127.') || host === '[::1]' || host === '::1';
}

function isLoopback(url: string): boolean {
  return isLoopbackHost(new URL(url).hostname);
}

/** A secret that sandbox processes share: generated once into the data folder. */
export function sandboxSecret(dataDir: string, name: string, bytes: number): Buffer {
  return Buffer.from(sandboxFile(dataDir, name, () => crypto.randomBytes(bytes).toString('base64')).trim(), 'base64');
}

/** Reads and validates the environment; throws ConfigError with every problem listed. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const env = parsed.data;
  const mode = env.APP_MODE ?? (env.NODE_ENV === 'production' ? 'production' : 'sandbox');
  const sandbox = mode === 'sandbox';
  const problems: string[] = [];
  // Sandbox logins make anyone anyone: by default they are only reachable from this machine.
  if (sandbox && !env.APP_MODE && !isLoopbackHost(env.HOST)) {
    problems.push(
      [
        `HOST: ${env.HOST} is not a loopback address, and sandbox mode (sandbox:<name> logins, emulators) was not`,
        'asked for; set APP_MODE=production, or APP_MODE=sandbox to expose a sandbox on purpose',
      ].join(' '),
    );
  }

  if (env.METRICS_PORT !== undefined && !isLoopbackHost(env.METRICS_HOST) && !env.METRICS_TOKEN)
    problems.push(`METRICS_HOST: ${env.METRICS_HOST} is reachable from other machines; set METRICS_TOKEN too`);

  const defaults = sandbox ? sandboxEndpoints(env.SANDBOX_PORT) : PRODUCTION_ENDPOINTS;
  const endpoints: ExternalEndpoints = {
    wechatApiBase: env.WECHAT_API_BASE ?? defaults.wechatApiBase,
    alipayGateway: env.ALIPAY_GATEWAY ?? defaults.alipayGateway,
    baiduApiBase: env.BAIDU_API_BASE ?? defaults.baiduApiBase,
    baiduOpenApiBase: env.BAIDU_OPENAPI_BASE ?? defaults.baiduOpenApiBase,
    smsEndpoint: env.SMS_ENDPOINT ?? defaults.smsEndpoint,
    idvEndpoint: env.IDV_ENDPOINT ?? defaults.idvEndpoint,
    idvDocumentEndpoint: env.IDV_DOCUMENT_ENDPOINT ?? defaults.idvDocumentEndpoint,
    wechatPayApiBase: env.WECHATPAY_API_BASE ?? defaults.wechatPayApiBase,
  };

  if (!sandbox) {
    for (const [name, url] of Object.entries(endpoints)) {
      if (isLoopback(url) || !url.startsWith('https://')) {
        problems.push(`${name}: production endpoints must be https and not an emulator (got ${url})`);
      }
    }
    const required: (keyof Env)[] = [
      'JWT_SECRET',
      'PII_KEY',
      'DATABASE_URL',
      'WECHAT_SECRET',
      'ALIPAY_PRIVATE_KEY',
      'ALIPAY_PUBLIC_KEY',
      'BAIDU_SK',
      'SMS_ACCESS_KEY_SECRET',
      'IDV_ACCESS_KEY_SECRET',
      'IDV_DOCUMENT_APP_ID',
      'IDV_DOCUMENT_APP_SECRET',
    ];
    for (const key of required) if (!env[key]) problems.push(`${key}: required in production`);
    if (env.SEED_DEMO) problems.push('SEED_DEMO: demo data is never seeded in production');
    const wechatPaySet = WECHATPAY_SECRETS.filter((k) => env[k]);
    if (wechatPaySet.length && wechatPaySet.length < WECHATPAY_SECRETS.length) {
      problems.push(`WeChat Pay is half configured: also set ${WECHATPAY_SECRETS.filter((k) => !env[k]).join(', ')}`);
    }
    if (env.BAIDU_PAY) {
      const missing = BAIDU_PAY_SECRETS.filter((k) => !env[k]);
      if (missing.length) problems.push(`BAIDU_PAY: the Baidu cashier also needs ${missing.join(', ')}`);
    }
    if (env.ALIPAY_PAY && !env.ALIPAY_SELLER_ID)
      problems.push("ALIPAY_SELLER_ID: Alipay payments are checked against the merchant's partner id");
    if ((wechatPaySet.length || env.ALIPAY_PAY || env.BAIDU_PAY) && !env.PUBLIC_BASE_URL?.startsWith('https://'))
      problems.push("PUBLIC_BASE_URL: payment notifies need this BFF's public https address");
  }
  if (problems.length) throw new ConfigError(`Invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);

  const jwtSecret = env.JWT_SECRET ? Buffer.from(env.JWT_SECRET, 'utf8') : sandboxSecret(env.DATA_DIR, 'jwt', 48);
  const piiKey = env.PII_KEY ? Buffer.from(env.PII_KEY, 'base64') : sandboxSecret(env.DATA_DIR, 'pii', 32);

  return {
    env,
    mode,
    sandbox,
    trustedProxies: env.TRUSTED_PROXIES,
    database: env.DATABASE_URL
      ? { kind: 'mysql', url: env.DATABASE_URL, poolSize: env.DB_POOL_SIZE, standbyUrls: env.DATABASE_STANDBY_URLS }
      : { kind: 'sqlite', file: path.join(env.DATA_DIR, 'platform.sqlite') },
    jwtSecret: new Uint8Array(jwtSecret),
    piiKey,
    piiCipher: env.PII_CIPHER,
    endpoints,
    providers: resolveProviders(env, sandbox),
    publicBaseUrl: (env.PUBLIC_BASE_URL ?? `http://${env.HOST}:${env.PORT}`).replace(/\/+$/, ''),
    alipayPay: env.ALIPAY_PAY ?? sandbox,
    seedDemo: sandbox && (env.SEED_DEMO ?? true),
    notices: noticeSettings(env),
    fairRelease: {
      windowMs: env.FAIR_RELEASE_WINDOW_MS,
      types: env.FAIR_RELEASE_TYPES,
      maxWaitMs: env.FAIR_RELEASE_MAX_WAIT_MS,
    },
    rules: {
      maxPerWindow: env.BOOKING_MAX_PER_WINDOW,
      windowDays: env.BOOKING_WINDOW_DAYS,
      paymentWindowMs: env.PAYMENT_WINDOW_MINUTES * 60_000,
      cancelDeadlineDaysBefore: env.CANCEL_DEADLINE_DAYS_BEFORE,
      cancelDeadlineTime: env.CANCEL_DEADLINE_TIME,
      bookingClosesBeforeEndMs: env.BOOKING_CLOSES_MINUTES_BEFORE_END * 60_000,
      noShowThreshold: env.NOSHOW_THRESHOLD,
      noShowWindowDays: env.NOSHOW_WINDOW_DAYS,
      blacklistDays: env.BLACKLIST_DAYS,
      waitlistMaxPerPerson: env.WAITLIST_MAX_PER_PERSON,
      waitlistCloseDaysBefore: env.WAITLIST_CLOSE_DAYS_BEFORE,
      waitlistCloseTime: env.WAITLIST_CLOSE_TIME,
      childMaxAge: env.CHILD_MAX_AGE,
    },
  };
}
