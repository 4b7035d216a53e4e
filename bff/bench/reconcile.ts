import crypto from 'node:crypto';
import { parseArgs } from 'node:util';
import { AuditLog } from '../src/audit/audit-log.js';
import { Database } from '../src/db/database.js';
import { bulkInsert } from '../src/db/sql/bulk-insert.js';
import type { BillLine, PaymentChannel } from '../src/pay/channel.js';
import { fenToYuan } from '../src/pay/money.js';
import { parseWechatPayBill } from '../src/pay/wechat/wechat-pay-bill.js';
import { ReconciliationService } from '../src/reconcile/reconciliation-service.js';
import { ManualClock } from '../src/shared/clock.js';
import { newId } from '../src/shared/ids.js';
import { createLogger } from '../src/shared/logger.js';
import { shanghaiInstant } from '../src/shared/time.js';
import { benchDatabase } from './bench-database.js';
import { round } from './stats.js';

/**
 * `npm run bench:reconcile -w bff [-- --orders N]`: a day of N paid orders (default 200,000) over
 * 40 hospitals, 1 % refunded, and WeChat Pay's trade bill for it with a few wrong lines; prints the
 * time to parse the bill, match it and store the result (MariaDB with DATABASE_URL, else SQLite).
 */
const { values } = parseArgs({ options: { orders: { type: 'string', default: '200000' } } });
const N = Number(values.orders);
const DAY = '2026-11-20';

async function main() {
  const log = (msg: string) => process.stderr.write(`[bench:reconcile] ${msg}\n`);
  const benchDb = await benchDatabase();
  const db = await Database.open(benchDb.target);
  try {
    const start = shanghaiInstant(DAY, '00:00');
    const hospitals = Array.from({ length: 40 }, () => newId());
    const payments = Array.from({ length: N }, (_, i) => ({
      id: newId(), orderId: newId(), hospitalId: hospitals[i % 40]!, outTradeNo: `${String(2611200000000000 + i)}PW${crypto.randomBytes(3).toString('hex').toUpperCase()}`,
      transactionId: `4200${String(i).padStart(24, '0')}`, fen: 500 + (i % 9000), paidAt: start + Math.floor((i / N) * 86_400_000),
    }));
    let t = performance.now();
    await db.write(async (tx) => {
      await bulkInsert(tx, 'payment', ['id', 'order_id', 'account_id', 'hospital_id', 'channel', 'out_trade_no', 'amount_fen', 'status', 'channel_trade_no', 'paid_fen', 'paid_at', 'expires_at', 'last_checked_at', 'created_at', 'updated_at', 'version'],
        payments.map((p) => [p.id, p.orderId, newId(), p.hospitalId, 'wechat', p.outTradeNo, p.fen, 'paid', p.transactionId, p.fen, p.paidAt, p.paidAt, null, p.paidAt, p.paidAt, 1]), 1000);
      const refunded = payments.filter((_, i) => i % 100 === 7);
      await bulkInsert(tx, 'refund', ['id', 'payment_id', 'order_id', 'hospital_id', 'channel', 'out_refund_no', 'amount_fen', 'reason', 'note', 'status', 'channel_refund_no', 'succeeded_at', 'last_checked_at', 'created_at', 'updated_at', 'version'],
        refunded.map((p) => [newId(), p.id, p.orderId, p.hospitalId, 'wechat', `${p.outTradeNo.slice(0, 16)}R${p.outTradeNo.slice(-6)}`, p.fen, 'cancelled', null, 'succeeded', `50${p.transactionId}`, p.paidAt + 1000, null, p.paidAt, p.paidAt, 1]), 1000);
    });
    log(`seeded ${N} payments in ${round((performance.now() - t) / 1000, 1)} s`);

    // The bill as WeChat Pay writes it; three lines wrong so the matcher has something to find.
    const row = (at: number, p: (typeof payments)[number], refund: boolean) => [
      new Date(at + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' '), 'wx0000', '1900000109', '0', '', p.transactionId, p.outTradeNo, 'o', 'JSAPI', refund ? 'REFUND' : 'SUCCESS', 'OTHERS', 'CNY',
      fenToYuan(refund ? 0 : p.fen), '0.00', refund ? `50${p.transactionId}` : '0', refund ? `${p.outTradeNo.slice(0, 16)}R${p.outTradeNo.slice(-6)}` : '0', fenToYuan(refund ? p.fen : 0), '0.00',
      refund ? 'ORIGINAL' : '', refund ? 'SUCCESS' : '', '挂号费', '', fenToYuan(Math.round((p.fen * 6) / 1000) * (refund ? -1 : 1)), '0.60%', fenToYuan(p.fen), fenToYuan(refund ? p.fen : 0), '',
    ].map((v) => `\`${v}`).join(',');
    const lines = payments.slice(1).map((p, i) => row(p.paidAt, i === 0 ? { ...p, fen: p.fen + 1 } : p, false));
    for (const [i, p] of payments.entries()) if (i % 100 === 7) lines.push(row(p.paidAt + 1000, p, true));
    const csv = `${['交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注', ...lines, '总交易单数,应结订单总金额', '`0,`0.00'].join('\r\n')}\r\n`;

    t = performance.now();
    let parsed: BillLine[] = [];
    parsed = parseWechatPayBill(csv);
    const parseMs = performance.now() - t;
    const bill = { name: 'wechat', downloadBill: async (billDate: string) => ({ channel: 'wechat', billDate, lines: parsed }) } as unknown as PaymentChannel;
    const clock = new ManualClock(Date.now());
    const service = new ReconciliationService({ db, channels: { wechat: bill }, clock, logger: createLogger('silent'), audit: new AuditLog(db, clock) });
    const rssBefore = process.memoryUsage().rss;
    t = performance.now();
    const result = await service.run('wechat', DAY, 'bench');
    const runMs = performance.now() - t;
    t = performance.now();
    const again = await service.run('wechat', DAY, 'bench');
    const rerunMs = performance.now() - t;
    process.stdout.write(`${JSON.stringify({
      reconcile: {
        database: benchDb.target.kind === 'mysql' ? 'mariadb' : 'sqlite', orders: N, billLines: result.billLines, billMiB: round(Buffer.byteLength(csv) / 1048576, 1),
        parseSeconds: round(parseMs / 1000, 2), matchSeconds: round(result.timings.matchMs / 1000, 2), storeSeconds: round(result.timings.storeMs / 1000, 2),
        totalSeconds: round((parseMs + runMs) / 1000, 2), linesPerSecond: round(result.billLines / ((parseMs + runMs) / 1000)), rerunSeconds: round(rerunMs / 1000, 2),
        counts: result.counts, rerunSameCounts: JSON.stringify(again.counts) === JSON.stringify(result.counts),
        rssMiB: round(process.memoryUsage().rss / 1048576), rssGrowthMiB: round((process.memoryUsage().rss - rssBefore) / 1048576),
      },
    }, null, 2)}\n`);
  } finally {
    await db.close();
    await benchDb.drop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
