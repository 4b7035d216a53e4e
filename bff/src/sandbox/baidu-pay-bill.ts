import crypto from 'node:crypto';
import { fenToYuan } from '../pay/money.js';
import type { Clock } from '../shared/clock.js';
import { beijingTimestamp, shanghaiDate } from '../shared/time.js';
import type { BillFault } from './bill-faults.js';

/** What the bill needs of an emulated Baidu cashier order. */
export interface BilledBaiduOrder {
  orderId: string;
  tpOrderId: string;
  userId: string;
  totalFen: number;
  paidAt: number | null;
  refund: { refundBatchId: string; bizRefundBatchId: string; fen: number; succeededAt: number | null } | null;
}

const HEADER = [
  '交易时间',
  'APPID',
  '百度订单号',
  '业务订单号',
  '用户标识',
  '订单支付状态',
  '订单金额(元)',
  '百度退款单号',
  '业务方退款批次号',
  '退款金额(元)',
  '退款状态',
  '退款时间',
  '公司名称',
  '手续费费率',
];
/** The cashier's service fee rate on this emulated agreement. */
const FEE_RATE = '0.6%';

interface Row {
  paidAt: number;
  orderId: string;
  tpOrderId: string;
  userId: string;
  state: string;
  fen: number;
  refund: BilledBaiduOrder['refund'];
}

/**
 * Baidu's order bill (订单对账单) of a day: `#` lines that describe it, a header, one row per order
 * paid or refunded that day (UTF-8 CSV). Faults a tester asked for are written into it.
 */
export class BaiduPayBills {
  private readonly faults = new Map<string, BillFault[]>();
  private readonly tokens = new Map<string, { billDate: string; expiresAt: number }>();

  constructor(
    private readonly appId: string,
    private readonly dealId: string,
    private readonly clock: Clock,
    private readonly orders: () => Iterable<BilledBaiduOrder>,
  ) {}

  setFaults(billDate: string, faults: BillFault[]): void {
    this.faults.set(billDate, faults);
  }

  /** orderBill: a short-lived URL for a day that is over. */
  url(billDate: string, origin: string): { ok: true; url: string } | { ok: false; errno: number; msg: string } {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(billDate) || Number.isNaN(Date.parse(billDate)))
      return { ok: false, errno: 40001, msg: 'billTime 格式不正确' };
    if (billDate >= shanghaiDate(this.clock.now())) return { ok: false, errno: 2103, msg: '账单尚未生成' };
    const token = crypto.randomBytes(16).toString('hex');
    this.tokens.set(token, { billDate, expiresAt: Date.now() + 30_000 });
    return { ok: true, url: `${origin}/baidu/billdownload?token=${token}` };
  }

  file(token: string): string | null {
    const t = this.tokens.get(token);
    if (!t || t.expiresAt < Date.now()) return null;
    const rows = this.applyFaults(t.billDate, this.rowsOf(t.billDate), this.faults.get(t.billDate) ?? []);
    const cell = (at: number | null | undefined) => (at ? beijingTimestamp(at) : '');
    return [
      '#百度收银台当日订单明细查询',
      `#Dealid:[${this.dealId}]`,
      `#起始日期:[${t.billDate} 00:00:00] 终止日期:[${t.billDate} 23:59:59]`,
      `#导出时间:[${beijingTimestamp(this.clock.now())}]`,
      `#总交易单数:${rows.length}`,
      '#——————当日所有订单账务明细列表———————',
      HEADER.join(','),
      ...rows.map((r) =>
        [
          beijingTimestamp(r.paidAt),
          this.appId,
          r.orderId,
          r.tpOrderId,
          r.userId,
          r.state,
          fenToYuan(r.fen),
          r.refund?.refundBatchId ?? '',
          r.refund?.bizRefundBatchId ?? '',
          r.refund ? fenToYuan(r.refund.fen) : '',
          r.refund?.succeededAt ? '退款成功' : r.refund ? '退款中' : '',
          cell(r.refund?.succeededAt),
          '城市预约挂号平台（沙箱）',
          FEE_RATE,
        ].join(','),
      ),
    ].join('\r\n');
  }

  private rowsOf(billDate: string): Row[] {
    const rows: Row[] = [];
    for (const o of this.orders()) {
      if (o.paidAt === null) continue;
      const refundedThatDay = o.refund?.succeededAt && shanghaiDate(o.refund.succeededAt) === billDate;
      if (shanghaiDate(o.paidAt) !== billDate && !refundedThatDay) continue;
      // A refund shows only on the bill of the day it succeeded.
      const refund = o.refund?.succeededAt && shanghaiDate(o.refund.succeededAt) <= billDate ? o.refund : null;
      rows.push({
        paidAt: o.paidAt,
        orderId: o.orderId,
        tpOrderId: o.tpOrderId,
        userId: o.userId,
        state: refund ? '已退款' : '已支付',
        fen: o.totalFen,
        refund,
      });
    }
    return rows.sort((a, b) => a.paidAt - b.paidAt);
  }

  private applyFaults(billDate: string, rows: Row[], faults: BillFault[]): Row[] {
    let out = rows;
    const paidThatDay = (r: Row) => shanghaiDate(r.paidAt) === billDate;
    for (const f of faults) {
      if (f.kind === 'drop') out = out.filter((r) => !(r.tpOrderId === f.outTradeNo && paidThatDay(r)));
      if (f.kind === 'amount')
        out = out.map((r) => (r.tpOrderId === f.outTradeNo ? { ...r, fen: f.amountFen ?? r.fen + 100 } : r));
      if (f.kind === 'status') out = out.map((r) => (r.tpOrderId === f.outTradeNo ? { ...r, state: '已关闭' } : r));
      if (f.kind === 'extra') {
        const at = Date.parse(`${billDate}T12:00:00+08:00`);
        out = [
          ...out,
          {
            paidAt: at,
            orderId: String(9e15 + crypto.randomInt(1e9)),
            tpOrderId: f.outTradeNo ?? `FOREIGN${crypto.randomInt(1e9)}`,
            userId: '1',
            state: '已支付',
            fen: f.amountFen ?? 1000,
            refund: null,
          },
        ];
      }
    }
    return out;
  }
}
