import crypto from 'node:crypto';
import type { Clock } from '../shared/clock.js';
import { BaiduPayBills, type BilledBaiduOrder } from './baidu-pay-bill.js';
import { BAIDU_NOTIFY_MODES, BaiduPayNotifier } from './baidu-pay-notify.js';
import { parseBillFaults } from './bill-faults.js';
import { json, type Reply } from './http.js';
import type { NotifyDelivery, NotifyPlan } from './notify-plan.js';
import { cashierVerify } from './signing/baidu.js';

export interface BaiduPayCredentials {
  /** The mini-program's App Key / App Secret (access tokens). */
  clientId: string;
  sk: string;
  dealId: string;
  payAppKey: string;
  /** The developer's public key (checks orderInfo.rsaSign) and the emulator's platform private key (signs notifies). */
  developerPublicKey: string;
  platformPrivateKey: string;
}

interface Order extends BilledBaiduOrder {
  /** -1 closed, 1 unpaid, 2 paid, 5 refunded. */
  status: -1 | 1 | 2 | 5;
  notifyUrl: string | null;
  createdAt: number;
}

const answer = (data: unknown): Reply => json({ errno: 0, msg: 'success', data });
const failure = (errno: number, msg: string, status = 200): Reply => json({ errno, msg, data: {} }, status);
const digits = (n: number) =>
  String(crypto.randomInt(1, 9)) + Array.from(crypto.randomBytes(n - 1), (b) => String(b % 10)).join('');
const TOKEN_TTL_S = 30 * 24 * 3600;
/** The payment service's APPID the bill prints (支付管理 shows it beside dealId and appKey). */
const SANDBOX_PAY_APP_ID = '10026';

/**
 * The Baidu cashier (百度收银台) as a mini-program developer meets it: access tokens by client
 * credentials (`/oauth/2.0/token`), `paymentservice/*` (findByTpOrderId, cancelOrder,
 * applyOrderRefund, findOrderRefund, orderBill) answering `{errno, msg, data}`, and notifies
 * signed with the platform key. `/baidu/sandbox/pay` stands in for requestPolymerPayment: it takes
 * the orderInfo the app got, checks its rsaSign, and pays or declines.
 */
export class BaiduPayEmulator {
  private readonly orders = new Map<string, Order>();
  private readonly tokens = new Map<string, number>();
  private readonly notifier: BaiduPayNotifier;
  private readonly bills: BaiduPayBills;

  constructor(
    private readonly c: BaiduPayCredentials,
    private readonly clock: Clock,
    deliveries: NotifyDelivery[],
    private readonly refundDelayMs = 200,
  ) {
    this.notifier = new BaiduPayNotifier(c.platformPrivateKey, deliveries);
    this.bills = new BaiduPayBills(SANDBOX_PAY_APP_ID, c.dealId, clock, () => this.orders.values());
  }

  token(p: URLSearchParams): Reply {
    if (p.get('grant_type') !== 'client_credentials')
      return json(
        { error: 'unsupported_grant_type', error_description: 'The authorization grant type is not supported' },
        400,
      );
    if (p.get('client_id') !== this.c.clientId || p.get('client_secret') !== this.c.sk)
      return json({ error: 'invalid_client', error_description: 'unknown client id or secret' }, 401);
    const issuedAt = Math.floor(Date.now() / 1000);
    const token = `24.${crypto.randomBytes(16).toString('hex')}.${TOKEN_TTL_S}.${issuedAt}-${digits(8)}`;
    this.tokens.set(token, Date.now() + TOKEN_TTL_S * 1000);
    return json({
      access_token: token,
      expires_in: TOKEN_TTL_S,
      scope: p.get('scope') ?? 'smartapp_snsapi_base',
      session_key: crypto.randomBytes(16).toString('hex'),
      session_secret: crypto.randomBytes(16).toString('hex'),
    });
  }

  /** Whether a token is one this emulator issued and still valid (for the other open APIs). */
  tokenState(token: string): 'valid' | 'invalid' | 'expired' {
    const expiresAt = this.tokens.get(token);
    if (expiresAt === undefined) return 'invalid';
    return expiresAt <= Date.now() ? 'expired' : 'valid';
  }

  /** Whether the cashier's order of this id was paid. */
  isPaidOrder(orderId: string): boolean {
    return [...this.orders.values()].some((o) => o.orderId === orderId && o.paidAt !== null);
  }

