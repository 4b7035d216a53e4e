import crypto from 'node:crypto';
import { encryptResource } from '../pay/wechat/aead.js';
import type { Clock } from '../shared/clock.js';
import { beijingRfc3339 } from '../shared/time.js';
import { parseBillFaults } from './bill-faults.js';
import { requestId, type Reply } from './http.js';
import { WechatPayBills } from './wechat-pay-bill.js';

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

/**
 * How the emulator delivers the notify of a payment or refund, so tests can prove the BFF copes:
 * send once · drop · repeat (redeliveries: same id, fresh nonce) · replay (the same request again)
 * · tamper (body changed after signing) · bad-ciphertext (re-signed, GCM tag broken) · stale
 * (signed 10 minutes ago) · wrong-key (signed by another key) · delay (sent after delayMs).
 */
export const NOTIFY_MODES = ['send', 'drop', 'repeat', 'replay', 'tamper', 'bad-ciphertext', 'stale', 'wrong-key', 'delay'] as const;
export type NotifyMode = (typeof NOTIFY_MODES)[number];
export interface NotifyPlan {
  mode: NotifyMode;
  times?: number;
  delayMs?: number;
}

/** What a paid trade says instead of what was ordered (`/sandbox/pay` `paidAs`). */
export interface PaidAs {
  totalFen?: number;
  currency?: string;
  appid?: string;
  mchid?: string;
}

interface Trade {
  appid: string;
  mchid: string;
  currency: string;
  out_trade_no: string;
  description: string;
  notify_url: string;
  time_expire: number | null;
  total: number;
  openid: string | null;
  prepay_id: string;
  trade_type: 'JSAPI' | 'MWEB';
  state: 'NOTPAY' | 'SUCCESS' | 'CLOSED' | 'REFUND';
  transaction_id?: string;
  success_time?: string;
  refunded: number;
}

interface Refund {
  refund_id: string;
  out_refund_no: string;
  out_trade_no: string;
  transaction_id: string;
  notify_url: string | null;
  status: 'PROCESSING' | 'SUCCESS' | 'ABNORMAL' | 'CLOSED';
  create_time: string;
  success_time?: string;
  refund: number;
  total: number;
}

export interface NotifyDelivery {
  url: string;
  eventType: string;
  outNo: string;
  mode: NotifyMode;
  status: number | 'network-error';
}

const AUTH = /^WECHATPAY2-SHA256-RSA2048\s+(.+)$/;
const OUT_NO = /^[A-Za-z0-9_\-|*]{6,32}$/;
const MAX_SKEW_MS = 5 * 60_000;

/** RFC 3339 in Beijing time, as WeChat Pay writes it. */
const beijing = beijingRfc3339;
const digits = (n: number) => Array.from(crypto.randomBytes(n), (b) => String(b % 10)).join('');

/**
 * WeChat Pay API v3 for a direct merchant (JSAPI orders, query, close, refunds, refund query) in
 * 微信支付公钥 mode: checks the merchant's request signature (WECHATPAY2-SHA256-RSA2048 over method,
 * path, timestamp, nonce and body), signs every answer with its own key, and delivers
 * AEAD_AES_256_GCM-encrypted, signed notifies to the notify_url of the order. A tester pays or
 * declines through `/sandbox/pay` (the stand-in for the WeChat cashier).
 */
export class WechatPayEmulator {
  private readonly trades = new Map<string, Trade>();
  private readonly byPrepay = new Map<string, string>();
  private readonly refunds = new Map<string, Refund>();
  private refundPlan: NotifyPlan = { mode: 'send' };
  /** While set, every merchant API call answers 500 SYSTEM_ERROR, as during a WeChat Pay outage. */
  private outage = false;
  readonly deliveries: NotifyDelivery[] = [];
  private readonly strangerKey = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  private readonly bills: WechatPayBills;

