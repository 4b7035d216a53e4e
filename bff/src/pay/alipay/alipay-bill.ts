import { unzipSync } from 'fflate';
import { fromBeijingTimestamp } from '../../shared/time.js';
import type { BillLine } from '../channel.js';
import { csvFields as fields } from '../bill-csv.js';
import { yuanToFen } from '../money.js';

const DETAIL_START = /^#-+业务明细列表-+$/;
const DETAIL_END = /^#-+业务明细列表结束-+$/;

/** The columns we read, by their header text (Alipay reorders and adds columns over time). */
const COLUMNS = {
  tradeNo: '支付宝交易号',
  outTradeNo: '商户订单号',
  type: '业务类型',
  finishedAt: '完成时间',
  orderAmount: '订单金额（元）',
  received: '商家实收（元）',
  refundRequestNo: '退款批次号/请求号',
  fee: '服务费（元）',
} as const;

export class AlipayBillFormatError extends Error {}

/** The 业务明细 rows of one CSV text, keyed by header name. */
export function detailRows(csv: string): Record<string, string>[] {
  const lines = csv.split(/\r?\n/);
  const start = lines.findIndex((l) => DETAIL_START.test(l.trim()));
  if (start < 0) return [];
  const header = fields(lines[start + 1] ?? '');
  const rows: Record<string, string>[] = [];
  for (const line of lines.slice(start + 2)) {
    if (DETAIL_END.test(line.trim())) return rows;
    if (!line.trim() || line.startsWith('#')) continue;
    const values = fields(line);
    rows.push(Object.fromEntries(header.map((h, i) => [h, values[i] ?? ''])));
  }
  throw new AlipayBillFormatError('业务明细列表 has no end marker: the bill is cut short');
}

/**
 * Alipay's trade bill: a zip of GBK CSV files, one of them the 业务明细 (one row per trade and per
 * refund). Rows are read by header name; amounts are exact yuan text turned into fen.
 */
export function parseAlipayBill(zip: Uint8Array): BillLine[] {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(zip);
  } catch (e) {
    throw new AlipayBillFormatError(`the bill is not a zip: ${(e as Error).message}`);
  }
  const gbk = new TextDecoder('gbk');
  const details = Object.values(files)
    .map((bytes) => gbk.decode(bytes))
    .filter((text) => text.split(/\r?\n/).some((l) => DETAIL_START.test(l.trim())));
  if (details.length !== 1)
    throw new AlipayBillFormatError(`expected one 业务明细 file in the bill, found ${details.length}`);
  const rows = detailRows(details[0]!);
  if (rows.length && !Object.values(COLUMNS).every((c) => c in rows[0]!)) {
    throw new AlipayBillFormatError(
      `the bill lacks columns: ${Object.values(COLUMNS)
        .filter((c) => !(c in rows[0]!))
        .join(', ')}`,
    );
  }
  return rows.map((r) => {
    const refund = r[COLUMNS.type] === '退款';
    const at = fromBeijingTimestamp(r[COLUMNS.finishedAt]);
    if (at === null) throw new AlipayBillFormatError(`bad 完成时间 ${r[COLUMNS.finishedAt]}`);
    return {
      kind: refund ? 'refund' : 'payment',
      outTradeNo: r[COLUMNS.outTradeNo]!,
      outRefundNo: refund ? r[COLUMNS.refundRequestNo] || null : null,
      channelTradeNo: r[COLUMNS.tradeNo] || null,
      channelRefundNo:
        refund && r[COLUMNS.tradeNo] ? `${r[COLUMNS.tradeNo]}:${r[COLUMNS.refundRequestNo]}`.slice(0, 64) : null,
      // A refund row shows what left the merchant as a negative 商家实收.
      amountFen: refund ? -yuanToFen(r[COLUMNS.received]!) : yuanToFen(r[COLUMNS.orderAmount]!),
      // 服务费 is charged as a negative amount and returned as a positive one on a refund.
      feeFen: -yuanToFen(r[COLUMNS.fee] || '0'),
      channelStatus: r[COLUMNS.type]!,
      at,
    } satisfies BillLine;
  });
}
