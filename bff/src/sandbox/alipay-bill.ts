import crypto from 'node:crypto';
import { zipSync } from 'fflate';
import iconv from 'iconv-lite';
import { fenToYuan } from '../pay/money.js';
import type { Clock } from '../shared/clock.js';
import { addDays, beijingTimestamp, shanghaiDate } from '../shared/time.js';
import type { AlipayTrade } from './alipay-trade.js';
import { feeOf, type BillFault } from './bill-faults.js';

const HEADER = [
  '支付宝交易号',
  '商户订单号',
  '业务类型',
  '商品名称',
  '创建时间',
  '完成时间',
  '门店编号',
  '门店名称',
  '操作员',
  '终端号',
  '对方账户',
  '订单金额（元）',
  '商家实收（元）',
  '支付宝红包（元）',
  '集分宝（元）',
  '支付宝优惠（元）',
  '商家优惠（元）',
  '券核销金额（元）',
  '券名称',
  '商家红包消费金额（元）',
  '卡消费金额（元）',
  '退款批次号/请求号',
  '服务费（元）',
  '分润（元）',
  '备注',
];
const LINE = '-'.repeat(40);
/** `#-----…title-----…`, the markers Alipay puts around a list. */
const marker = (title: string) => `#${LINE}${title}${LINE}`;
const compact = (date: string) => date.replaceAll('-', '');

interface Row {
  tradeNo: string;
  outTradeNo: string;
  type: '交易' | '退款' | '交易关闭';
  subject: string;
  createdAt: number;
  finishedAt: number;
  buyer: string;
  orderFen: number;
  receivedFen: number;
  requestNo: string;
  feeFen: number;
}

/**
 * Alipay's trade bill (业务明细): a zip holding the detail CSV and its summary, both GBK, with `#`
 * comment lines around the data and fields padded with tabs, as 对账单 downloads look.
 */
export class AlipayBills {
  private readonly faults = new Map<string, BillFault[]>();
  private readonly tokens = new Map<string, { billDate: string; expiresAt: number }>();

  constructor(
    private readonly partnerId: string,
    private readonly clock: Clock,
    private readonly trades: () => Iterable<AlipayTrade>,
  ) {}

  setFaults(billDate: string, faults: BillFault[]): void {
    this.faults.set(billDate, faults);
  }

  /** alipay.data.dataservice.bill.downloadurl.query: a short-lived URL, for days that are over. */
  downloadUrl(
    billType: string,
    billDate: string,
    origin: string,
  ): { ok: true; url: string } | { ok: false; subCode: string; subMsg: string } {
    if (billType !== 'trade') return { ok: false, subCode: 'isv.invalid-bill-type', subMsg: '账单类型不正确' };
    if (!/^\d{4}-\d{2}-\d{2}$/.test(billDate) || Number.isNaN(Date.parse(billDate)))
      return { ok: false, subCode: 'isv.invalid-arguments', subMsg: '日期格式不正确' };
    if (billDate >= shanghaiDate(this.clock.now()))
      return { ok: false, subCode: 'isp.bill_not_exist', subMsg: '账单不存在' };
    const token = crypto.randomBytes(16).toString('hex');
    this.tokens.set(token, { billDate, expiresAt: Date.now() + 30_000 });
    return {
      ok: true,
      url:
        `${origin}/alipay/downloadBillFile.resource?bizType=trade&userId=${this.partnerId}&fileType=csv.zip` +
        `&bizDates=${compact(billDate)}&downloadFileName=${this.partnerId}_${compact(billDate)}.csv.zip&token=${token}`,
    };
  }

  download(token: string): Uint8Array | null {
    const t = this.tokens.get(token);
    if (!t || t.expiresAt < Date.now()) return null;
    return this.zip(t.billDate);
  }

