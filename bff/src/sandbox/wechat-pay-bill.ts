import crypto from 'node:crypto';
import { fenToYuan } from '../pay/money.js';
import type { Clock } from '../shared/clock.js';
import { beijingTimestamp, shanghaiDate } from '../shared/time.js';
import { feeOf, type BillFault } from './bill-faults.js';

/** What a bill needs of a trade and of a refund the emulator holds. */
export interface BilledTrade {
  appid: string;
  mchid: string;
  out_trade_no: string;
  transaction_id?: string;
  openid: string | null;
  trade_type: string;
  description: string;
  total: number;
  paidAt: number | null;
}

export interface BilledRefund {
  refund_id: string;
  out_refund_no: string;
  out_trade_no: string;
  refund: number;
  total: number;
  succeededAt: number | null;
}

const HEADER = [
  '交易时间',
  '公众账号ID',
  '商户号',
  '特约商户号',
  '设备号',
  '微信订单号',
  '商户订单号',
  '用户标识',
  '交易类型',
  '交易状态',
  '付款银行',
  '货币种类',
  '应结订单金额',
  '代金券金额',
  '微信退款单号',
  '商户退款单号',
  '退款金额',
  '充值券退款金额',
  '退款类型',
  '退款状态',
  '商品名称',
  '商户数据包',
  '手续费',
  '费率',
  '订单金额',
  '申请退款金额',
  '费率备注',
];
const SUMMARY_HEADER = [
  '总交易单数',
  '应结订单总金额',
  '退款总金额',
  '充值券退款总金额',
  '手续费总金额',
  '订单总金额',
  '申请退款总金额',
];
const beijing = beijingTimestamp;

interface Row {
  at: number;
  trade: BilledTrade;
  state: string;
  refund: BilledRefund | null;
  amountFen: number;
  feeFen: number;
}

/**
 * WeChat Pay's trade bill (交易账单, bill_type ALL) for a day that is over: a CSV whose every field
 * starts with a backtick, amounts in yuan, payments as SUCCESS lines and refunds as REFUND lines on
 * the day they succeeded, then a summary header and line. Downloaded once through a short-lived
 * token, checked by its SHA1 hash.
 */
export class WechatPayBills {
  private readonly faults = new Map<string, BillFault[]>();
  private readonly tampered = new Set<string>();
  private readonly files = new Map<string, { csv: string; expiresAt: number }>();

  constructor(
    private readonly clock: Clock,
    private readonly trades: () => Iterable<BilledTrade>,
    private readonly refunds: () => Iterable<BilledRefund>,
  ) {}

  setFaults(billDate: string, faults: BillFault[], tamperFile = false): void {
    this.faults.set(billDate, faults);
    if (tamperFile) this.tampered.add(billDate);
    else this.tampered.delete(billDate);
  }

