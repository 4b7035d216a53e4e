import { Text } from '@tarojs/components';
import type { Order } from '@cityhealth/shared-types';
import { api } from '../../../api';
import { PaymentRecordCard } from '../../../components/payment-record';
import { Section } from '../../../components/section';
import { useRemote } from '../../../hooks/use-remote';

const WITH_MONEY: ReadonlySet<Order['payment']['status']> = new Set(['paid', 'refunding', 'refunded']);

/** The booking's payment record: what was paid, on which channel, when, and any refund. */
export function OrderPayments({ order: o }: { order: Pick<Order, 'id' | 'payment' | 'updatedAt'> }) {
  const paid = WITH_MONEY.has(o.payment.status);
  // The order's update time is in the key: a payment or refund that lands shows on the next read.
  const { state } = useRemote(
    async () => (paid ? api.payments({ orderId: o.id, page: 1, pageSize: 10 }) : null),
    [o.id, paid, o.updatedAt],
  );
  if (!paid) return null;
  return (
    <Section title="支付记录">
      {state.kind === 'loading' && <Text className="order__muted">正在读取支付记录…</Text>}
      {state.kind === 'error' && <Text className="order__muted">支付记录暂时读不到：{state.message}</Text>}
      {state.kind === 'ready' &&
        (state.data?.items.length ? (
          state.data.items.map((p) => <PaymentRecordCard key={p.id} record={p} />)
        ) : (
          <Text className="order__muted">暂无支付记录</Text>
        ))}
    </Section>
  );
}