  /** `paymentservice/<name>` with its parameters (query and form). */
  service(name: string, p: Map<string, string>, origin: string): Reply {
    const token = p.get('access_token') ?? '';
    const expiresAt = this.tokens.get(token);
    if (expiresAt === undefined) return failure(110, 'Access token invalid or no longer valid');
    if (expiresAt <= Date.now()) return failure(111, 'Access token expired');
    if (p.get('pmAppKey') !== this.c.payAppKey) return failure(40003, 'pmAppKey 不正确');
    switch (name) {
      case 'findByTpOrderId':
        return this.withOrder(p, (o) => answer(this.view(o)));
      case 'cancelOrder':
        return this.withOrder(p, (o) => this.cancel(o, p));
      case 'applyOrderRefund':
        return this.withOrder(p, (o) => this.applyRefund(o, p));
      case 'findOrderRefund':
        return this.withOrder(p, (o) => this.findRefund(o, p));
      case 'orderBill': {
        const r = this.bills.url(p.get('billTime') ?? '', origin);
        return r.ok ? answer({ url: r.url }) : failure(r.errno, r.msg);
      }
      default:
        return failure(404, 'no such service', 404);
    }
  }

  /** The tester's requestPolymerPayment: `{orderInfo, action: pay|decline, notify?, lateAccept?}`. */
  sandboxPay(input: {
    orderInfo?: Record<string, unknown>;
    action?: string;
    notify?: NotifyPlan;
    lateAccept?: boolean;
    paidAs?: { totalFen?: number };
  }): Reply {
    const info = Object.fromEntries(Object.entries(input.orderInfo ?? {}).map(([k, v]) => [k, String(v)]));
    const signed = {
      appKey: info.appKey ?? '',
      dealId: info.dealId ?? '',
      totalAmount: info.totalAmount ?? '',
      tpOrderId: info.tpOrderId ?? '',
    };
    if (
      info.signFieldsRange !== '1' ||
      !info.rsaSign ||
      !cashierVerify(signed, info.rsaSign, this.c.developerPublicKey)
    )
      return json({ errCode: 1, errMsg: '签名错误' }, 400);
    if (signed.appKey !== this.c.payAppKey || signed.dealId !== this.c.dealId)
      return json({ errCode: 1, errMsg: 'appKey 或 dealId 不正确' }, 400);
    if (!/^[1-9]\d{0,9}$/.test(signed.totalAmount) || !signed.tpOrderId)
      return json({ errCode: 1, errMsg: '订单金额或订单号不正确' }, 400);
    const plan = input.notify ?? { mode: 'send' };
    if (!(BAIDU_NOTIFY_MODES as readonly string[]).includes(plan.mode))
      return json({ errCode: 1, errMsg: `notify.mode must be one of ${BAIDU_NOTIFY_MODES.join(', ')}` }, 400);

    // Baidu creates its order when the cashier opens; the same tpOrderId opens the same order.
    let o = this.orders.get(signed.tpOrderId);
    if (o && o.totalFen !== Number(signed.totalAmount))
      return json({ errCode: 1, errMsg: '订单信息与原订单不一致' }, 400);
    if (!o) {
      o = {
        orderId: digits(12),
        tpOrderId: signed.tpOrderId,
        userId: digits(10),
        totalFen: Number(signed.totalAmount),
        paidAt: null,
        refund: null,
        status: 1,
        notifyUrl: info.notifyUrl ?? null,
        createdAt: this.clock.now(),
      };
      this.orders.set(o.tpOrderId, o);
    }
    if (input.action === 'decline') return json({ errCode: 2, errMsg: '用户取消支付' });
    if (input.action !== 'pay') return json({ errCode: 1, errMsg: 'action must be pay or decline' }, 400);
    if (o.status !== 1 && !(o.status === -1 && input.lateAccept))
      return json({ errCode: 1, errMsg: o.status === -1 ? '订单已关闭' : '订单已支付' }, 400);
    const paidAs = input.paidAs ?? {};
    if (paidAs.totalFen !== undefined && (!Number.isInteger(paidAs.totalFen) || paidAs.totalFen <= 0))
      return json({ errCode: 1, errMsg: 'paidAs.totalFen must be a positive integer' }, 400);
    // paidAs: the order Baidu settles is not the one signed in orderInfo, as a channel fault would be.
    if (paidAs.totalFen !== undefined) o.totalFen = paidAs.totalFen;
    o.status = 2;
    o.paidAt = this.clock.now();
    if (o.notifyUrl) {
      this.notifier.send(
        o.notifyUrl,
        {
          userId: o.userId,
          orderId: o.orderId,
          unitPrice: String(o.totalFen),
          count: '1',
          totalMoney: String(o.totalFen),
          payMoney: String(o.totalFen),
          promoMoney: '0',
          hbMoney: '0',
          hbBalanceMoney: '0',
          giftCardMoney: '0',
          dealId: this.c.dealId,
          payTime: String(Math.floor(o.paidAt / 1000)),
          promoDetail: '',
          payType: '1117',
          partnerId: '6000001',
          status: '2',
          tpOrderId: o.tpOrderId,
          returnData: '',
        },
        'pay/2',
        o.tpOrderId,
        plan,
      );
    }
    return json({ errCode: 0, orderId: o.orderId, status: o.status });
  }

