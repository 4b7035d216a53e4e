import type { BillLine } from '../channel.js';
import { yuanToFen } from '../money.js';

const COLUMNS = {
  time: '交易时间',
  transactionId: '微信订单号',
  outTradeNo: '商户订单号',
  state: '交易状态',
  settled: '应结订单金额',
  refundId: '微信退款单号',
  outRefundNo: '商户退款单号',
  refund: '退款金额',
  fee: '手续费',
  order: '订单金额',
} as const;

export class WechatPayBillFormatError extends Error {}

/** `2026-11-22 10:00:00` in Beijing time → instant. */
function beijingInstant(text: string): number {
  const at = Date.parse(`${text.replace(' ', 'T')}+08:00`);
  if (Number.isNaN(at)) throw new WechatPayBillFormatError(`bad 交易时间 ${text}`);
  return at;
}

/**
 * WeChat Pay's trade bill (ALL): a header row, one row per payment (SUCCESS) and per refund
 * (REFUND), every field prefixed with a backtick so spreadsheets keep long numbers as text, then a
 * summary header and line. Read by header name; yuan text → fen exactly.
 */
export function parseWechatPayBill(csv: string): BillLine[] {
  const rows = csv.replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l.trim());
  if (!rows.length) return [];
  const header = rows[0]!.split(',').map((h) => h.trim());
  const missing = Object.values(COLUMNS).filter((c) => !header.includes(c));
  if (missing.length) throw new WechatPayBillFormatError(`the bill lacks columns: ${missing.join(', ')}`);
  const end = rows.findIndex((l, i) => i > 0 && l.startsWith('总交易单数'));
  if (end < 0) throw new WechatPayBillFormatError('the bill has no summary: it is cut short');
  const col = (name: string) => header.indexOf(name);
  return rows.slice(1, end).map((line) => {
    const f = line.split(',').map((v) => v.replace(/^`/, '').trim());
    const get = (name: string) => f[col(name)] ?? '';
    const refund = get(COLUMNS.state) === 'REFUND';
    return {
      kind: refund ? 'refund' : 'payment',
      outTradeNo: get(COLUMNS.outTradeNo),
      outRefundNo: refund ? get(COLUMNS.outRefundNo) : null,
      channelTradeNo: get(COLUMNS.transactionId) || null,
      channelRefundNo: refund ? get(COLUMNS.refundId) || null : null,
      amountFen: yuanToFen(refund ? get(COLUMNS.refund) : get(COLUMNS.order)),
      feeFen: yuanToFen(get(COLUMNS.fee) || '0'),
      channelStatus: get(COLUMNS.state),
      at: beijingInstant(get(COLUMNS.time)),
    } satisfies BillLine;
  });
}
