import type { PaymentRecord } from '@cityhealth/shared-types';
import { PAY_CHANNEL_LABELS, PAYMENT_STATUS_LABELS, REFUND_STATE_LABELS } from '@cityhealth/shared-types/labels';
import { yuan } from '../utils/money';
import { dateTime } from '../utils/time';

export interface PaymentRecordView {
  /** 已支付 ¥50.00 */
  headline: string;
  status: PaymentRecord['status'];
  /** 微信支付 · 2026年11月23日 周一 08:30 */
  paidLine: string;
  /** 退款 ¥50.00 · 已退回 · 2026年11月24日 周二 10:00, one per refund */
  refundLines: string[];
}

/** How one payment reads: what was paid on which channel and when, and what came back. */
export function paymentRecordView(p: PaymentRecord): PaymentRecordView {
  return {
    headline: `${PAYMENT_STATUS_LABELS[p.status]} ${yuan(p.amountFen)}`,
    status: p.status,
    paidLine: `${PAY_CHANNEL_LABELS[p.channel]} · 支付时间 ${dateTime(p.paidAt)}`,
    refundLines: p.refunds.map((r) =>
      [`退款 ${yuan(r.amountFen)}`, REFUND_STATE_LABELS[r.state], dateTime(r.refundedAt ?? r.requestedAt)].join(' · '),
    ),
  };
}