  /** `POST /baidu/sandbox/bill-faults`: wrong lines in a day's bill. */
  sandboxBillFaults(input: unknown): Reply {
    const plan = parseBillFaults(input);
    if (!plan)
      return json(
        {
          errno: 40001,
          msg: 'billDate (YYYY-MM-DD) and faults[{kind: drop|amount|status|extra, outTradeNo}] required',
        },
        400,
      );
    this.bills.setFaults(plan.billDate, plan.faults);
    return json(plan);
  }

  /** `POST /baidu/sandbox/expire-tokens`: every access token given out so far expires now. */
  expireTokens(): Reply {
    for (const token of this.tokens.keys()) this.tokens.set(token, 0);
    return json({ expired: this.tokens.size });
  }

  billFile(token: string): Reply {
    const csv = this.bills.file(token);
    return csv === null
      ? { status: 404, body: '文件不存在或已过期', type: 'text/plain;charset=utf-8' }
      : { status: 200, body: csv, type: 'text/csv;charset=utf-8' };
  }

  private withOrder(p: Map<string, string>, then: (o: Order) => Reply): Reply {
    const o = this.orders.get(p.get('tpOrderId') ?? '');
    if (!o || (p.has('orderId') && p.get('orderId') !== o.orderId)) return failure(2100, 'order not exists');
    return then(o);
  }

  private view(o: Order): Record<string, unknown> {
    return {
      appKey: this.c.payAppKey,
      dealId: Number(this.c.dealId),
      orderId: Number(o.orderId),
      tpOrderId: o.tpOrderId,
      userId: Number(o.userId),
      status: o.status,
      count: 1,
      totalMoney: o.totalFen,
      payMoney: o.status === 1 || o.status === -1 ? 0 : o.totalFen,
      createTime: Math.floor(o.createdAt / 1000),
      ...(o.paidAt ? { payTime: Math.floor(o.paidAt / 1000) } : {}),
    };
  }

  private cancel(o: Order, p: Map<string, string>): Reply {
    if (!p.has('orderId')) return failure(40001, 'orderId 不能为空');
    if (o.status !== 1 && o.status !== -1) return failure(2102, '订单状态不允许关闭');
    o.status = -1;
    return answer({});
  }

  private applyRefund(o: Order, p: Map<string, string>): Reply {
    const fen = Number(p.get('applyRefundMoney'));
    const bizRefundBatchId = p.get('bizRefundBatchId') ?? '';
    if (!bizRefundBatchId || !Number.isInteger(fen) || fen <= 0)
      return failure(40001, 'applyRefundMoney 或 bizRefundBatchId 不正确');
    if (p.get('userId') !== o.userId || !p.get('orderId')) return failure(40001, 'orderId 或 userId 不正确');
    if (p.get('isSkipAudit') !== '1') return failure(40001, '未配置退款审核地址，isSkipAudit 须为 1');
    if (o.refund) {
      // The same batch again is answered as it was; another batch on a refunded order is refused.
      if (o.refund.bizRefundBatchId === bizRefundBatchId && o.refund.fen === fen) return answer(this.refundAnswer(o));
      return failure(2104, '该订单已申请退款');
    }
    if (o.status !== 2) return failure(2102, '订单未支付，不能退款');
    if (fen > o.totalFen) return failure(2105, '退款金额超过订单金额');
    o.refund = { refundBatchId: digits(15), bizRefundBatchId, fen, succeededAt: null };
    setTimeout(() => this.finishRefund(o), this.refundDelayMs).unref();
    return answer(this.refundAnswer(o));
  }

  private finishRefund(o: Order): void {
    if (!o.refund || o.refund.succeededAt) return;
    o.refund.succeededAt = this.clock.now();
    o.status = 5;
    if (o.notifyUrl) {
      this.notifier.send(
        o.notifyUrl,
        {
          userId: o.userId,
          orderId: o.orderId,
          tpOrderId: o.tpOrderId,
          refundBatchId: o.refund.refundBatchId,
          refundStatus: '1',
        },
        'refund/1',
        o.refund.bizRefundBatchId,
        { mode: 'send' },
      );
    }
  }

  private refundAnswer(o: Order): Record<string, unknown> {
    return {
      balance: o.totalFen - o.refund!.fen,
      bizRefundBatchId: o.refund!.bizRefundBatchId,
      orderId: Number(o.orderId),
      refundBatchId: Number(o.refund!.refundBatchId),
      refundPayMoney: o.refund!.fen,
    };
  }

  private findRefund(o: Order, p: Map<string, string>): Reply {
    if (p.get('userId') !== o.userId) return failure(40001, 'userId 不正确');
    if (!o.refund) return answer([]);
    return answer([
      {
        bizRefundBatchId: o.refund.bizRefundBatchId,
        isCashierRefund: 1,
        orderId: Number(o.orderId),
        refundBatchId: Number(o.refund.refundBatchId),
        refundStatus: o.refund.succeededAt ? 2 : 1,
        userId: Number(o.userId),
        refundPayMoney: o.refund.fen,
      },
    ]);
  }
}
