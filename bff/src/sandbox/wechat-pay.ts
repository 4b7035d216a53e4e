import type { Clock } from '../shared/clock.js';
import { parseBillFaults } from './bill-faults.js';
import { requestId, type Reply } from './http.js';
import { NOTIFY_MODES, type NotifyDelivery, type NotifyPlan } from './notify-plan.js';
import {
  platformSignatureHeaders,
  parseAuthorization,
  requestSignatureMessage,
  verifySha256Rsa,
} from './signing/wechat-pay.js';
import { WechatPayBills } from './wechat-pay-bill.js';
import { cashier } from './wechat-pay-cashier.js';
import { WechatPayNotifier } from './wechat-pay-notify.js';
import { WechatPayTrades, type PaidAs, type TradeAnswer, type WechatPayTrade } from './wechat-pay-trade.js';

export interface WechatPayCredentials {
  appId: string;
  mchId: string;
  /** The merchant's API public key and certificate serial: what request signatures are checked with. */
  merchantPublicKey: string;
  merchantSerialNo: string;
  apiV3Key: string;
  /** The emulator's own "WeChat Pay" key (public-key mode) and its id. */
  platformPrivateKey: string;
  publicKeyId: string;
}

const MAX_SKEW_MS = 5 * 60_000;

/**
 * WeChat Pay API v3 for a direct merchant (JSAPI orders, query, close, refunds, refund query) in
 * 微信支付公钥 mode: checks the merchant's request signature (WECHATPAY2-SHA256-RSA2048 over method,
 * path, timestamp, nonce and body), signs every answer with its own key, and delivers
 * AEAD_AES_256_GCM-encrypted, signed notifies to the notify_url of the order. A tester pays or
 * declines through `/sandbox/pay` (the stand-in for the WeChat cashier).
 */
export class WechatPayEmulator {
  /** While set, every merchant API call answers 500 SYSTEM_ERROR, as during a WeChat Pay outage. */
  private outage = false;
  readonly deliveries: NotifyDelivery[] = [];
  private readonly trades: WechatPayTrades;
  private readonly bills: WechatPayBills;

  constructor(
    private readonly creds: WechatPayCredentials,
    private readonly clock: Clock,
    /** How long a refund stays PROCESSING before it succeeds. */
    refundDelayMs = 50,
  ) {
    const notifier = new WechatPayNotifier(creds, clock, this.deliveries);
    this.trades = new WechatPayTrades(creds, clock, notifier, refundDelayMs);
    const at = (text: string | undefined) => (text ? Date.parse(text) : null);
    this.bills = new WechatPayBills(
      clock,
      () => this.trades.allTrades().map((t) => ({ ...t, paidAt: at(t.success_time) })),
      () =>
        this.trades
          .allRefunds()
          .map((r) => ({ ...r, succeededAt: r.status === 'SUCCESS' ? at(r.success_time) : null })),
    );
  }

