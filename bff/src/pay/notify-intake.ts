import type { NotifyOutcome } from '../ops/metrics/ports.js';
import { isUniqueViolation } from '../db/sql/execute.js';
import { newId } from '../shared/ids.js';
import { NotifyRejected, type ChannelName, type NotifyReply, type RawNotify } from './channel.js';
import type { PaymentContext } from './payment-context.js';
import type { Refunds } from './refunds.js';
import type { Settlement } from './settlement.js';

/** A channel's notify: verified, de-duplicated, applied. Answers in the channel's own terms. */
export async function takeNotify(
  c: PaymentContext,
  settlement: Settlement,
  refunds: Refunds,
  channelName: ChannelName,
  raw: RawNotify,
): Promise<NotifyReply> {
  const { db, clock, logger, audit } = c.o;
  const count = (outcome: NotifyOutcome) => c.o.notifies?.notify(channelName, outcome);
  const channel = c.o.channels[channelName];
  if (!channel) {
    count('unknown_channel');
    return { status: 404, contentType: 'text/plain', body: 'unknown channel' };
  }
  const now = clock.now();
  let notify: Awaited<ReturnType<typeof channel.verifyNotify>>;
  try {
    notify = await channel.verifyNotify(raw, now);
  } catch (e) {
    if (!(e instanceof NotifyRejected)) throw e;
    logger.warn({ channel: channelName, reason: e.reason, msg: e.message }, 'payment notify rejected');
    await audit.record({
      actorType: 'system',
      action: 'payment.notify.rejected',
      detail: { channel: channelName, reason: e.reason },
    });
    count('rejected');
    return channel.notifyReply(false);
  }
  const outNo = notify.kind === 'payment' ? notify.trade.outTradeNo : notify.refund.outRefundNo;
  const record = {
    id: newId(),
    channel: channelName,
    kind: notify.kind,
    notifyId: notify.notifyId,
    replayKey: notify.replayKey,
    outNo,
    now,
  };
  const fresh = await db.write((tx) => c.store.recordNotify(tx, record, isUniqueViolation));
  if (!fresh) {
    logger.warn({ channel: channelName, outNo }, 'replayed payment notify refused');
    await audit.record({
      actorType: 'system',
      action: 'payment.notify.replayed',
      detail: { channel: channelName, outNo },
    });
    count('replayed');
    return channel.notifyReply(false);
  }
  if (notify.kind === 'payment') await settlement.applyTrade(channelName, notify.trade);
  else await refunds.apply(channelName, notify.refund);
  count('applied');
  return channel.notifyReply(true);
}
