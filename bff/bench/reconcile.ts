import crypto from 'node:crypto';
import { parseArgs } from 'node:util';
import { AuditLog } from '../src/audit/audit-log.js';
import { Database } from '../src/db/database.js';
import { Payment, Refund, type PaymentEntityRow, type RefundEntityRow } from '../src/db/entities/index.js';
import { insertRows } from '../src/db/sql/table.js';
import type { ChannelBill, PaymentChannel } from '../src/pay/channel.js';
import { parseWechatPayBill } from '../src/pay/wechat/wechat-pay-bill.js';
import { ReconciliationService } from '../src/reconcile/reconciliation-service.js';
import { WechatPayBills, type BilledRefund, type BilledTrade } from '../src/sandbox/wechat-pay-bill.js';
import { ManualClock } from '../src/shared/clock.js';
import { newId } from '../src/shared/ids.js';
import { createLogger } from '../src/shared/logger.js';
import { addDays, shanghaiInstant } from '../src/shared/time.js';
import { benchDatabase } from './bench-database.js';
import { round } from './stats.js';

/**
 * `npm run bench:reconcile -w bff [-- --orders N]`: a day of N paid WeChat Pay orders (default
 * 200,000) over 40 hospitals, 1 % of them refunded the same day, and the day's trade bill written by
 * the WeChat Pay emulator (its CSV format, SHA1, and four injected faults). Prints the time to check
 * and parse the bill, load our side, match and store, on MariaDB with DATABASE_URL, else SQLite.
 */
const { values } = parseArgs({ options: { orders: { type: 'string', default: '200000' } } });
const N = Number(values.orders);
const DAY = '2026-11-20';
const sec = (ms: number) => round(ms / 1000, 2);

