import { zipSync } from 'fflate';
import iconv from 'iconv-lite';
import { parseAlipayBill } from '../../src/pay/alipay/alipay-bill.js';
import { parseBaiduBill } from '../../src/pay/baidu/baidu-bill.js';
import { fenToYuan, yuanToFen } from '../../src/pay/money.js';
import { parseWechatPayBill } from '../../src/pay/wechat/wechat-pay-bill.js';

describe('money on the wire', () => {
  it('turns yuan text into fen exactly, without floating point', () => {
    expect(yuanToFen('0.29')).toBe(29);
    expect(yuanToFen('1234.10')).toBe(123410);
    expect(yuanToFen('1234.1')).toBe(123410);
    expect(yuanToFen('-0.30')).toBe(-30);
    expect(yuanToFen('50')).toBe(5000);
    expect(yuanToFen(' 0.07\t')).toBe(7);
    for (const bad of ['', '1.234', '1,000.00', 'abc', '0.1.2']) expect(() => yuanToFen(bad)).toThrow(RangeError);
    expect(fenToYuan(29)).toBe('0.29');
    expect(fenToYuan(-30)).toBe('-0.30');
    expect(fenToYuan(123410)).toBe('1234.10');
  });
});

describe('WeChat Pay trade bill', () => {
  const header =
    '交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,' +
    '代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注';
  const line = (state: string, amount: string, refundNo = '0', refund = '0.00', fee = '0.29') =>
    [
      '2026-11-22 10:00:00',
      'wx1',
      '1900000109',
      '0',
      '',
      '4200001',
      'OUT1',
      'o1',
      'JSAPI',
      state,
      'OTHERS',
      'CNY',
      amount,
      '0.00',
      refundNo === '0' ? '0' : '5001',
      refundNo,
      refund,
      '0.00',
      '',
      '',
      '挂号费',
      '',
      fee,
      '0.60%',
      amount,
      refund,
      '',
    ]
      .map((v) => `\`${v}`)
      .join(',');

  it('reads payments and refunds by header name, backticks stripped, yuan to fen', () => {
    const csv = [
      header,
      line('SUCCESS', '48.50'),
      line('REFUND', '48.50', 'R1', '48.50', '-0.29'),
      '总交易单数,应结订单总金额',
      '`2,`48.50',
    ].join('\r\n');
    expect(parseWechatPayBill(csv)).toEqual([
      {
        kind: 'payment',
        outTradeNo: 'OUT1',
        outRefundNo: null,
        channelTradeNo: '4200001',
        channelRefundNo: null,
        amountFen: 4850,
        feeFen: 29,
        channelStatus: 'SUCCESS',
        at: Date.parse('2026-11-22T10:00:00+08:00'),
      },
      {
        kind: 'refund',
        outTradeNo: 'OUT1',
        outRefundNo: 'R1',
        channelTradeNo: '4200001',
        channelRefundNo: '5001',
        amountFen: 4850,
        feeFen: -29,
        channelStatus: 'REFUND',
        at: Date.parse('2026-11-22T10:00:00+08:00'),
      },
    ]);
  });

  it('refuses a bill cut short or without the columns it needs', () => {
    expect(() => parseWechatPayBill([header, line('SUCCESS', '1.00')].join('\r\n'))).toThrow(/cut short/);
    expect(() => parseWechatPayBill(['交易时间,商户订单号', '`x,`y', '总交易单数'].join('\r\n'))).toThrow(
      /lacks columns/,
    );
  });
});

describe('Alipay bill', () => {
  const detail = (rows: string[]) =>
    [
      '#支付宝业务明细查询',
      '#账号：[20880000000000000156]',
      `#${'-'.repeat(40)}业务明细列表${'-'.repeat(40)}`,
      '支付宝交易号,商户订单号,业务类型,商品名称,创建时间,完成时间,门店编号,门店名称,操作员,终端号,对方账户,订单金额（元）,' +
        '商家实收（元）,支付宝红包（元）,集分宝（元）,支付宝优惠（元）,商家优惠（元）,券核销金额（元）,券名称,商家红包消费金额（元）,' +
        '卡消费金额（元）,退款批次号/请求号,服务费（元）,分润（元）,备注',
      ...rows,
      `#${'-'.repeat(40)}业务明细列表结束${'-'.repeat(40)}`,
    ].join('\r\n');
  const row = (type: string, order: string, received: string, requestNo: string, fee: string) =>
    [
      '2026112222001',
      'OUT1',
      type,
      '挂号费',
      '2026-11-22 09:00:00',
      '2026-11-22 09:01:00',
      '',
      '',
      '',
      '',
      'buyer',
      order,
      received,
      '0.00',
      '0.00',
      '0.00',
      '0.00',
      '0.00',
      '',
      '0.00',
      '0.00',
      requestNo,
      fee,
      '0.00',
      '',
    ]
      .map((v) => `${v}\t`)
      .join(',');

  it('finds the detail file in the zip, decodes GBK and reads rows by header name', () => {
    const zip = zipSync({
      'a_业务明细(汇总).csv': iconv.encode('#支付宝业务汇总查询\r\n', 'gbk'),
      'a_业务明细.csv': iconv.encode(
        detail([row('交易', '25.00', '25.00', '', '-0.15'), row('退款', '-25.00', '-25.00', 'R1', '0.15')]),
        'gbk',
      ),
    });
    expect(parseAlipayBill(zip)).toEqual([
      {
        kind: 'payment',
        outTradeNo: 'OUT1',
        outRefundNo: null,
        channelTradeNo: '2026112222001',
        channelRefundNo: null,
        amountFen: 2500,
        feeFen: 15,
        channelStatus: '交易',
        at: Date.parse('2026-11-22T09:01:00+08:00'),
      },
      {
        kind: 'refund',
        outTradeNo: 'OUT1',
        outRefundNo: 'R1',
        channelTradeNo: '2026112222001',
        channelRefundNo: '2026112222001:R1',
        amountFen: 2500,
        feeFen: -15,
        channelStatus: '退款',
        at: Date.parse('2026-11-22T09:01:00+08:00'),
      },
    ]);
  });

  it('refuses something that is not the bill', () => {
    expect(() => parseAlipayBill(new Uint8Array([1, 2, 3]))).toThrow(/not a zip/);
    expect(() =>
      parseAlipayBill(
        zipSync({
          'x.csv': iconv.encode(
            detail([row('交易', '1.00', '1.00', '', '0.00')])
              .split('\r\n')
              .slice(0, -1)
              .join('\r\n'),
            'gbk',
          ),
        }),
      ),
    ).toThrow(/end marker/);
  });
});

