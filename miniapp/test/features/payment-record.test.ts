import type { PaymentRecord } from '@cityhealth/shared-types';
import { paymentRecordView } from '../../src/features/payment-record';

const paid: PaymentRecord = {
  id: 'p1',
  orderId: 'o1',
  orderNo: 'R20261123000001',
  hospitalName: '北京协和医院',
  departmentName: '心血管内科',
  channel: 'wechat',
  amountFen: 5000,
  paidAt: '2026-11-23T00:30:00.000Z',
  status: 'paid',
  refunds: [],
};

describe('a payment record as the patient reads it', () => {
  it('says what was paid, on which channel and when (Shanghai time), in yuan', () => {
    expect(paymentRecordView(paid)).toEqual({
      headline: '已支付 ¥50.00',
      status: 'paid',
      paidLine: '微信支付 · 支付时间 2026年11月23日 周一 08:30',
      refundLines: [],
    });
  });

  it('lists each refund with its state and time', () => {
    const v = paymentRecordView({
      ...paid,
      channel: 'alipay',
      amountFen: 1250,
      status: 'refunded',
      refunds: [
        {
          amountFen: 1250,
          state: 'refunded',
          requestedAt: '2026-11-23T02:00:00.000Z',
          refundedAt: '2026-11-23T02:05:00.000Z',
        },
      ],
    });
    expect(v.headline).toBe('已退款 ¥12.50');
    expect(v.paidLine).toMatch(/^支付宝 · /);
    expect(v.refundLines).toEqual(['退款 ¥12.50 · 已退回 · 2026年11月23日 周一 10:05']);
    const pending = paymentRecordView({
      ...paid,
      status: 'refunding',
      refunds: [{ amountFen: 5000, state: 'refunding', requestedAt: '2026-11-23T02:00:00.000Z', refundedAt: null }],
    });
    expect(pending.headline).toBe('退款中 ¥50.00');
    expect(pending.refundLines).toEqual(['退款 ¥50.00 · 退款中 · 2026年11月23日 周一 10:00']);
  });
});