  async handle(
    method: string,
    pathAndQuery: string,
    headers: Record<string, string | string[] | undefined>,
    body: string,
  ): Promise<Reply> {
    const path = pathAndQuery.split('?')[0]!;
    if (path === '/sandbox/cashier') {
      return cashier(
        {
          tradeOfPrepay: (id) => this.trades.tradeOfPrepay(id),
          settle: (prepayId, action) => this.sandbox('POST', '/sandbox/pay', JSON.stringify({ prepayId, action })),
        },
        method,
        pathAndQuery,
        body,
      );
    }
    if (path.startsWith('/sandbox/')) return this.sandbox(method, path, body);
    if (this.outage) return this.error(500, 'SYSTEM_ERROR', '系统繁忙，请稍后重试');
    const refused = this.authenticate(method, pathAndQuery, String(headers.authorization ?? ''), body);
    if (refused) return refused;

    if (method === 'POST' && path === '/v3/pay/transactions/jsapi')
      return this.answer(this.trades.create('JSAPI', parse(body), ''));
    if (method === 'POST' && path === '/v3/pay/transactions/h5') {
      return this.answer(this.trades.create('MWEB', parse(body), `http://${String(headers.host ?? '127.0.0.1')}`));
    }
    if (method === 'POST' && path === '/v3/refund/domestic/refunds')
      return this.answer(this.trades.refund(parse(body)));
    const trade = tailOf(path, /^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)$/);
    if (method === 'GET' && trade) return this.answer(this.trades.query(trade));
    const closing = tailOf(path, /^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)\/close$/);
    if (method === 'POST' && closing) return this.answer(this.trades.close(closing));
    const refund = tailOf(path, /^\/v3\/refund\/domestic\/refunds\/([^/]+)$/);
    if (method === 'GET' && refund) return this.answer(this.trades.queryRefund(refund));
    if (method === 'GET' && (path === '/v3/bill/tradebill' || path === '/v3/billdownload/file')) {
      const q = new URL(pathAndQuery, 'http://wechatpay').searchParams;
      if (path === '/v3/billdownload/file') {
        const csv = this.bills.file(q.get('token') ?? '');
        // The file itself is not signed: its SHA1 came signed with the download_url.
        return csv === null
          ? this.error(404, 'RESOURCE_NOT_EXISTS', '账单文件不存在或已过期')
          : { status: 200, body: csv, type: 'text/plain;charset=utf-8' };
      }
      const r = this.bills.apply(q.get('bill_date') ?? '', q.get('bill_type') ?? '');
      return r.ok ? this.signed(200, r.body) : this.error(r.status, r.code, r.message);
    }
    return this.error(404, 'NOT_FOUND', '请求的资源不存在');
  }

  /** The trade of an out_trade_no, as the emulator holds it (for tests and the sandbox cashier). */
  trade(outTradeNo: string): Readonly<WechatPayTrade> | undefined {
    return this.trades.trade(outTradeNo);
  }

  private authenticate(method: string, pathAndQuery: string, authorization: string, body: string): Reply | null {
    const auth = parseAuthorization(authorization);
    if (!auth) return this.error(401, 'SIGN_ERROR', 'Authorization 头缺失或认证类型错误');
    if (auth.mchid !== this.creds.mchId) return this.error(401, 'SIGN_ERROR', '商户号与签名信息不匹配');
    if (auth.serialNo?.toLowerCase() !== this.creds.merchantSerialNo.toLowerCase())
      return this.error(401, 'SIGN_ERROR', '商户证书序列号有误');
    const ts = Number(auth.timestamp);
    // The SDK stamps requests with real time, whatever clock the tests move.
    if (!Number.isFinite(ts) || Math.abs(ts * 1000 - Date.now()) > MAX_SKEW_MS)
      return this.error(401, 'SIGN_ERROR', '请求时间戳已过期');
    const message = requestSignatureMessage(method, pathAndQuery, auth.timestamp ?? '', auth.nonce ?? '', body);
    return verifySha256Rsa(message, auth.signature ?? '', this.creds.merchantPublicKey)
      ? null
      : this.error(401, 'SIGN_ERROR', '签名错误，请检查后再试');
  }

  /** The tester's side: pay or decline a prepay order, and choose how the notifies travel. */
  private sandbox(method: string, path: string, body: string): Reply {
    if (method !== 'POST') return this.error(405, 'METHOD_NOT_ALLOWED', 'POST only');
    const p = parse(body) as {
      prepayId?: string;
      outTradeNo?: string;
      action?: string;
      notify?: NotifyPlan;
      refundNotify?: NotifyPlan;
      outage?: unknown;
      paidAs?: PaidAs;
      tamperFile?: unknown;
    } | null;
    if (!p) return this.error(400, 'PARAM_ERROR', 'body must be JSON');
    if (path === '/sandbox/settings') {
      if (p.refundNotify && !NOTIFY_MODES.includes(p.refundNotify.mode))
        return this.error(400, 'PARAM_ERROR', `refundNotify.mode must be one of ${NOTIFY_MODES.join(', ')}`);
      if (p.outage !== undefined && typeof p.outage !== 'boolean')
        return this.error(400, 'PARAM_ERROR', 'outage must be true or false');
      if (p.refundNotify) this.trades.refundPlan = p.refundNotify;
      if (typeof p.outage === 'boolean') this.outage = p.outage;
      return this.plain(200, { refundNotify: this.trades.refundPlan, outage: this.outage });
    }
    if (path === '/sandbox/bill-faults') {
      const plan = parseBillFaults(p);
      if (!plan)
        return this.error(
          400,
          'PARAM_ERROR',
          'billDate (YYYY-MM-DD) and faults[{kind: drop|amount|status|extra, outTradeNo}] required',
        );
      // tamperFile: the file served no longer matches the hash_value of the signed answer.
      this.bills.setFaults(plan.billDate, plan.faults, p.tamperFile === true);
      return this.plain(200, plan);
    }
    if (path !== '/sandbox/pay') return this.error(404, 'NOT_FOUND', '请求的资源不存在');
    const outTradeNo = p.outTradeNo ?? (p.prepayId ? this.trades.tradeOfPrepay(p.prepayId)?.out_trade_no : undefined);
    const t = outTradeNo ? this.trades.trade(outTradeNo) : undefined;
    if (!t) return this.error(404, 'ORDER_NOT_EXIST', '订单不存在');
    const plan = p.notify ?? { mode: 'send' };
    if (!NOTIFY_MODES.includes(plan.mode))
      return this.error(400, 'PARAM_ERROR', `notify.mode must be one of ${NOTIFY_MODES.join(', ')}`);
    if (p.action === 'decline') return this.plain(200, { trade_state: t.state, message: '用户取消支付' });
    if (p.action !== 'pay') return this.error(400, 'PARAM_ERROR', 'action must be pay or decline');
    const r = this.trades.pay(t, p.paidAs ?? {}, plan);
    return r.ok ? this.plain(r.status, r.body ?? {}) : this.error(r.status, r.code, r.message);
  }

  private answer(r: TradeAnswer): Reply {
    return r.ok ? this.signed(r.status, r.body) : this.error(r.status, r.code, r.message);
  }

  private signed(status: number, value: object | null): Reply {
    const body = value === null ? '' : JSON.stringify(value);
    return {
      status,
      body,
      headers: {
        'request-id': requestId(),
        ...platformSignatureHeaders(body, this.clock.now(), this.creds.platformPrivateKey, this.creds.publicKeyId),
      },
    };
  }

  private error(status: number, code: string, message: string): Reply {
    return this.signed(status, { code, message });
  }

  private plain(status: number, value: object): Reply {
    return { status, body: JSON.stringify(value) };
  }
}

function parse(body: string): Record<string, unknown> | null {
  try {
    const v = JSON.parse(body) as unknown;
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The decoded last segment a path pattern captures, or null when the path is not of that pattern. */
function tailOf(path: string, pattern: RegExp): string | null {
  const m = pattern.exec(path);
  return m ? decodeURIComponent(m[1]!) : null;
}
