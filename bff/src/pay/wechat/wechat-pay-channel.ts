import crypto from 'node:crypto';
import WxPay from 'wechatpay-node-v3';
import type { Output } from 'wechatpay-node-v3/dist/define.js';
import {
  absentTrade,
  ChannelError,
  NotifyRejected,
  type ChannelBill,
  type ChannelRefund,
  type ChannelTrade,
  type ClientPayParams,
  type CreatePaymentInput,
  type NotifyReply,
  type Payee,
  type PaymentChannel,
  type RawNotify,
  type RefundInput,
  type VerifiedNotify,
} from '../channel.js';
import type { WechatPayCredentials } from '../../config/providers.js';
import { decryptResource, type EncryptedResource } from './aead.js';
import { parseWechatPayBill, WechatPayBillFormatError } from './wechat-pay-bill.js';
import { refundFrom, tradeFrom, type WxRefund, type WxTrade } from './wechat-pay-states.js';
import { WechatPayHttp, type SignedMessage } from './wechat-pay-http.js';
import { beijingRfc3339 } from '../../shared/time.js';

/**
 * The merchant's credentials (微信支付公钥 mode: the platform key and its PUB_KEY_ID_…), where to call and where notifies go.
 */
export interface WechatPayConfig extends WechatPayCredentials {
  apiBase: string;
  /** Where WeChat Pay sends payment and refund notifies (our public https address). */
  notifyUrl: string;
}

const MAX_SKEW_MS = 5 * 60_000;

/** The SDK keeps verification keys in one static map; public-key mode puts its key there by id. */
class PublicKeyPay extends WxPay {
  static trust(id: string, pem: string): void {
    WxPay.certificates = { ...WxPay.certificates, [id]: pem };
  }
}

/**
 * WeChat Pay v3 (JSAPI, for the WeChat mini-program) through wechatpay-node-v3. The SDK signs
 * requests and builds the `wx.requestPayment` parameters; this adapter checks what the SDK
 * does not: answer signatures (in its HTTP layer), notify freshness and the GCM tag.
 */
export class WechatPayChannel implements PaymentChannel {
  readonly name = 'wechat' as const;
  readonly payee: Payee;
  private readonly pay: WxPay;

  constructor(private readonly c: WechatPayConfig) {
    this.payee = { appId: c.appId, merchantId: c.mchId };
    PublicKeyPay.trust(c.publicKeyId, c.publicKey);
    this.pay = new WxPay({
      appid: c.appId,
      mchid: c.mchId,
      serial_no: c.serialNo,
      // Only read for the serial number, which is given: the SDK still requires one.
      publicKey: Buffer.from(crypto.createPublicKey(c.privateKey).export({ type: 'spki', format: 'pem' }).toString()),
      privateKey: Buffer.from(c.privateKey),
      key: c.apiV3Key,
    });
    this.pay.createHttp(new WechatPayHttp(c.apiBase, (m) => this.verifySignature(m)));
  }

  async createPayment(input: CreatePaymentInput): Promise<ClientPayParams> {
    const order = {
      description: input.description,
      out_trade_no: input.outTradeNo,
      time_expire: beijingRfc3339(input.expiresAt),
      notify_url: this.c.notifyUrl,
      amount: { total: input.amountFen, currency: 'CNY' },
    };
    if (input.scene === 'h5') {
      const r = await this.call(() =>
        this.pay.transactions_h5({
          ...order,
          scene_info: { payer_client_ip: input.payerIp, h5_info: { type: 'Wap', app_name: '预约挂号统一平台' } },
        }),
      );
      const h5Url = (r.data as { h5_url?: string })?.h5_url;
      if (!h5Url) throw new ChannelError('wechat', 'NO_H5_URL', 'H5 order answered without h5_url', true);
      return { channel: 'wechat', scene: 'h5', h5Url };
    }
    if (!input.payerId) throw new ChannelError('wechat', 'PARAM_ERROR', 'a JSAPI order needs the payer openid', false);
    const r = await this.call(() => this.pay.transactions_jsapi({ ...order, payer: { openid: input.payerId! } }));
    const p = r.data as { appId: string; timeStamp: string; nonceStr: string; package: string; paySign: string };
    if (!p?.package?.startsWith('prepay_id='))
      throw new ChannelError('wechat', 'NO_PREPAY_ID', 'JSAPI order answered without prepay_id', true);
    return {
      channel: 'wechat',
      scene: 'miniprogram',
      requestPayment: {
        appId: p.appId,
        timeStamp: p.timeStamp,
        nonceStr: p.nonceStr,
        package: p.package,
        signType: 'RSA',
        paySign: p.paySign,
      },
    };
  }