  /** GET /v3/bill/tradebill: `{download_url, hash_type, hash_value}` or WeChat Pay's error. */
  apply(
    billDate: string,
    billType: string,
  ): { ok: true; body: object } | { ok: false; status: number; code: string; message: string } {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(billDate) || Number.isNaN(Date.parse(billDate)))
      return {
        ok: false,
        status: 400,
        code: 'PARAM_ERROR',
        message: '输入源"/query/bill_date"映射到字段"账单日期"格式校验失败',
      };
    if (billType && billType !== 'ALL' && billType !== 'SUCCESS' && billType !== 'REFUND')
      return { ok: false, status: 400, code: 'PARAM_ERROR', message: 'bill_type 不合法' };
    // Bills are made the next morning: a day that is not over has none yet.
    if (billDate >= shanghaiDate(this.clock.now()))
      return { ok: false, status: 400, code: 'STATEMENT_CREATING', message: '账单生成中，请稍后再试' };
    const rows = this.rowsOf(billDate).filter((r) => !billType || billType === 'ALL' || r.state === billType);
    if (!rows.length) return { ok: false, status: 400, code: 'NO_STATEMENT_EXIST', message: '该日期无账单' };
    const csv = this.csv(rows);
    const token = crypto.randomBytes(16).toString('hex');
    this.files.set(token, {
      csv: this.tampered.has(billDate)
        ? csv.replace(/\.(\d)(\d)/, (_, a: string, b: string) => `.${a}${(Number(b) + 1) % 10}`)
        : csv,
      expiresAt: Date.now() + 30_000,
    });
    return {
      ok: true,
      body: {
        hash_type: 'SHA1',
        hash_value: crypto.createHash('sha1').update(csv).digest('hex'),
        download_url: `https://api.mch.weixin.qq.com/v3/billdownload/file?token=${token}`,
      },
    };
  }

  file(token: string): string | null {
    const f = this.files.get(token);
    return f && f.expiresAt >= Date.now() ? f.csv : null;
  }

  private rowsOf(billDate: string): Row[] {
    const rows: Row[] = [];
    const byOutNo = new Map<string, BilledTrade>();
    for (const t of this.trades()) {
      byOutNo.set(t.out_trade_no, t);
      if (t.paidAt !== null && t.transaction_id && shanghaiDate(t.paidAt) === billDate)
        rows.push({
          at: t.paidAt,
          trade: t,
          state: 'SUCCESS',
          refund: null,
          amountFen: t.total,
          feeFen: feeOf(t.total),
        });
    }
    for (const r of this.refunds()) {
      const t = byOutNo.get(r.out_trade_no);
      if (!t || r.succeededAt === null || shanghaiDate(r.succeededAt) !== billDate) continue;
      rows.push({
        at: r.succeededAt,
        trade: t,
        state: 'REFUND',
        refund: r,
        amountFen: r.refund,
        feeFen: -Math.round((feeOf(r.total) * r.refund) / r.total),
      });
    }
    return this.applyFaults(
      billDate,
      rows.sort((a, b) => a.at - b.at),
      this.faults.get(billDate) ?? [],
    );
  }

  private applyFaults(billDate: string, rows: Row[], faults: BillFault[]): Row[] {
    let out = rows;
    for (const f of faults) {
      const hit = (r: Row) => r.trade.out_trade_no === f.outTradeNo && r.state === 'SUCCESS';
      if (f.kind === 'drop') out = out.filter((r) => !hit(r));
      if (f.kind === 'amount')
        out = out.map((r) => (hit(r) ? { ...r, amountFen: f.amountFen ?? r.amountFen + 100 } : r));
      if (f.kind === 'status') out = out.map((r) => (hit(r) ? { ...r, state: 'REVOKED' } : r));
      if (f.kind === 'extra') {
        const fen = f.amountFen ?? 1000;
        const trade: BilledTrade = {
          ...(rows[0]?.trade ?? { appid: '', mchid: '', openid: null, trade_type: 'JSAPI' }),
          out_trade_no: f.outTradeNo ?? `FOREIGN${crypto.randomInt(1e9)}`,
          transaction_id: `4200${'9'.repeat(24)}`,
          description: '非本平台交易',
          total: fen,
          paidAt: Date.parse(`${billDate}T12:00:00+08:00`),
        };
        out = [
          ...out,
          { at: trade.paidAt!, trade, state: 'SUCCESS', refund: null, amountFen: fen, feeFen: feeOf(fen) },
        ];
      }
    }
    return out;
  }

  private csv(rows: Row[]): string {
    const q = (v: string | number) => `\`${v}`;
    const lines = rows.map((r) =>
      [
        beijing(r.at),
        r.trade.appid,
        r.trade.mchid,
        '0',
        '',
        r.trade.transaction_id ?? '',
        r.trade.out_trade_no,
        r.trade.openid ?? '',
        r.trade.trade_type,
        r.state,
        'OTHERS',
        'CNY',
        fenToYuan(r.refund ? 0 : r.amountFen),
        '0.00',
        r.refund?.refund_id ?? '0',
        r.refund?.out_refund_no ?? '0',
        fenToYuan(r.refund ? r.amountFen : 0),
        '0.00',
        r.refund ? 'ORIGINAL' : '',
        r.refund ? 'SUCCESS' : '',
        r.trade.description,
        '',
        fenToYuan(r.feeFen),
        '0.60%',
        fenToYuan(r.refund ? r.trade.total : r.amountFen),
        fenToYuan(r.refund ? r.amountFen : 0),
        '',
      ]
        .map(q)
        .join(','),
    );
    const paid = rows.filter((r) => !r.refund);
    const refunded = rows.filter((r) => r.refund);
    const sum = (xs: Row[], f: (r: Row) => number) => fenToYuan(xs.reduce((s, r) => s + f(r), 0));
    const summary = [
      String(rows.length),
      sum(paid, (r) => r.amountFen),
      sum(refunded, (r) => r.amountFen),
      '0.00',
      sum(rows, (r) => r.feeFen),
      sum(paid, (r) => r.amountFen),
      sum(refunded, (r) => r.amountFen),
    ]
      .map(q)
      .join(',');
    return `${[HEADER.join(','), ...lines, SUMMARY_HEADER.join(','), summary].join('\r\n')}\r\n`;
  }
}