describe('Baidu order bill', () => {
  // Columns in another order than the emulator writes them, plus one we do not read: found by name.
  const header =
    '百度订单号,业务订单号,交易时间,订单金额(元),订单支付状态,备注,百度退款单号,业务方退款批次号,退款金额(元),退款状态,退款时间,手续费费率';
  const bill = (...rows: string[]) =>
    ['#百度收银台当日订单明细查询', '#Dealid:[470193086]', header, ...rows].join('\r\n');

  it('reads a payment on the day it was paid and a refund on the day it succeeded, by header name', () => {
    const paidToday = '800020199,OUT1,2026-11-22 10:00:00,48.50,已支付,,,,,,,0.6%';
    const paidAndRefunded =
      '800020200,OUT2,2026-11-22 11:00:00,50.00,已退款,x,519682482657454,R2,50.00,退款成功,2026-11-22 12:00:00,0.6%';
    const refundedOfYesterday =
      '800020201,OUT3,2026-11-21 09:00:00,20.00,已退款,,519682482657455,R3,20.00,退款成功,2026-11-22 08:00:00,0.6%';
    expect(parseBaiduBill(bill(paidToday, paidAndRefunded, refundedOfYesterday), '2026-11-22')).toEqual([
      {
        kind: 'payment',
        outTradeNo: 'OUT1',
        outRefundNo: null,
        channelTradeNo: '800020199',
        channelRefundNo: null,
        amountFen: 4850,
        feeFen: 29,
        channelStatus: '已支付',
        at: Date.parse('2026-11-22T10:00:00+08:00'),
      },
      {
        kind: 'payment',
        outTradeNo: 'OUT2',
        outRefundNo: null,
        channelTradeNo: '800020200',
        channelRefundNo: null,
        amountFen: 5000,
        feeFen: 30,
        channelStatus: '已退款',
        at: Date.parse('2026-11-22T11:00:00+08:00'),
      },
      {
        kind: 'refund',
        outTradeNo: 'OUT2',
        outRefundNo: 'R2',
        channelTradeNo: '800020200',
        channelRefundNo: '519682482657454',
        amountFen: 5000,
        feeFen: -30,
        channelStatus: '退款成功',
        at: Date.parse('2026-11-22T12:00:00+08:00'),
      },
      {
        kind: 'refund',
        outTradeNo: 'OUT3',
        outRefundNo: 'R3',
        channelTradeNo: '800020201',
        channelRefundNo: '519682482657455',
        amountFen: 2000,
        feeFen: -12,
        channelStatus: '退款成功',
        at: Date.parse('2026-11-22T08:00:00+08:00'),
      },
    ]);
    expect(parseBaiduBill(bill(), '2026-11-22')).toEqual([]);
  });

  it('refuses a bill without the columns it needs, a short row, or a field it cannot read', () => {
    expect(() => parseBaiduBill(['#x', '百度订单号,业务订单号', '1,OUT1'].join('\n'), '2026-11-22')).toThrow(
      /lacks columns/,
    );
    expect(() => parseBaiduBill(bill('800020199,OUT1,2026-11-22 10:00:00'), '2026-11-22')).toThrow(/fields/);
    expect(() =>
      parseBaiduBill(bill('800020199,OUT1,2026-11-22 10:00:00,48.50,已支付,,,,,,,0.6'), '2026-11-22'),
    ).toThrow(/费率/);
    expect(() => parseBaiduBill(bill('800020199,OUT1,yesterday,48.50,已支付,,,,,,,0.6%'), '2026-11-22')).toThrow(
      /交易时间/,
    );
    expect(() =>
      parseBaiduBill(bill('800020199,OUT1,2026-11-22 10:00:00,48.5.0,已支付,,,,,,,0.6%'), '2026-11-22'),
    ).toThrow(RangeError);
  });
});