  private zip(billDate: string): Uint8Array {
    const rows = this.applyFaults(billDate, this.rowsOf(billDate), this.faults.get(billDate) ?? []);
    const d = compact(billDate);
    const when = (text: string) => `${text.slice(0, 4)}年${text.slice(4, 6)}月${text.slice(6, 8)}日`;
    const detail = [
      '#支付宝业务明细查询',
      `#账号：[${this.partnerId}0156]`,
      `#起始日期：[${when(d)} 00:00:00]   终止日期：[${when(compact(addDays(billDate, 1)))} 00:00:00]`,
      marker('业务明细列表'),
      HEADER.join(','),
      ...rows.map((r) =>
        [
          r.tradeNo,
          r.outTradeNo,
          r.type,
          r.subject,
          beijingTimestamp(r.createdAt),
          beijingTimestamp(r.finishedAt),
          '',
          '',
          '',
          '',
          r.buyer,
          fenToYuan(r.orderFen),
          fenToYuan(r.receivedFen),
          '0.00',
          '0.00',
          '0.00',
          '0.00',
          '0.00',
          '',
          '0.00',
          '0.00',
          r.requestNo,
          fenToYuan(r.feeFen),
          '0.00',
          '',
        ]
          .map((f) => `${f}\t`)
          .join(','),
      ),
      marker('业务明细列表结束'),
      `#交易合计：${rows.filter((r) => r.type === '交易').length}笔，退款合计：${rows.filter((r) => r.type === '退款').length}笔`,
      `#导出时间：[${beijingTimestamp(this.clock.now())}]`,
    ].join('\r\n');
    const summary = [
      '#支付宝业务汇总查询',
      `#账号：[${this.partnerId}0156]`,
      marker('业务汇总列表'),
      '门店编号,门店名称,交易订单总笔数,退款订单总笔数,订单金额（元）,商家实收（元）,服务费（元）',
      [
        '',
        '',
        rows.filter((r) => r.type === '交易').length,
        rows.filter((r) => r.type === '退款').length,
        fenToYuan(rows.reduce((s, r) => s + r.orderFen, 0)),
        fenToYuan(rows.reduce((s, r) => s + r.receivedFen, 0)),
        fenToYuan(rows.reduce((s, r) => s + r.feeFen, 0)),
      ].join(','),
      marker('业务汇总列表结束'),
    ].join('\r\n');
    return zipSync({
      [`${this.partnerId}0156_${d}_业务明细.csv`]: iconv.encode(detail, 'gbk'),
      [`${this.partnerId}0156_${d}_业务明细(汇总).csv`]: iconv.encode(summary, 'gbk'),
    });
  }

  private rowsOf(billDate: string): Row[] {
    const rows: Row[] = [];
    for (const t of this.trades()) {
      const buyer = t.buyerId ?? t.buyerOpenId ?? '';
      const base = { tradeNo: t.tradeNo, outTradeNo: t.outTradeNo, subject: t.subject, createdAt: t.createdAt, buyer };
      if (t.paidAt !== null && shanghaiDate(t.paidAt) === billDate) {
        rows.push({
          ...base,
          type: '交易',
          finishedAt: t.paidAt,
          orderFen: t.totalFen,
          receivedFen: t.totalFen,
          requestNo: '',
          feeFen: -feeOf(t.totalFen),
        });
      }
      for (const [requestNo, r] of t.refunds) {
        if (shanghaiDate(r.at) !== billDate) continue;
        const fee = r.fen === t.totalFen ? feeOf(t.totalFen) : 0;
        rows.push({
          ...base,
          type: '退款',
          finishedAt: r.at,
          orderFen: -r.fen,
          receivedFen: -r.fen,
          requestNo,
          feeFen: fee,
        });
      }
    }
    return rows.sort((a, b) => a.finishedAt - b.finishedAt);
  }

  private applyFaults(billDate: string, rows: Row[], faults: BillFault[]): Row[] {
    let out = rows;
    for (const f of faults) {
      if (f.kind === 'drop') out = out.filter((r) => !(r.outTradeNo === f.outTradeNo && r.type === '交易'));
      if (f.kind === 'amount')
        out = out.map((r) =>
          r.outTradeNo === f.outTradeNo && r.type === '交易'
            ? { ...r, orderFen: f.amountFen ?? r.orderFen + 100, receivedFen: f.amountFen ?? r.receivedFen + 100 }
            : r,
        );
      // A payment the bill does not count as one: the channel and we disagree on what happened.
      if (f.kind === 'status')
        out = out.map((r) => (r.outTradeNo === f.outTradeNo && r.type === '交易' ? { ...r, type: '交易关闭' } : r));
      if (f.kind === 'extra') {
        const at = Date.parse(`${billDate}T12:00:00+08:00`);
        const fen = f.amountFen ?? 1000;
        out = [
          ...out,
          {
            tradeNo: `${compact(shanghaiDate(at))}22001${'9'.repeat(19)}`,
            outTradeNo: f.outTradeNo ?? `FOREIGN${crypto.randomInt(1e9)}`,
            type: '交易',
            subject: '非本平台交易',
            createdAt: at,
            finishedAt: at,
            buyer: '2088000000000000',
            orderFen: fen,
            receivedFen: fen,
            requestNo: '',
            feeFen: -feeOf(fen),
          },
        ];
      }
    }
    return out;
  }
}