  async queryPayment(outTradeNo: string): Promise<ChannelTrade> {
    const r = await this.pay.query({ out_trade_no: outTradeNo }).catch((e: unknown) => this.unreachable(e));
    if (r.status === 404 && errorOf(r).code === 'ORDER_NOT_EXIST') return absentTrade(outTradeNo);
    return tradeFrom(this.ok(r).data as WxTrade);
  }

  async closePayment(outTradeNo: string): Promise<void> {
    const r = await this.pay.close(outTradeNo).catch((e: unknown) => this.unreachable(e));
    // A trade WeChat Pay never received cannot be paid: there is nothing to close.
    if (r.status === 404 && errorOf(r).code === 'ORDER_NOT_EXIST') return;
    this.ok(r);
  }

  async refund(input: RefundInput): Promise<ChannelRefund> {
    const r = await this.call(
      () =>
        this.pay.refunds({
          out_trade_no: input.outTradeNo,
          out_refund_no: input.outRefundNo,
          reason: input.reason.slice(0, 80),
          notify_url: this.c.notifyUrl,
          amount: { refund: input.refundFen, total: input.totalFen, currency: 'CNY' },
        } as Parameters<WxPay['refunds']>[0]) as Promise<Output>,
    );
    return refundFrom(r.data as WxRefund);
  }

  async queryRefund(outRefundNo: string): Promise<ChannelRefund> {
    const r = await this.call(() => this.pay.find_refunds(outRefundNo) as Promise<Output>);
    return refundFrom(r.data as WxRefund);
  }

  async verifyNotify(notify: RawNotify, now: number): Promise<VerifiedNotify> {
    const h = notify.headers;
    const signed: SignedMessage = {
      timestamp: h['wechatpay-timestamp'] ?? '',
      nonce: h['wechatpay-nonce'] ?? '',
      serial: h['wechatpay-serial'] ?? '',
      signature: h['wechatpay-signature'] ?? '',
      body: notify.rawBody,
    };
    if (!signed.timestamp || !signed.nonce || !signed.serial || !signed.signature)
      throw new NotifyRejected('malformed', 'Wechatpay-* headers missing');
    if (signed.serial !== this.c.publicKeyId)
      throw new NotifyRejected('unknown-key', `unknown Wechatpay-Serial ${signed.serial}`);
    const at = Number(signed.timestamp) * 1000;
    if (!Number.isFinite(at) || Math.abs(now - at) > MAX_SKEW_MS)
      throw new NotifyRejected('stale', `notify timestamp ${signed.timestamp} is more than 5 minutes away`);
    if (!(await this.verifySignature(signed)))
      throw new NotifyRejected('signature', 'notify signature does not verify');

    let event: { id?: unknown; event_type?: unknown; resource?: EncryptedResource };
    try {
      event = JSON.parse(notify.rawBody) as typeof event;
    } catch {
      throw new NotifyRejected('malformed', 'notify body is not JSON');
    }
    if (typeof event.id !== 'string' || typeof event.event_type !== 'string' || !event.resource)
      throw new NotifyRejected('malformed', 'notify without id, event_type or resource');
    let plain: unknown;
    try {
      plain = JSON.parse(decryptResource(this.c.apiV3Key, event.resource));
    } catch {
      throw new NotifyRejected('decrypt', 'notify resource does not decrypt (GCM tag)');
    }
    const identity = { notifyId: event.id, replayKey: signed.nonce };
    if (event.event_type === 'TRANSACTION.SUCCESS')
      return { ...identity, kind: 'payment', trade: tradeFrom(plain as WxTrade) };
    if (event.event_type.startsWith('REFUND.'))
      return { ...identity, kind: 'refund', refund: refundFrom(plain as WxRefund) };
    throw new NotifyRejected('malformed', `unexpected event_type ${event.event_type}`);
  }