  constructor(
    private readonly creds: WechatPayCredentials,
    private readonly clock: Clock,
    /** How long a refund stays PROCESSING before it succeeds. */
    private readonly refundDelayMs = 50,
  ) {
    const at = (text: string | undefined) => (text ? Date.parse(text) : null);
    this.bills = new WechatPayBills(
      clock,
      () => [...this.trades.values()].map((t) => ({ ...t, paidAt: at(t.success_time) })),
      () => [...this.refunds.values()].map((r) => ({ ...r, succeededAt: r.status === 'SUCCESS' ? at(r.success_time) : null })),
    );
  }

  async handle(method: string, pathAndQuery: string, headers: Record<string, string | string[] | undefined>, body: string): Promise<Reply> {
    const path = pathAndQuery.split('?')[0]!;
    if (path === '/sandbox/cashier') return this.cashier(method, pathAndQuery, body);
    if (path.startsWith('/sandbox/')) return this.sandbox(method, path, body);
    if (this.outage) return this.error(500, 'SYSTEM_ERROR', '系统繁忙，请稍后重试');
    const refused = this.authenticate(method, pathAndQuery, String(headers.authorization ?? ''), body);
    if (refused) return refused;

    let m: RegExpExecArray | null;
    if (method === 'POST' && path === '/v3/pay/transactions/jsapi') return this.createTrade('JSAPI', body, '');
    if (method === 'POST' && path === '/v3/pay/transactions/h5') return this.createTrade('MWEB', body, String(headers.host ?? '127.0.0.1'));
    if (method === 'GET' && (m = /^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)$/.exec(path))) return this.query(decodeURIComponent(m[1]!));
    if (method === 'POST' && (m = /^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)\/close$/.exec(path))) return this.close(decodeURIComponent(m[1]!));
    if (method === 'POST' && path === '/v3/refund/domestic/refunds') return this.refund(body);
    if (method === 'GET' && (m = /^\/v3\/refund\/domestic\/refunds\/([^/]+)$/.exec(path))) return this.queryRefund(decodeURIComponent(m[1]!));
    if (method === 'GET' && (path === '/v3/bill/tradebill' || path === '/v3/billdownload/file')) {
      const q = new URL(pathAndQuery, 'http://wechatpay').searchParams;
      if (path === '/v3/billdownload/file') {
        const csv = this.bills.file(q.get('token') ?? '');
        // The file itself is not signed: its SHA1 came signed with the download_url.
        return csv === null ? this.error(404, 'RESOURCE_NOT_EXISTS', '账单文件不存在或已过期') : { status: 200, body: csv, type: 'text/plain;charset=utf-8' };
      }
      const r = this.bills.apply(q.get('bill_date') ?? '', q.get('bill_type') ?? '');
      return r.ok ? this.signed(200, r.body) : this.error(r.status, r.code, r.message);
    }
    return this.error(404, 'NOT_FOUND', '请求的资源不存在');
  }

  /** The trade of an out_trade_no, as the emulator holds it (for tests and the sandbox cashier). */
  trade(outTradeNo: string): Readonly<Trade> | undefined {
    return this.trades.get(outTradeNo);
  }

  private authenticate(method: string, pathAndQuery: string, authorization: string, body: string): Reply | null {
    const m = AUTH.exec(authorization);
    if (!m) return this.error(401, 'SIGN_ERROR', 'Authorization 头缺失或认证类型错误');
    const fields = new Map([...m[1]!.matchAll(/(\w+)="([^"]*)"/g)].map((f) => [f[1]!, f[2]!]));
    if (fields.get('mchid') !== this.creds.mchId) return this.error(401, 'SIGN_ERROR', '商户号与签名信息不匹配');
    if (fields.get('serial_no')?.toLowerCase() !== this.creds.merchantSerialNo.toLowerCase()) return this.error(401, 'SIGN_ERROR', '商户证书序列号有误');
    const ts = Number(fields.get('timestamp'));
    // The SDK stamps requests with real time, whatever clock the tests move.
    if (!Number.isFinite(ts) || Math.abs(ts * 1000 - Date.now()) > MAX_SKEW_MS) return this.error(401, 'SIGN_ERROR', '请求时间戳已过期');
    const message = `${method}\n${pathAndQuery}\n${fields.get('timestamp')}\n${fields.get('nonce_str')}\n${body}\n`;
    let valid = false;
    try {
      valid = crypto.createVerify('RSA-SHA256').update(message).verify(this.creds.merchantPublicKey, fields.get('signature') ?? '', 'base64');
    } catch {
      valid = false;
    }
    return valid ? null : this.error(401, 'SIGN_ERROR', '签名错误，请检查后再试');
  }

  /** JSAPI (inside WeChat: answers prepay_id) or H5 (a mobile browser: answers the cashier's h5_url). */
  private createTrade(type: Trade['trade_type'], body: string, host: string): Reply {
    const p = parse(body) as {
      appid?: string; mchid?: string; description?: string; out_trade_no?: string; time_expire?: string; notify_url?: string;
      amount?: { total?: unknown }; payer?: { openid?: string }; scene_info?: { payer_client_ip?: string; h5_info?: { type?: string } };
    } | null;
    if (!p) return this.error(400, 'PARAM_ERROR', '请求体不是合法的JSON');
    if (p.appid !== this.creds.appId) return this.error(400, 'APPID_MCHID_NOT_MATCH', 'appid和mch_id不匹配');
    if (p.mchid !== this.creds.mchId) return this.error(400, 'MCH_NOT_EXISTS', '商户号不存在');
    if (!p.out_trade_no || !OUT_NO.test(p.out_trade_no)) return this.error(400, 'PARAM_ERROR', '输入源"/body/out_trade_no"映射到字段"商户订单号"必填性规则校验失败');
    if (!p.description || p.description.length > 127) return this.error(400, 'PARAM_ERROR', '输入源"/body/description"映射到字段"商品描述"校验失败');
    const total = p.amount?.total;
    if (typeof total !== 'number' || !Number.isInteger(total) || total <= 0) return this.error(400, 'PARAM_ERROR', '输入源"/body/amount/total"映射到字段"总金额"校验失败');
    if (type === 'JSAPI' && !p.payer?.openid) return this.error(400, 'PARAM_ERROR', '输入源"/body/payer/openid"映射到字段"用户标识"必填性规则校验失败');
    if (type === 'MWEB' && (!p.scene_info?.payer_client_ip || !p.scene_info.h5_info?.type)) return this.error(400, 'PARAM_ERROR', '输入源"/body/scene_info"映射到字段"场景信息"必填性规则校验失败');
    if (!p.notify_url || !/^https?:\/\//.test(p.notify_url)) return this.error(400, 'PARAM_ERROR', '输入源"/body/notify_url"映射到字段"通知地址"校验失败');
    const answer = (t: Trade) => this.signed(200, type === 'JSAPI' ? { prepay_id: t.prepay_id } : { h5_url: `http://${host}/wechatpay/sandbox/cashier?prepay_id=${t.prepay_id}&package=${digits(10)}` });
    const existing = this.trades.get(p.out_trade_no);
    if (existing) {
      if (existing.state === 'SUCCESS' || existing.state === 'REFUND') return this.error(400, 'ORDERPAID', '该订单已支付');
      if (existing.state === 'CLOSED') return this.error(400, 'ORDER_CLOSED', '该订单已关闭');
      if (existing.total !== total || existing.trade_type !== type || existing.openid !== (p.payer?.openid ?? null)) return this.error(400, 'INVALID_REQUEST', '201 商户订单号重复');
      return answer(existing);
    }
    const trade: Trade = {
      appid: p.appid, mchid: p.mchid, currency: 'CNY', out_trade_no: p.out_trade_no, description: p.description, notify_url: p.notify_url,
      time_expire: p.time_expire ? Date.parse(p.time_expire) : null, total, openid: p.payer?.openid ?? null,
      prepay_id: `wx${digits(14)}${crypto.randomBytes(10).toString('hex')}`, trade_type: type, state: 'NOTPAY', refunded: 0,
    };
    this.trades.set(trade.out_trade_no, trade);
    this.byPrepay.set(trade.prepay_id, trade.out_trade_no);
    return answer(trade);
  }

  /**
   * The H5 cashier a tester sees in the browser (the stand-in for wx.tenpay.com's page): GET shows
   * the order with 确认支付 / 取消支付; the form's POST pays or declines and returns to redirect_url.
   */
  private cashier(method: string, pathAndQuery: string, body: string): Reply {
    const q = method === 'POST' ? new URLSearchParams(body) : new URL(pathAndQuery, 'http://cashier').searchParams;
    const prepayId = q.get('prepay_id') ?? '';
    const t = this.trades.get(this.byPrepay.get(prepayId) ?? '');
    const back = q.get('redirect_url');
    const safeBack = back && /^https?:\/\//.test(back) ? back : null;
    if (!t) return cashierPage('订单不存在', '<p>该支付链接无效或已过期，请返回重新发起支付。</p>', 404);
    if (method === 'POST') {
      const action = q.get('action') === 'pay' ? 'pay' : 'decline';
      const r = this.sandbox('POST', '/sandbox/pay', JSON.stringify({ prepayId, action }));
      if (r.status !== 200) return cashierPage('支付失败', `<p>${escapeHtml((parse(String(r.body)) as { message?: string } | null)?.message ?? '支付失败')}</p>${safeBack ? `<a class="back" href="${escapeHtml(safeBack)}">返回商户页面</a>` : ''}`, r.status);
      return safeBack ? { status: 303, body: '', type: 'text/plain', headers: { location: safeBack } } : cashierPage(action === 'pay' ? '支付成功' : '已取消支付', '<p>请返回商户页面查看结果。</p>');
    }
    const hidden = `<input type="hidden" name="prepay_id" value="${escapeHtml(prepayId)}">${safeBack ? `<input type="hidden" name="redirect_url" value="${escapeHtml(safeBack)}">` : ''}`;
    return cashierPage('微信支付', `
      <p class="what">${escapeHtml(t.description)}</p>
      <p class="amount" data-testid="cashier-amount">¥${(t.total / 100).toFixed(2)}</p>
      <p class="note">沙箱收银台：不会产生真实扣款</p>
      <form method="post">${hidden}
        <button name="action" value="pay" class="pay" data-testid="cashier-pay">确认支付</button>
        <button name="action" value="decline" class="decline" data-testid="cashier-decline">取消支付</button>
      </form>`);
  }

  private query(outTradeNo: string): Reply {
    const t = this.trades.get(outTradeNo);
    return t ? this.signed(200, this.tradeView(t)) : this.error(404, 'ORDER_NOT_EXIST', '订单不存在');
  }

  private close(outTradeNo: string): Reply {
    const t = this.trades.get(outTradeNo);
    if (!t) return this.error(404, 'ORDER_NOT_EXIST', '订单不存在');
    if (t.state === 'SUCCESS' || t.state === 'REFUND') return this.error(400, 'ORDERPAID', '该订单已支付，不能关闭');
    t.state = 'CLOSED';
    return this.signed(204, null);
  }

  private refund(body: string): Reply {
    const p = parse(body) as { out_trade_no?: string; out_refund_no?: string; notify_url?: string; amount?: { refund?: unknown; total?: unknown } } | null;
    if (!p?.out_trade_no || !p.out_refund_no || !OUT_NO.test(p.out_refund_no)) return this.error(400, 'PARAM_ERROR', '商户订单号和商户退款单号必填');
    const t = this.trades.get(p.out_trade_no);
    if (!t) return this.error(404, 'RESOURCE_NOT_EXISTS', '订单不存在');
    const existing = this.refunds.get(p.out_refund_no);
    if (existing) return this.signed(200, this.refundView(existing));
    if (t.state !== 'SUCCESS' && t.state !== 'REFUND') return this.error(400, 'INVALID_REQUEST', '订单未支付，不能退款');
    const amount = p.amount?.refund;
    if (typeof amount !== 'number' || !Number.isInteger(amount) || amount <= 0) return this.error(400, 'PARAM_ERROR', '输入源"/body/amount/refund"映射到字段"退款金额"校验失败');
    if (p.amount?.total !== t.total) return this.error(400, 'INVALID_REQUEST', '订单金额与原订单金额不一致');
    if (amount > t.total - t.refunded) return this.error(403, 'NOT_ENOUGH', '可退金额不足');
    t.refunded += amount;
    t.state = 'REFUND';
    const r: Refund = {
      refund_id: `50${digits(30)}`, out_refund_no: p.out_refund_no, out_trade_no: t.out_trade_no, transaction_id: t.transaction_id!,
      notify_url: p.notify_url ?? null, status: 'PROCESSING', create_time: beijing(this.clock.now()), refund: amount, total: t.total,
    };
    this.refunds.set(r.out_refund_no, r);
    setTimeout(() => {
      r.status = 'SUCCESS';
      r.success_time = beijing(this.clock.now());
      if (r.notify_url) this.notify(r.notify_url, 'REFUND.SUCCESS', '退款成功', 'refund', this.refundNotifyResource(r), r.out_refund_no, this.refundPlan);
    }, this.refundDelayMs).unref();
    return this.signed(200, this.refundView(r));
  }

  private queryRefund(outRefundNo: string): Reply {
    const r = this.refunds.get(outRefundNo);
    return r ? this.signed(200, this.refundView(r)) : this.error(404, 'RESOURCE_NOT_EXISTS', '退款单不存在');
  }

  /** The tester's side: pay or decline a prepay order, and choose how the notifies travel. */
  private sandbox(method: string, path: string, body: string): Reply {
    if (method !== 'POST') return this.error(405, 'METHOD_NOT_ALLOWED', 'POST only');
    const p = parse(body) as { prepayId?: string; outTradeNo?: string; action?: string; notify?: NotifyPlan; refundNotify?: NotifyPlan; outage?: unknown; paidAs?: PaidAs } | null;
    if (!p) return this.error(400, 'PARAM_ERROR', 'body must be JSON');
    if (path === '/sandbox/settings') {
      if (p.refundNotify && !NOTIFY_MODES.includes(p.refundNotify.mode)) return this.error(400, 'PARAM_ERROR', `refundNotify.mode must be one of ${NOTIFY_MODES.join(', ')}`);
      if (p.outage !== undefined && typeof p.outage !== 'boolean') return this.error(400, 'PARAM_ERROR', 'outage must be true or false');
      if (p.refundNotify) this.refundPlan = p.refundNotify;
      if (typeof p.outage === 'boolean') this.outage = p.outage;
      return this.plain(200, { refundNotify: this.refundPlan, outage: this.outage });
    }
    if (path === '/sandbox/bill-faults') {
      const plan = parseBillFaults(p);
      if (!plan) return this.error(400, 'PARAM_ERROR', 'billDate (YYYY-MM-DD) and faults[{kind: drop|amount|status|extra, outTradeNo}] required');
      // tamperFile: the file served no longer matches the hash_value of the signed answer.
      this.bills.setFaults(plan.billDate, plan.faults, (p as { tamperFile?: unknown }).tamperFile === true);
      return this.plain(200, plan);
    }
    if (path !== '/sandbox/pay') return this.error(404, 'NOT_FOUND', '请求的资源不存在');
    const outTradeNo = p.outTradeNo ?? (p.prepayId ? this.byPrepay.get(p.prepayId) : undefined);
    const t = outTradeNo ? this.trades.get(outTradeNo) : undefined;
    if (!t) return this.error(404, 'ORDER_NOT_EXIST', '订单不存在');
    const plan = p.notify ?? { mode: 'send' };
    if (!NOTIFY_MODES.includes(plan.mode)) return this.error(400, 'PARAM_ERROR', `notify.mode must be one of ${NOTIFY_MODES.join(', ')}`);
    if (p.action === 'decline') return this.plain(200, { trade_state: t.state, message: '用户取消支付' });
    if (p.action !== 'pay') return this.error(400, 'PARAM_ERROR', 'action must be pay or decline');
    if (t.state === 'SUCCESS' || t.state === 'REFUND') return this.error(400, 'ORDERPAID', '该订单已支付');
    if (t.state === 'CLOSED' || (t.time_expire !== null && t.time_expire <= this.clock.now())) return this.error(400, 'ORDER_CLOSED', '订单已关闭，请重新下单');
    const paidAs = p.paidAs ?? {};
    if (paidAs.totalFen !== undefined && (!Number.isInteger(paidAs.totalFen) || paidAs.totalFen <= 0)) return this.error(400, 'PARAM_ERROR', 'paidAs.totalFen must be a positive integer');
    // paidAs: the trade WeChat Pay settles is not the one the merchant ordered (another amount,
    // currency, appid or merchant), as a channel fault or a trade made outside the platform would be.
    if (paidAs.totalFen !== undefined) t.total = paidAs.totalFen;
    if (typeof paidAs.currency === 'string') t.currency = paidAs.currency;
    if (typeof paidAs.appid === 'string') t.appid = paidAs.appid;
    if (typeof paidAs.mchid === 'string') t.mchid = paidAs.mchid;
    t.state = 'SUCCESS';
    t.transaction_id = `42000${digits(23)}`;
    t.success_time = beijing(this.clock.now());
    this.notify(t.notify_url, 'TRANSACTION.SUCCESS', '支付成功', 'transaction', this.tradeView(t), t.out_trade_no, plan);
    return this.plain(200, { trade_state: t.state, transaction_id: t.transaction_id });
  }

  private tradeView(t: Trade) {
    const paid = t.state === 'SUCCESS' || t.state === 'REFUND';
    return {
      appid: t.appid, mchid: t.mchid, out_trade_no: t.out_trade_no,
      ...(paid ? { transaction_id: t.transaction_id, bank_type: 'OTHERS', success_time: t.success_time } : {}),
      trade_type: 'JSAPI', trade_state: t.state, trade_state_desc: { NOTPAY: '未支付', SUCCESS: '支付成功', CLOSED: '已关闭', REFUND: '转入退款' }[t.state],
      attach: '', payer: { openid: t.openid },
      amount: { total: t.total, currency: t.currency, ...(paid ? { payer_total: t.total, payer_currency: t.currency } : {}) },
    };
  }

  private refundView(r: Refund) {
    return {
      refund_id: r.refund_id, out_refund_no: r.out_refund_no, transaction_id: r.transaction_id, out_trade_no: r.out_trade_no,
      channel: 'ORIGINAL', user_received_account: '支付用户零钱', ...(r.success_time ? { success_time: r.success_time } : {}),
      create_time: r.create_time, status: r.status, funds_account: 'AVAILABLE',
      amount: { total: r.total, refund: r.refund, payer_total: r.total, payer_refund: r.refund, settlement_refund: r.refund, settlement_total: r.total, discount_refund: 0, currency: 'CNY' },
    };
  }

  private refundNotifyResource(r: Refund) {
    return {
      mchid: this.creds.mchId, out_trade_no: r.out_trade_no, transaction_id: r.transaction_id, out_refund_no: r.out_refund_no, refund_id: r.refund_id,
      refund_status: r.status, success_time: r.success_time, user_received_account: '支付用户零钱',
      amount: { total: r.total, refund: r.refund, payer_total: r.total, payer_refund: r.refund },
    };
  }

  private notify(url: string, eventType: string, summary: string, originalType: string, resource: object, outNo: string, plan: NotifyPlan): void {
    if (plan.mode === 'drop') {
      this.deliveries.push({ url, eventType, outNo, mode: 'drop', status: 0 });
      return;
    }
    const id = crypto.randomUUID();
    const build = (at: number, key: crypto.KeyObject | string = this.creds.platformPrivateKey) => {
      const encrypted = encryptResource(this.creds.apiV3Key, JSON.stringify(resource), originalType, originalType);
      if (plan.mode === 'bad-ciphertext') encrypted.ciphertext = flipLastByte(encrypted.ciphertext);
      const body = JSON.stringify({ id, create_time: beijing(at), resource_type: 'encrypt-resource', event_type: eventType, summary, resource: encrypted });
      const headers = this.signatureHeaders(body, at, key);
      return { body: plan.mode === 'tamper' ? body.replace(summary, `${summary}!`) : body, headers };
    };
    const now = this.clock.now();
    const deliveries =
      plan.mode === 'stale' ? [build(now - 10 * 60_000)]
      : plan.mode === 'wrong-key' ? [build(now, this.strangerKey)]
      : plan.mode === 'repeat' ? Array.from({ length: plan.times ?? 2 }, () => build(now))
      : plan.mode === 'replay' ? Array.from({ length: plan.times ?? 2 }).fill(build(now)) as ReturnType<typeof build>[]
      : [build(now)];
    const run = async () => {
      for (const d of deliveries) {
        let status: NotifyDelivery['status'];
        try {
          const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...d.headers }, body: d.body, signal: AbortSignal.timeout(10_000) });
          status = res.status;
          await res.arrayBuffer();
        } catch {
          status = 'network-error';
        }
        this.deliveries.push({ url, eventType, outNo, mode: plan.mode, status });
      }
    };
    setTimeout(() => void run(), plan.mode === 'delay' ? (plan.delayMs ?? 1000) : 0).unref();
  }

  private signatureHeaders(body: string, at: number, key: crypto.KeyObject | string = this.creds.platformPrivateKey): Record<string, string> {
    const timestamp = String(Math.floor(at / 1000));
    const nonce = crypto.randomBytes(16).toString('hex').toUpperCase();
    const signature = crypto.createSign('RSA-SHA256').update(`${timestamp}\n${nonce}\n${body}\n`).sign(key, 'base64');
    return {
      'wechatpay-timestamp': timestamp,
      'wechatpay-nonce': nonce,
      'wechatpay-serial': this.creds.publicKeyId,
      'wechatpay-signature': signature,
      'wechatpay-signature-type': 'WECHATPAY2-SHA256-RSA2048',
    };
  }

  private signed(status: number, value: object | null): Reply {
    const body = value === null ? '' : JSON.stringify(value);
    return { status, body, headers: { 'request-id': requestId(), ...this.signatureHeaders(body, this.clock.now()) } };
  }

  private error(status: number, code: string, message: string): Reply {
    return this.signed(status, { code, message });
  }

  private plain(status: number, value: object): Reply {
    return { status, body: JSON.stringify(value) };
  }
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function cashierPage(title: string, content: string, status = 200): Reply {
  const body = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title><style>
body{margin:0;font:18px/1.5 system-ui,sans-serif;background:#f2f3f5;color:#1f2329;text-align:center}
main{max-width:420px;margin:0 auto;padding:32px 20px}h1{font-size:22px}.amount{font-size:40px;font-weight:700;margin:8px 0}
.what{color:#4e5969}.note{color:#4e5969;font-size:16px}form{display:flex;flex-direction:column;gap:16px;margin-top:32px}
button,.back{min-height:52px;border-radius:8px;font-size:18px;border:0}.pay{background:#07c160;color:#fff}
.decline{background:#fff;color:#1f2329;border:1px solid #c9cdd4}.back{display:inline-block;padding:12px 20px;background:#fff}
</style></head><body><main><h1>${escapeHtml(title)}</h1>${content}</main></body></html>`;
  return { status, body, type: 'text/html;charset=utf-8' };
}

function parse(body: string): Record<string, unknown> | null {
  try {
    const v = JSON.parse(body) as unknown;
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function flipLastByte(base64: string): string {
  const raw = Buffer.from(base64, 'base64');
  raw.writeUInt8(raw.readUInt8(raw.length - 1) ^ 0x01, raw.length - 1);
  return raw.toString('base64');
}
