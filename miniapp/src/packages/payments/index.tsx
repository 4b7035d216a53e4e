import { View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { api } from '../../api';
import { ListFooter } from '../../components/list-footer';
import { PageShell } from '../../components/page-shell';
import { PaymentRecordCard } from '../../components/payment-record';
import { Section } from '../../components/section';
import { EmptyState, ErrorState, LoadingState } from '../../components/state-view';
import { open } from '../../features/navigation';
import { usePagedList } from '../../hooks/use-paged-list';
import { ROUTES, withQuery } from '../../routes';
import { tapProps } from '../../platform/tap';

/** 我的 › 支付记录: every payment of the account, newest first, with refunds; a tap opens its booking. */
export default function PaymentsPage() {
  const list = usePagedList((page) => api.payments({ page, pageSize: 10 }), []);
  useDidShow(() => void list.reload());
  return (
    <PageShell className="payments">
      {list.loading && !list.loaded ? (
        <LoadingState />
      ) : list.error && !list.loaded ? (
        <ErrorState message={list.error} onRetry={list.reload} />
      ) : list.items.length === 0 ? (
        <EmptyState text="暂无支付记录" />
      ) : (
        <Section>
          {list.items.map((p) => (
            <View key={p.id} {...tapProps(() => open(withQuery(ROUTES.order, { id: p.orderId })))}>
              <PaymentRecordCard record={p} showOrder />
            </View>
          ))}
          <ListFooter loadingMore={list.loadingMore} hasMore={list.hasMore} error={list.error} onMore={list.loadMore} />
        </Section>
      )}
    </PageShell>
  );
}
