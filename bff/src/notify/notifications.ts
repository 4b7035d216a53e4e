import { Cron } from 'croner';
import type { EntityManager } from 'typeorm';
import type { Config } from '../config/config.js';
import type { Database } from '../db/database.js';
import type { Pii } from '../identity/pii.js';
import { AliyunSmsSender } from '../identity/sms/aliyun-sms.js';
import type { SmsTemplateSender } from '../identity/sms/sender.js';
import type { Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';
import { NO_JOB_METRICS, type JobMetrics } from '../ops/metrics/ports.js';
import { BaiduOpenApi } from '../pay/baidu/baidu-openapi.js';
import { AlipayTemplateClient } from './channels/alipay-template-client.js';
import { WechatSubscribeClient } from './channels/wechat-subscribe-client.js';
import { Consents } from './consents.js';
import { NoticeConsumer } from './notice-consumer.js';
import { NoticeDelivery } from './notice-delivery.js';
import { NoticeSender } from './notice-sender.js';
import { sentNotices, type SentNotice } from './sent-notices.js';
import { TimedNotices } from './timed-notices.js';
import { queueWaitlistEnded } from './waitlist-notices.js';
import { queueDrawDecided } from './draw-notices.js';
import type { TellDecided } from '../core/booking/draw/draw-store.js';

export interface NotificationDeps {
  db: Database;
  config: Config;
  clock: Clock;
  logger: Logger;
  pii: Pii;
  /** Where the timed notices' job runs are counted. */
  jobs?: JobMetrics;
  /** The SMS gateway (default: Aliyun SendSms with the configured keys). */
  sms?: SmsTemplateSender;
}

export interface Notifications {
  /** Register with the outbox relay: queues the notices of booking events. */
  consumer: NoticeConsumer;
  sender: {
    /** Every minute: queue the timed notices due (the outbox's jobs send them). */
    startJobs(): void;
    /** Sends what is due (the outbox's jobs call it after each relay). */
    sendOnce(maxBatches?: number): Promise<unknown>;
    stopJobs(): void;
    /** One pass of both (tests, and the job's body). */
    runOnce(): Promise<{ queued: number; sent: number; failed: number; retried: number }>;
  };
  consents: Consents;
  /** The subscription template ids the mini-program asks consent for, by platform. */
  templateIds: { weapp: string[] };
  /** Queues, in the caller's transaction, the notice of waitlists that ended unserved. */
  tellWaitlistEnded(tx: EntityManager, groupIds: string[], now: number): Promise<void>;
  /** Queues, in the transaction that decided them, the notices of a release draw's tickets (draw-notices.ts). */
  tellDrawDecided: TellDecided;
  /** Sandbox: what reached a phone's patient, newest first. */
  sentTo(phone: string): Promise<SentNotice[]>;
}

/** Patient notifications: the outbox consumer, the timed notices, the sender and the consents. */
export function createNotifications(d: NotificationDeps): Notifications {
  const { config, db, clock, logger, pii } = d;
  const settings = config.notices;
  const sms = d.sms ?? new AliyunSmsSender({ endpoint: config.endpoints.smsEndpoint, ...config.providers.sms, logger });
  const wechat = new WechatSubscribeClient({
    apiBase: config.endpoints.wechatApiBase,
    appId: config.providers.wechat.appId,
    secret: config.providers.wechat.secret,
    clock,
  });
  const timed = new TimedNotices(db, settings);
  let timedJob: Cron | undefined;
  const { appId, privateKey, alipayPublicKey, keyType } = config.providers.alipay;
  const alipay = new AlipayTemplateClient({
    appId,
    privateKey,
    alipayPublicKey,
    keyType,
    gateway: config.endpoints.alipayGateway,
  });
  const baidu = new BaiduOpenApi({
    openApiBase: config.endpoints.baiduOpenApiBase,
    clientId: config.providers.baidu.clientId,
    clientSecret: config.providers.baidu.sk,
    payAppKey: config.providers.baiduPay?.payAppKey ?? '',
  });
  const delivery = new NoticeDelivery(settings, sms, wechat, alipay, baidu);
  const sender = new NoticeSender({ db, clock, logger, pii, delivery, maxAttempts: settings.maxAttempts });
  const templateIds = Object.values(settings.wechatTemplates);
  const consents = new Consents({
    db,
    clock,
    logger,
    templateIds,
    reportToEmulator: config.sandbox ? reportTo(config.endpoints.wechatApiBase) : undefined,
  });
  return {
    consumer: new NoticeConsumer(settings),
    sender: {
      // Each minute the timed notices are queued; the outbox's jobs send them with the others.
      startJobs: () => {
        timedJob ??= new Cron('0 * * * * *', { protect: true }, async () => {
          try {
            await (d.jobs ?? NO_JOB_METRICS).run('timed-notices', () => timed.run(clock.now()));
          } catch (err) {
            logger.error({ err }, 'timed notices job failed');
          }
        });
      },
      sendOnce: (maxBatches?: number) => sender.runOnce(maxBatches),
      stopJobs: () => {
        timedJob?.stop();
        timedJob = undefined;
      },
      runOnce: async () => ({ queued: await timed.run(clock.now()), ...(await sender.runOnce()) }),
    },
    consents,
    tellWaitlistEnded: async (tx, groupIds, now) => {
      await queueWaitlistEnded(tx, settings, groupIds, now);
    },
    tellDrawDecided: async (tx, tickets, now) => {
      await queueDrawDecided(tx, settings, tickets, now);
    },
    templateIds: { weapp: templateIds },
    sentTo: (phone) => sentNotices(db, pii, phone),
  };
}

/** The sandbox's stand-in for WeChat learning of a subscription: the emulator's tester endpoint. */
function reportTo(wechatApiBase: string) {
  return async (openid: string, templateIds: string[]) => {
    const r = await fetch(`${wechatApiBase}/sandbox/subscriptions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ openid, templateIds }),
      signal: AbortSignal.timeout(3000),
    });
    if (!r.ok) throw new Error(`emulator answered ${r.status}`);
  };
}
