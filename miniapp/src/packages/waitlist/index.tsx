import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useDidShow, useRouter } from '@tarojs/taro';
import type { Waitlist } from '@cityhealth/shared-types';
import { api, currentSession, messageOf } from '../../api';
import { ActionButton } from '../../components/action-button';
import { Notice } from '../../components/notice';
import { PageShell } from '../../components/page-shell';
import { EmptyState, NotReadyPage } from '../../components/state-view';
import { open } from '../../features/navigation';
import { useRemote } from '../../hooks/use-remote';
import { ROUTES, withQuery } from '../../routes';
import { outcomeText, positionText, sessionsText } from './waitlist.logic';
import './index.scss';

function WaitlistCard({ w, onChanged }: { w: Waitlist; onChanged: (w: Waitlist) => void }) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const position = positionText(w);

  async function leave() {
    setBusy(true);
    setProblem(null);
    try {
      onChanged(await api.leaveWaitlist(w.id));
      setAsking(false);
    } catch (e) {
      setProblem(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className="waitlist__card" data-testid="waitlist-item">
      <View className="waitlist__head">
        <Text className="waitlist__hospital">{w.hospital.name}</Text>
        <Text className={`waitlist__status waitlist__status--${w.status}`} data-testid="waitlist-status">
          {w.statusLabel}
        </Text>
      </View>
      <Text className="waitlist__line">{w.department.name}</Text>
      <Text className="waitlist__visit">{sessionsText(w)}</Text>
      <Text className="waitlist__line">就诊人：{w.patient.name}</Text>
      {position && (
        <Text className="waitlist__position" data-testid="waitlist-position">
          {position}
        </Text>
      )}
      <Text className="waitlist__note" data-testid="waitlist-note">
        {outcomeText(w)}
      </Text>
      {problem && <Notice kind="error" text={problem} testId="waitlist-leave-error" />}
      <View className="waitlist__actions">
        {w.status === 'booked' && w.orderId && (
          <ActionButton onClick={() => open(withQuery(ROUTES.order, { id: w.orderId! }))} testId="waitlist-open-order">
            查看预约
          </ActionButton>
        )}
        {w.status === 'waiting' && !asking && (
          <ActionButton kind="secondary" onClick={() => setAsking(true)} testId="waitlist-leave">
            取消候补
          </ActionButton>
        )}
      </View>
      {asking && (
        <View className="waitlist__asking">
          <Text className="waitlist__question">确定取消这个候补吗？取消后将失去排队位置。</Text>
          <View className="waitlist__actions">
            <ActionButton kind="secondary" onClick={() => setAsking(false)}>
              继续候补
            </ActionButton>
            <ActionButton kind="danger" busy={busy} onClick={leave} testId="waitlist-leave-confirm">
              确认取消
            </ActionButton>
          </View>
        </View>
      )}
    </View>
  );
}

/** 我的候补: each waitlist with its place in the queue, what became of it, leave or open its booking. */
export default function WaitlistPage() {
  const joined = useRouter().params.joined === '1';
  const loggedIn = Boolean(currentSession());
  const { state, reload } = useRemote(() => (loggedIn ? api.waitlists() : Promise.resolve({ items: [] })), [loggedIn]);
  const [changed, setChanged] = useState<Record<string, Waitlist>>({});
  useDidShow(() => {
    setChanged({});
    void reload();
  });

  if (!loggedIn)
    return (
      <PageShell>
        <EmptyState
          text="登录后查看您的候补"
          action={
            <ActionButton onClick={() => open(withQuery(ROUTES.login, { back: ROUTES.waitlist }))}>登录</ActionButton>
          }
        />
      </PageShell>
    );
  if (state.kind !== 'ready') return <NotReadyPage state={state} onRetry={reload} />;
  const { items } = state.data;
  return (
    <PageShell className="waitlist">
      {joined && (
        <Notice kind="success" text="已加入候补，有号释放时将按顺序自动为您预约并通知您" testId="waitlist-joined" />
      )}
      {items.length === 0 ? (
        <EmptyState text="暂无候补。号源约满时，可在确认预约页加入候补。" />
      ) : (
        items.map((w) => (
          <WaitlistCard key={w.id} w={changed[w.id] ?? w} onChanged={(nw) => setChanged({ ...changed, [nw.id]: nw })} />
        ))
      )}
    </PageShell>
  );
}
