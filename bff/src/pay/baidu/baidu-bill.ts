import { fromBeijingTimestamp, shanghaiDate } from '../../shared/time.js';
import { csvFields } from '../bill-csv.js';
import type { BillLine } from '../channel.js';
import { yuanToFen } from '../money.js';

/** The columns we read, by their header text. */
const COLUMNS = {
  paidAt: '交易时间',
  orderId: '百度订单号',
  tpOrderId: '业务订单号',
  payState: '订单支付状态',
  amount: '订单金额(元)',
  refundBatchId: '百度退款单号',
  bizRefundBatchId: '业务方退款批次号',
  refundAmount: '退款金额(元)',
  refundState: '退款状态',
  refundedAt: '退款时间',
  feeRate: '手续费费率',
} as const;

export class BaiduBillFormatError extends Error {}

/** "0.6%" → 0.006 */
function rateOf(text: string): number {
  const m = /^(\d+(?:\.\d+)?)%$/.exec(text);
  if (!m) throw new BaiduBillFormatError(`bad 手续费费率 ${text}`);
  return Number(m[1]) / 100;
}

function instant(text: string, column: string): number {
  const at = fromBeijingTimestamp(text);
  if (at === null) throw new BaiduBillFormatError(`bad ${column} ${text}`);
  return at;
}

/**
 * Baidu's order bill (订单对账单) of one day: `#` lines describing it, a header, then one row per
 * order touched that day. A row is a payment line when it was paid that day and a refund line when
 * its refund succeeded that day (both, for an order paid and refunded the same day). Read by
 * header name; yuan text → fen exactly; the fee follows from the row's rate.
 */
export function parseBaiduBill(csv: string, billDate: string): BillLine[] {
  const rows = csv
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((l) => l.trim() && !l.startsWith('#'));
  if (!rows.length) return [];
  const header = csvFields(rows[0]!);
  const missing = Object.values(COLUMNS).filter((c) => !header.includes(c));
  if (missing.length) throw new BaiduBillFormatError(`the bill lacks columns: ${missing.join(', ')}`);
  const at = Object.fromEntries(Object.values(COLUMNS).map((name) => [name, header.indexOf(name)])) as Record<
    string,
    number
  >;
  const lines: BillLine[] = [];
  for (const row of rows.slice(1)) {
    const f = csvFields(row);
    if (f.length !== header.length)
      throw new BaiduBillFormatError(`a row has ${f.length} fields, the header ${header.length}`);
    const get = (name: string) => f[at[name]!] ?? '';
    const rate = rateOf(get(COLUMNS.feeRate));
    const paidAt = instant(get(COLUMNS.paidAt), COLUMNS.paidAt);
    if (shanghaiDate(paidAt) === billDate) {
      const fen = yuanToFen(get(COLUMNS.amount));
      lines.push({
        kind: 'payment',
        outTradeNo: get(COLUMNS.tpOrderId),
        outRefundNo: null,
        channelTradeNo: get(COLUMNS.orderId) || null,
        channelRefundNo: null,
        amountFen: fen,
        feeFen: Math.round(fen * rate),
        channelStatus: get(COLUMNS.payState),
        at: paidAt,
      });
    }
    if (get(COLUMNS.refundBatchId) && get(COLUMNS.refundedAt)) {
      const refundedAt = instant(get(COLUMNS.refundedAt), COLUMNS.refundedAt);
      if (shanghaiDate(refundedAt) !== billDate) continue;
      const fen = yuanToFen(get(COLUMNS.refundAmount));
      lines.push({
        kind: 'refund',
        outTradeNo: get(COLUMNS.tpOrderId),
        outRefundNo: get(COLUMNS.bizRefundBatchId) || null,
        channelTradeNo: get(COLUMNS.orderId) || null,
        channelRefundNo: get(COLUMNS.refundBatchId),
        amountFen: fen,
        feeFen: -Math.round(fen * rate),
        channelStatus: get(COLUMNS.refundState),
        at: refundedAt,
      });
    }
  }
  return lines;
}