async function main() {
  const log = (msg: string) => process.stderr.write(`[bench:reconcile] ${msg}\n`);
  const benchDb = await benchDatabase();
  const db = await Database.open(benchDb.target);
  try {
    const start = shanghaiInstant(DAY, '00:00');
    const hospitals = Array.from({ length: 40 }, () => newId());
    const trades: (BilledTrade & { id: string; orderId: string; hospitalId: string })[] = Array.from(
      { length: N },
      (_, i) => {
        const paidAt = start + Math.floor((i / N) * 86_400_000);
        return {
          id: newId(),
          orderId: newId(),
          hospitalId: hospitals[i % 40]!,
          appid: 'wx8888888888888888',
          mchid: '1900000109',
          openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o',
          trade_type: 'JSAPI',
          description: '市第一人民医院 心血管内科 挂号费',
          out_trade_no: `${String(2611200000000000 + i)}PW${crypto.randomBytes(3).toString('hex').toUpperCase()}`,
          transaction_id: `4200${String(i).padStart(24, '0')}`,
          total: 500 + (i % 9000),
          paidAt,
        };
      },
    );
    const refunds: BilledRefund[] = trades
      .filter((_, i) => i % 100 === 7)
      .map((t) => ({
        refund_id: `50${t.transaction_id}`,
        out_refund_no: `${t.out_trade_no.slice(0, 16)}R${t.out_trade_no.slice(-6)}`,
        out_trade_no: t.out_trade_no,
        refund: t.total,
        total: t.total,
        succeededAt: t.paidAt! + 1000,
      }));
    let t = performance.now();
    await db.write(async (tx) => {
      const payments = trades.map(
        (p): PaymentEntityRow => ({
          id: p.id,
          orderId: p.orderId,
          accountId: newId(),
          hospitalId: p.hospitalId,
          channel: 'wechat',
          scene: 'miniprogram',
          outTradeNo: p.out_trade_no,
          amountFen: p.total,
          status: 'paid',
          channelTradeNo: p.transaction_id ?? null,
          paidFen: p.total,
          paidAt: p.paidAt,
          expiresAt: p.paidAt!,
          lastCheckedAt: null,
          channelTotalFen: null,
          discrepancy: null,
          createdAt: p.paidAt!,
          updatedAt: p.paidAt!,
          version: 1,
        }),
      );
      await insertRows(tx, Payment, payments, 1000);
      const byNo = new Map(trades.map((p) => [p.out_trade_no, p]));
      const rows = refunds.map((r): RefundEntityRow => {
        const p = byNo.get(r.out_trade_no)!;
        return {
          id: newId(),
          paymentId: p.id,
          orderId: p.orderId,
          hospitalId: p.hospitalId,
          channel: 'wechat',
          outRefundNo: r.out_refund_no,
          amountFen: r.refund,
          reason: 'cancelled',
          note: null,
          status: 'succeeded',
          channelRefundNo: r.refund_id,
          succeededAt: r.succeededAt,
          lastCheckedAt: null,
          createdAt: p.paidAt!,
          updatedAt: p.paidAt!,
          version: 1,
        };
      });
      await insertRows(tx, Refund, rows, 1000);
    });
    log(`seeded ${N} payments and ${refunds.length} refunds in ${sec(performance.now() - t)} s`);

    // The emulator writes the day's bill as WeChat Pay does, with four lines wrong for the matcher to find.
    const bills = new WechatPayBills(
      new ManualClock(shanghaiInstant(addDays(DAY, 1), '10:00')),
      () => trades,
      () => refunds,
    );
    bills.setFaults(DAY, [
      { kind: 'drop', outTradeNo: trades[0]!.out_trade_no },
      { kind: 'amount', outTradeNo: trades[1]!.out_trade_no },
      { kind: 'status', outTradeNo: trades[2]!.out_trade_no },
      { kind: 'extra', outTradeNo: 'FOREIGN0000000001' },
    ]);
    const answer = bills.apply(DAY, 'ALL');
    if (!answer.ok) throw new Error(answer.message);
    const { download_url: url, hash_value: hash } = answer.body as { download_url: string; hash_value: string };
    const file = Buffer.from(bills.file(new URL(url).searchParams.get('token')!)!);
    trades.length = 0;

    // The channel does what WechatPayChannel.downloadBill does once the file is in hand: SHA1, decode, parse.
    const wechat = {
      name: 'wechat',
      downloadBill: async (billDate: string): Promise<ChannelBill> => {
        if (crypto.createHash('sha1').update(file).digest('hex') !== hash)
          throw new Error('the bill does not match its SHA1');
        return {
          channel: 'wechat',
          billDate,
          lines: parseWechatPayBill(new TextDecoder('utf-8', { fatal: true }).decode(file)),
        };
      },
    } as unknown as PaymentChannel;
    const clock = new ManualClock(Date.now());
    const service = new ReconciliationService({
      db,
      channels: { wechat },
      clock,
      logger: createLogger('silent'),
      audit: new AuditLog(db, clock),
    });
    t = performance.now();
    const result = await service.run('wechat', DAY, 'bench');
    const totalMs = performance.now() - t;
    t = performance.now();
    const again = await service.run('wechat', DAY, 'bench');
    const rerunMs = performance.now() - t;
    const [stored] = await db.query<{ n: number }>(
      'SELECT COUNT(*) AS n FROM reconciliation_line WHERE bill_date = ?',
      [DAY],
    );
    process.stdout.write(
      `${JSON.stringify(
        {
          reconcile: {
            database: benchDb.target.kind === 'mysql' ? 'mariadb' : 'sqlite',
            orders: N,
            refunds: refunds.length,
            billLines: result.billLines,
            billMiB: round(file.length / 1048576, 1),
            parseSeconds: sec(result.timings.downloadMs),
            loadSeconds: sec(result.timings.loadMs),
            matchSeconds: sec(result.timings.matchMs),
            storeSeconds: sec(result.timings.storeMs),
            totalSeconds: sec(totalMs),
            linesPerSecond: Math.round(result.billLines / (totalMs / 1000)),
            rerunSeconds: sec(rerunMs),
            counts: result.counts,
            rerunSameCounts: JSON.stringify(again.counts) === JSON.stringify(result.counts),
            storedLines: Number(stored!.n),
            peakRssMiB: round(process.resourceUsage().maxRSS / 1024),
          },
        },
        null,
        2,
      )}\n`,
    );
  } finally {
    await db.close();
    await benchDb.drop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
