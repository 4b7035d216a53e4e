import { tradeDiscrepancy } from '../../src/pay/trade-check.js';
import type { ChannelTrade } from '../../src/pay/channel.js';

const ours = { amountFen: 5000, payee: { appId: 'wxapp', merchantId: '1900000109' } };
const paid = (over: Partial<ChannelTrade> = {}): ChannelTrade => ({
  outTradeNo: 'N1',
  state: 'paid',
  channelTradeNo: 'T1',
  paidFen: 5000,
  paidAt: 0,
  totalFen: 5000,
  currency: 'CNY',
  payee: { appId: 'wxapp', merchantId: '1900000109' },
  ...over,
});

describe('the check a paid trade passes before it books', () => {
  it('passes the trade we asked for, and one partly paid by a channel coupon (payer total below trade total)', () => {
    expect(tradeDiscrepancy(paid(), ours)).toBeNull();
    expect(tradeDiscrepancy(paid({ paidFen: 4500 }), ours)).toBeNull();
    // A channel that does not name the payee or currency (an Alipay query) is checked on what it says.
    expect(tradeDiscrepancy(paid({ payee: null, currency: null }), ours)).toBeNull();
  });

  it('names every field that differs, and refunds in full only what reached our merchant', () => {
    expect(tradeDiscrepancy(paid({ totalFen: 1, paidFen: 1 }), ours)).toMatchObject({
      fields: ['amount'],
      channelTotalFen: 1,
      refundable: true,
    });
    expect(tradeDiscrepancy(paid({ currency: 'USD' }), ours)).toMatchObject({
      fields: ['currency'],
      channelTotalFen: 5000,
      refundable: true,
    });
    expect(tradeDiscrepancy(paid({ payee: { appId: 'wxother', merchantId: '1900000109' } }), ours)).toMatchObject({
      fields: ['app'],
      refundable: true,
    });
    expect(
      tradeDiscrepancy(paid({ totalFen: 2, payee: { appId: 'wxapp', merchantId: '1900000999' } }), ours),
    ).toMatchObject({ fields: ['amount', 'merchant'], refundable: false });
  });

  it('treats a payee field the channel always sends but left empty, or a missing amount, as a mismatch', () => {
    expect(tradeDiscrepancy(paid({ payee: { appId: '', merchantId: '' } }), ours)).toMatchObject({
      fields: ['app', 'merchant'],
      refundable: false,
    });
    expect(tradeDiscrepancy(paid({ totalFen: null, paidFen: null }), ours)).toMatchObject({
      fields: ['amount'],
      channelTotalFen: 0,
      refundable: false,
    });
  });
});
