import { parseWechatPayBill } from '../../src/pay/wechat/wechat-pay-bill.js';

/** The WeChat Pay trade bill as reconciliation reads it: by header name, backticks off, yuan → fen exactly. */
describe('WeChat Pay trade bill parsing', () => {
  const columns = [
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
  const bill = (order: string[], rows: Record<string, string>[], count = rows.length) =>
    [
      order.join(','),
      ...rows.map((r) => order.map((c) => `\`${r[c] ?? ''}`).join(',')),
      '总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额',
      `\`${count},\`0.00,\`0.00,\`0.00,\`0.00,\`0.00,\`0.00`,
    ].join('\r\n');
  const paid = (amount: string, fee: string, name = '挂号费') => ({
    交易时间: '2026-11-22 23:59:59',
    微信订单号: '4200000001',
    商户订单号: 'OUT1',
    交易状态: 'SUCCESS',
    订单金额: amount,
    应结订单金额: amount,
    手续费: fee,
    商品名称: name,
  });

  it('converts yuan to fen exactly (0.29 → 29, 1234.10 → 123410, 0.07 → 7)', () => {
    const lines = parseWechatPayBill(
      bill(columns, [paid('0.29', '0.00'), paid('1234.10', '7.40'), paid('0.07', '0.00'), paid('19.99', '0.12')]),
    );
    expect(lines.map((l) => [l.amountFen, l.feeFen])).toEqual([
      [29, 0],
      [123410, 740],
      [7, 0],
      [1999, 12],
    ]);
    expect(lines[0]!.at).toBe(Date.parse('2026-11-22T15:59:59Z'));
  });

  it('reads columns by header name wherever they stand, and a comma inside a field', () => {
    const shuffled = [...columns].reverse();
    const [line] = parseWechatPayBill(bill(shuffled, [paid('48.50', '0.29', '协和医院,心内科 挂号费')]));
    expect(line).toMatchObject({
      kind: 'payment',
      outTradeNo: 'OUT1',
      channelTradeNo: '4200000001',
      amountFen: 4850,
      feeFen: 29,
      channelStatus: 'SUCCESS',
    });
  });

  it('reads refund lines by 商户退款单号 and 退款金额', () => {
    const [line] = parseWechatPayBill(
      bill(columns, [
        {
          ...paid('50.00', '-0.30'),
          交易状态: 'REFUND',
          微信退款单号: '50300001',
          商户退款单号: 'OUT1R1',
          退款金额: '20.01',
        },
      ]),
    );
    expect(line).toMatchObject({
      kind: 'refund',
      outTradeNo: 'OUT1',
      outRefundNo: 'OUT1R1',
      channelRefundNo: '50300001',
      amountFen: 2001,
      feeFen: -30,
    });
  });

  it('refuses a bill whose summary disagrees with its rows, or a malformed amount', () => {
    expect(() => parseWechatPayBill(bill(columns, [paid('1.00', '0.01')], 2))).toThrow(/summary counts 2 rows/);
    expect(() => parseWechatPayBill(bill(columns, [paid('1.005', '0.01')]))).toThrow(RangeError);
    expect(() => parseWechatPayBill(bill(columns, [paid('1e3', '0.01')]))).toThrow(RangeError);
  });

  it('reads an empty bill as no lines', () => {
    expect(parseWechatPayBill('')).toEqual([]);
    expect(parseWechatPayBill(bill(columns, []))).toEqual([]);
  });
});
