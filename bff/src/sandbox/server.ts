import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Platform } from '@cityhealth/shared-types';
import { systemClock, type Clock } from '../shared/clock.js';
import { AlipayEmulator } from './alipay.js';
import { BaiduEmulator } from './baidu.js';
import { BaiduPayEmulator } from './baidu-pay.js';
import { BaiduTemplateMessages } from './baidu-template.js';
import type { SandboxCredentials } from './credentials.js';
import { BodyTooLarge, json, readBody, requestParams, send, type Reply } from './http.js';
import { EntryExitEmulator } from './entry-exit.js';
import { HisEmulators } from './his/emulators.js';
import { IdvEmulator } from './idv.js';
import { LoginCodes } from './login-codes.js';
import type { NotifyDelivery } from './notify-plan.js';
import { SmsEmulator, type OutboxMessage, type SmsFlowControl } from './sms.js';
import { WechatEmulator } from './wechat.js';
import { WechatSubscribeEmulator } from './wechat-subscribe.js';
import { WechatPayEmulator } from './wechat-pay.js';

export interface SandboxOptions {
  host?: string;
  port: number;
  credentials: SandboxCredentials;
  /** Time of the SMS flow control (tests move it with the BFF's clock); signatures use real time. */
  clock?: Clock;
  smsFlowControl?: Partial<SmsFlowControl>;
  wechatQuotaPerMinute?: number;
  /** How long an emulated WeChat Pay refund stays PROCESSING. */
  wechatPayRefundDelayMs?: number;
  /** How long an emulated Baidu cashier refund stays 退款中. */
  baiduPayRefundDelayMs?: number;
  /** The BFF's base URL, where the emulated HIS read their hospitals' credentials (a getter: known later). */
  bffUrl?: string | (() => string | undefined);
  /** How long a HIS timeout fault holds a push. */
  hisHoldMs?: number;
}

export interface RunningSandbox {
  port: number;
  url: string;
  outbox: OutboxMessage[];
  /** Every payment or refund notify the emulators delivered (or dropped), oldest first. */
  notifyDeliveries: NotifyDelivery[];
  close(): Promise<void>;
}

const BAIDU_PAY_SERVICE = '/baidu/rest/2.0/smartapp/pay/paymentservice/';
const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/**
 * The local, protocol-faithful emulators of the external services, on one loopback server:
 * /wechat (jscode2session), /alipay/gateway.do, /baidu (jscode2sessionkey, and the cashier's open
 * API with its sandbox requestPolymerPayment under /baidu/sandbox), /aliyun-sms (SendSms
 * + its outbox), /aliyun-idv (Id2MetaVerify), /jumdata/entry-exit/check (出入境证件核验, with its
 * faults at /jumdata/sandbox/faults) and /wechatpay (WeChat Pay v3 with its sandbox cashier
 * under /wechatpay/sandbox), /his/{code} (each hospital's own system, receiving the platform's
 * pushes); /sandbox/login-codes issues single-use codes.
 */
