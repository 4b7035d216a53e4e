import { fromBeijingTimestamp } from '../../shared/time.js';
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
  const at = fromBeijingTimestamp(text);
  if (at === null) throw new WechatPayBillFormatError(`bad 交易时间 ${text}`);
  return at;
}

/** A row's fields: data fields all start with a backtick, so ",`" separates them even around a comma inside a 商品名称. */
function fields(line: string): string[] {
  return (line.startsWith('`') ? line.slice(1).split(',`') : line.split(',')).map((v) => v.trim());
}

/**
 * WeChat Pay's trade bill (ALL): a header row, one row per payment (SUCCESS) and per refund
 * (REFUND), every field prefixed with a backtick so spreadsheets keep long numbers as text, then a
 * summary header and line. Read by header name; yuan text → fen exactly; the summary's row count
 * must agree with the rows read.
 */
export function parseWechatPayBill(csv: string): BillLine[] {
  const rows = csv
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((l) => l.trim());
  if (!rows.length) return [];
  const header = fields(rows[0]!);
  const missing = Object.values(COLUMNS).filter((c) => !header.includes(c));
  if (missing.length) throw new WechatPayBillFormatError(`the bill lacks columns: ${missing.join(', ')}`);
  const end = rows.findIndex((l, i) => i > 0 && l.startsWith('总交易单数'));
  if (end < 0 || end + 1 >= rows.length) throw new WechatPayBillFormatError('the bill has no summary: it is cut short');
  const summary = fields(rows[end]!);
  const count = fields(rows[end + 1]!)[summary.indexOf('总交易单数')];
  if (count !== String(end - 1))
    throw new WechatPayBillFormatError(`the summary counts ${count} rows, the bill has ${end - 1}`);
  const at = Object.fromEntries(Object.values(COLUMNS).map((name) => [name, header.indexOf(name)])) as Record<
    string,
    number
  >;
  return rows.slice(1, end).map((line) => {
    const f = fields(line);
    if (f.length !== header.length)
      throw new WechatPayBillFormatError(`a row has ${f.length} fields, the header ${header.length}`);
    const get = (name: string) => f[at[name]!] ?? '';
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
