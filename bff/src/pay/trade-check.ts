import type { ChannelTrade, Payee } from './channel.js';

export type DiscrepancyField = 'amount' | 'currency' | 'app' | 'merchant';

/** Why a paid trade cannot pay for the booking it names, and what can be given back. */
export interface TradeDiscrepancy {
  fields: DiscrepancyField[];
  /** For the audit trail and the finance clerk, e.g. "amount 1 ≠ 5000". */
  detail: string;
  /** The trade's amount as the channel holds it: what a refund gives back, in full. */
  channelTotalFen: number;
  /** The money reached our merchant account, so we can (and must) send it back. */
  refundable: boolean;
}

/**
 * The one check a paid trade passes before it books anything: the amount, the currency, the app
 * and the merchant the channel names must be the ones our payment asked for. A signed message can
 * still describe another trade (a channel bug, a leaked key, a trade made outside the platform).
 */
export function tradeDiscrepancy(
  trade: ChannelTrade,
  expected: { amountFen: number; payee: Payee },
): TradeDiscrepancy | null {
  const fields: DiscrepancyField[] = [];
  const notes: string[] = [];
  const total = trade.totalFen ?? trade.paidFen ?? null;
  if (total !== expected.amountFen) {
    fields.push('amount');
    notes.push(`amount ${total ?? 'missing'} ≠ ${expected.amountFen}`);
  }
  if (trade.currency !== undefined && trade.currency !== null && trade.currency !== 'CNY') {
    fields.push('currency');
    notes.push(`currency ${trade.currency} ≠ CNY`);
  }
  const payee = trade.payee;
  if (payee && payee.appId !== null && expected.payee.appId !== null && payee.appId !== expected.payee.appId) {
    fields.push('app');
    notes.push(`app ${payee.appId || 'missing'} ≠ ${expected.payee.appId}`);
  }
  if (
    payee &&
    payee.merchantId !== null &&
    expected.payee.merchantId !== null &&
    payee.merchantId !== expected.payee.merchantId
  ) {
    fields.push('merchant');
    notes.push(`merchant ${payee.merchantId || 'missing'} ≠ ${expected.payee.merchantId}`);
  }
  if (!fields.length) return null;
  const channelTotalFen = total !== null && Number.isSafeInteger(total) && total > 0 ? total : 0;
  return {
    fields,
    detail: notes.join('; '),
    channelTotalFen,
    refundable: !fields.includes('merchant') && channelTotalFen > 0,
  };
}