export async function startSandbox(o: SandboxOptions): Promise<RunningSandbox> {
  const host = o.host ?? '127.0.0.1';
  if (!LOOPBACK.has(host)) throw new Error(`the sandbox emulators only listen on loopback (got ${host})`);
  const codes = new LoginCodes();
  const wechat = new WechatEmulator(o.credentials.wechat, codes, o.wechatQuotaPerMinute ?? 6000);
  const wechatSubscribe = new WechatSubscribeEmulator(o.credentials.wechat, o.clock ?? systemClock);
  const notifyDeliveries: NotifyDelivery[] = [];
  const baidu = new BaiduEmulator(o.credentials.baidu, codes);
  const sms = new SmsEmulator(o.credentials.sms, o.clock ?? systemClock, {
    perMinute: 1,
    perHour: 5,
    perDay: 10,
    ...o.smsFlowControl,
  });
  const idv = new IdvEmulator(o.credentials.idv);
  const entryExit = new EntryExitEmulator(o.credentials.idvDocument);
  const wechatPay = o.credentials.wechatPay
    ? new WechatPayEmulator(o.credentials.wechatPay, o.clock ?? systemClock, o.wechatPayRefundDelayMs)
    : null;
  const deliveries = wechatPay?.deliveries ?? notifyDeliveries;
  const alipay = new AlipayEmulator(o.credentials.alipay, codes, o.clock ?? systemClock, deliveries);
  const baiduPay = o.credentials.baiduPay
    ? new BaiduPayEmulator(o.credentials.baiduPay, o.clock ?? systemClock, deliveries, o.baiduPayRefundDelayMs)
    : null;

  const bffUrl = o.bffUrl;
  const his = new HisEmulators({
    clock: o.clock ?? systemClock,
    bffUrl: typeof bffUrl === 'function' ? bffUrl : () => bffUrl,
    holdMs: o.hisHoldMs,
  });

  const baiduTemplates = baiduPay
    ? new BaiduTemplateMessages({
        templates: o.credentials.baidu.templates,
        tokenState: (token) => baiduPay.tokenState(token),
        isPaidOrder: (orderId) => baiduPay.isPaidOrder(orderId),
        now: () => (o.clock ?? systemClock).now(),
      })
    : null;

  const route = (
    req: http.IncomingMessage,
    res: http.ServerResponse,
    url: URL,
    body: string,
  ): Reply | Promise<Reply> => {
    const method = req.method ?? 'GET';
    const path = url.pathname.replace(/\/+$/, '') || '/';
    if (wechatPay && path.startsWith('/wechatpay/'))
      return wechatPay.handle(method, (req.url ?? '/').slice('/wechatpay'.length), req.headers, body);
    if (path.startsWith('/his/')) {
      // the response closes when the caller hangs up (or once answered): a listener per call, not per socket
      const gone = () => new Promise<void>((resolve) => res.once('close', () => resolve()));
      return his.handle({ method, target: req.url ?? '/', headers: req.headers, body, gone }, path, url.searchParams);
    }
    if (path === '/wechat/sns/jscode2session' && method === 'GET') return wechat.jscode2session(url.searchParams);
    if (path === '/wechat/cgi-bin/token' && method === 'GET') return wechatSubscribe.token(url.searchParams);
    if (path === '/wechat/cgi-bin/stable_token' && method === 'POST') return wechatSubscribe.stableToken(body);
    if (path === '/wechat/cgi-bin/message/subscribe/send' && method === 'POST')
      return wechatSubscribe.send(url.searchParams, body);
    if (path.startsWith('/wechat/sandbox/') && method === 'POST')
      return wechatSubscribe.sandbox(path.slice('/wechat/sandbox/'.length), body);
    if (path === '/wechat/sandbox/messages' && method === 'GET')
      return json({ items: wechatSubscribe.messagesFor(url.searchParams.get('openid')) });
    if (path === '/alipay/gateway.do' && method === 'POST')
      return alipay.gateway(requestParams(url, req, body), `http://${req.headers.host ?? '127.0.0.1'}`);
    if (path === '/alipay/sandbox/template-messages' && method === 'GET') {
      const to = url.searchParams.get('to_user_id');
      return json({ items: alipay.templates.sent.filter((m) => !to || m.toUserId === to) });
    }
    if (path.startsWith('/alipay/sandbox/') && method === 'POST')
      return alipay.sandbox(path.slice('/alipay'.length), body);
    if (path === '/alipay/downloadBillFile.resource' && method === 'GET') {
      const file = alipay.billFile(url.searchParams.get('token') ?? '');
      return { ...file, type: file.status === 200 ? 'application/octet-stream' : 'text/plain;charset=utf-8' };
    }
    if (path === '/baidu/oauth/jscode2sessionkey' && method === 'POST')
      return baidu.jscode2sessionkey(requestParams(url, req, body));
    if (baiduPay && path.startsWith('/baidu/')) {
      const origin = `http://${req.headers.host ?? '127.0.0.1'}`;
      if (path === '/baidu/oauth/2.0/token') return baiduPay.token(url.searchParams);
      if (path === '/baidu/rest/2.0/smartapp/template/send' && method === 'POST')
        return baiduTemplates!.send(requestParams(url, req, body));
      if (path === '/baidu/sandbox/template-messages' && method === 'GET') {
        const to = url.searchParams.get('touser_openId');
        return json({ items: baiduTemplates!.sent.filter((m) => !to || m.toOpenId === to) });
      }
      if (path.startsWith(BAIDU_PAY_SERVICE))
        return baiduPay.service(path.slice(BAIDU_PAY_SERVICE.length), requestParams(url, req, body), origin);
      if (path === '/baidu/billdownload' && method === 'GET')
        return baiduPay.billFile(url.searchParams.get('token') ?? '');
      if (path.startsWith('/baidu/sandbox/') && method === 'POST') {
        let input: unknown;
        try {
          input = JSON.parse(body || '{}');
        } catch {
          return json({ errno: 40001, msg: 'body must be JSON' }, 400);
        }
        if (path === '/baidu/sandbox/pay')
          return baiduPay.sandboxPay((input ?? {}) as Parameters<BaiduPayEmulator['sandboxPay']>[0]);
        if (path === '/baidu/sandbox/bill-faults') return baiduPay.sandboxBillFaults(input);
        if (path === '/baidu/sandbox/expire-tokens') return baiduPay.expireTokens();
      }
    }
    if (path === '/aliyun-sms/sandbox/outbox' && method === 'GET') {
      const phone = url.searchParams.get('phone');
      return json({ items: sms.messagesFor(phone) });
    }
    if (path === '/aliyun-sms/sandbox/faults' && method === 'POST') {
      let fault: ReturnType<typeof sms.faults.add> = null;
      try {
        fault = sms.faults.add(JSON.parse(body || '{}'));
      } catch {
        /* answered below */
      }
      return fault ? json(fault) : json({ error: 'body must be JSON {phone?, code?, times?}' }, 400);
    }
    if (path === '/aliyun-sms' && (method === 'GET' || method === 'POST'))
      return sms.handle(method, requestParams(url, req, body));
    if (path === '/aliyun-idv' && (method === 'GET' || method === 'POST'))
      return idv.handle(method, requestParams(url, req, body));
    if (path === '/jumdata/entry-exit/check') return entryExit.check(method, requestParams(url, req, body));
    if (path === '/jumdata/sandbox/faults' && method === 'POST') {
      let fault: ReturnType<typeof entryExit.addFault> = null;
      try {
        fault = entryExit.addFault(JSON.parse(body || '{}'));
      } catch {
        /* answered below */
      }
      return fault ? json(fault) : json({ error: 'body must be JSON {idNum?, code?, msg?, status?, times?}' }, 400);
    }
    if (path === '/sandbox/login-codes' && method === 'POST') {
      let input: { platform?: unknown; name?: unknown };
      try {
        input = JSON.parse(body) as typeof input;
      } catch {
        return json({ error: 'body must be JSON {platform, name}' }, 400);
      }
      const platform = Platform.safeParse(input?.platform);
      if (!platform.success || typeof input.name !== 'string')
        return json({ error: 'platform (weapp|alipay|swan) and name required' }, 400);
      try {
        return json({ code: codes.issue(platform.data, input.name) });
      } catch {
        return json({ error: 'bad name' }, 400);
      }
    }
    return json({ error: 'not found' }, 404);
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    readBody(req)
      .then(async (body) => send(res, await route(req, res, url, body)))
      .catch((err: unknown) =>
        send(
          res,
          err instanceof BodyTooLarge ? json({ error: 'body too large' }, 413) : json({ error: 'internal' }, 500),
        ),
      );
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `http://${host === '::1' ? '[::1]' : host}:${port}`,
    outbox: sms.outbox,
    notifyDeliveries: deliveries,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
