import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import type { OrderSummary } from '@cityhealth/shared-types';
import { api, currentSession } from '../../api';
import { ActionButton } from '../../components/action-button';
import { ListFooter } from '../../components/list-footer';
import { PageShell } from '../../components/page-shell';
import { EmptyState, ErrorState, LoadingState } from '../../components/state-view';
import { open } from '../../features/navigation';
import { usePagedList } from '../../hooks/use-paged-list';
import { useRemote } from '../../hooks/use-remote';
import { VisitTime } from '../../components/time-range';
import { ROUTES, withQuery } from '../../routes';
import { dateTime } from '../../utils/time';
import { DrawTickets } from './draw-tickets';
import './index.scss';
import { tapProps } from '../../platform/tap';

type Tab = 'active' | 'history';
const TABS: { key: Tab; label: string }[] = [
  { key: 'active', label: '进行中' },
  { key: 'history', label: '历史预约' },
];

function OrderCard({ o }: { o: OrderSummary }) {
  return (
    <View
      className="orders__card"
      data-testid="order-item"
      {...tapProps(() => open(withQuery(ROUTES.order, { id: o.id })))}
    >
      <View className="orders__card-head">
        <Text className="orders__hospital">{o.hospital.name}</Text>
        <Text className={`orders__status orders__status--${o.status}`} data-testid="order-status">
          {o.statusLabel}
        </Text>
      </View>
      <Text className="orders__line">
        {o.department.name}
        {o.doctor ? ` · ${o.doctor.name} ${o.doctor.title}` : ''}
      </Text>
      <Text className="orders__visit">
        <VisitTime order={o} />
      </Text>
      <Text className="orders__line">就诊人：{o.patient.name}</Text>
      {o.status === 'pending' && o.payment.deadline && (
        <Text className="orders__warn">请在 {dateTime(o.payment.deadline)} 前完成支付</Text>
      )}
    </View>
  );
}

function OrderList({ tab }: { tab: Tab }) {
  const list = usePagedList((page) => api.orders({ status: tab, page, pageSize: 10 }), [tab]);
  useDidShow(() => void list.reload());
  if (list.loading && !list.loaded) return <LoadingState />;
  if (list.error && !list.loaded) return <ErrorState message={list.error} onRetry={list.reload} />;
  if (list.items.length === 0) {
    return (
      <EmptyState
        text={tab === 'active' ? '暂无进行中的预约' : '暂无历史预约'}
        action={
          tab === 'active' ? (
            <ActionButton kind="secondary" onClick={() => open(ROUTES.home)}>
              去预约挂号
            </ActionButton>
          ) : undefined
        }
      />
    );
  }
  return (
    <View>
      {list.items.map((o) => (
        <OrderCard key={o.id} o={o} />
      ))}
      <ListFooter loadingMore={list.loadingMore} hasMore={list.hasMore} error={list.error} onMore={list.loadMore} />
    </View>
  );
}

/** The account's release draws (放号抽签), when there are any; nothing while loading or when it fails. */
function RecentDraws() {
  const { state, reload } = useRemote(() => api.drawTickets(), []);
  // coming back to the page: useRemote has loaded it once already as the page opened
  useDidShow(() => {
    if (state.kind !== 'loading') void reload();
  });
  return state.kind === 'ready' ? <DrawTickets items={state.data.items} /> : null;
}

/** The account's bookings: the ones still ahead, and the history; above them, the release draws entered. */
export default function OrdersPage() {
  const [tab, setTab] = useState<Tab>('active');
  const [loggedIn, setLoggedIn] = useState(Boolean(currentSession()));
  useDidShow(() => setLoggedIn(Boolean(currentSession())));

  if (!loggedIn) {
    return (
      <PageShell>
        <EmptyState
          text="登录后查看您的预约"
          action={
            <ActionButton onClick={() => open(withQuery(ROUTES.login, { back: ROUTES.orders }))} testId="orders-login">
              登录
            </ActionButton>
          }
        />
      </PageShell>
    );
  }
  return (
    <PageShell className="orders">
      <RecentDraws />
      <View className="orders__tabs" role="tablist">
        {TABS.map((t) => (
          <View
            key={t.key}
            className={`orders__tab${tab === t.key ? ' orders__tab--on' : ''}`}
            aria-selected={tab === t.key}
            {...tapProps(() => setTab(t.key), 'tab')}
          >
            <Text>{t.label}</Text>
          </View>
        ))}
      </View>
      <OrderList key={tab} tab={tab} />
    </PageShell>
  );
}