  notifyReply(accepted: boolean): NotifyReply {
    // v3: a 2xx without a body acknowledges; anything else makes WeChat Pay deliver again.
    return accepted
      ? { status: 204, contentType: 'text/plain', body: '' }
      : { status: 400, contentType: 'application/json', body: JSON.stringify({ code: 'FAIL', message: '失败' }) };
  }

  async downloadBill(billDate: string): Promise<ChannelBill> {
    const r = await this.pay
      .tradebill({ bill_date: billDate, bill_type: 'ALL' })
      .catch((e: unknown) => this.unreachable(e));
    if (r.status === 400 && errorOf(r).code === 'NO_STATEMENT_EXIST') return { channel: 'wechat', billDate, lines: [] };
    if (r.status === 400 && errorOf(r).code === 'STATEMENT_CREATING')
      throw new ChannelError('wechat', 'BILL_NOT_READY', errorOf(r).message, true);
    const { download_url: url, hash_value: hash } = (this.ok(r).data ?? {}) as {
      download_url?: string;
      hash_value?: string;
    };
    if (!url || !hash)
      throw new ChannelError('wechat', 'NO_BILL_URL', 'tradebill answered without download_url or hash_value', true);
    const file = await this.call(() => this.pay.downloadBill(url));
    const bytes = Buffer.isBuffer(file.data) ? file.data : Buffer.from(String(file.data ?? ''));
    if (crypto.createHash('sha1').update(bytes).digest('hex') !== hash.toLowerCase())
      throw new ChannelError('wechat', 'BILL_HASH_MISMATCH', 'the bill file does not match its SHA1', true);
    let csv: string;
    try {
      csv = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      throw new ChannelError('wechat', 'BILL_FORMAT', 'the bill file is not UTF-8', false);
    }
    try {
      return { channel: 'wechat', billDate, lines: parseWechatPayBill(csv) };
    } catch (e) {
      if (e instanceof WechatPayBillFormatError || e instanceof RangeError)
        throw new ChannelError('wechat', 'BILL_FORMAT', e.message, false);
      throw e;
    }
  }

  private async verifySignature(m: SignedMessage): Promise<boolean> {
    if (m.serial !== this.c.publicKeyId) return false;
    try {
      return await this.pay.verifySign({
        timestamp: m.timestamp,
        nonce: m.nonce,
        serial: m.serial,
        signature: m.signature,
        body: m.body,
      });
    } catch {
      return false;
    }
  }

  private async call(request: () => Promise<Output>): Promise<Output> {
    return this.ok(await request().catch((e: unknown) => this.unreachable(e)));
  }

  private ok(r: Output): Output {
    if (r.status >= 200 && r.status < 300) return r;
    const { code, message } = errorOf(r);
    throw new ChannelError(
      'wechat',
      code,
      message,
      r.status === 0 || r.status >= 500 || code === 'SYSTEM_ERROR' || code === 'FREQUENCY_LIMITED',
    );
  }

  private unreachable(e: unknown): never {
    throw new ChannelError('wechat', 'NETWORK', e instanceof Error ? e.message : String(e), true);
  }
}

function errorOf(r: Output): { code: string; message: string } {
  try {
    const body = JSON.parse(String(r.error)) as { code?: string; message?: string };
    return { code: body.code ?? `HTTP_${r.status}`, message: body.message ?? '' };
  } catch {
    return { code: `HTTP_${r.status}`, message: String(r.error ?? '') };
  }
}
