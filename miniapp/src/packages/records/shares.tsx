import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import type { ImagingShare } from '@cityhealth/shared-types';
import { api, messageOf } from '../../api';
import { ActionButton } from '../../components/action-button';
import { Notice } from '../../components/notice';
import { PageShell } from '../../components/page-shell';
import { EmptyState, NotReadyPage } from '../../components/state-view';
import { useRemote } from '../../hooks/use-remote';
import { dateTime } from '../../utils/time';
import { copy, linkOrigin } from './components/share-panel';
import { shareLink, shareState } from './records.logic';
import './records.scss';

function ShareCard({
  share,
  patientId,
  onChanged,
}: {
  share: ImagingShare;
  patientId: string;
  onChanged: (s: ImagingShare) => void;
}) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'error' | 'success'; text: string } | null>(null);
  const st = shareState(share);
  const link = shareLink(share.url, linkOrigin());

  async function revoke() {
    setBusy(true);
    setMessage(null);
    try {
      onChanged(await api.revokeShare(patientId, share.shareId));
      setMessage({ kind: 'success', text: '已取消分享，链接已失效' });
    } catch (e) {
      setMessage({ kind: 'error', text: messageOf(e) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className="records__card" data-testid="share-item" data-active={st.active}>
      <View className="records__card-head">
        <Text className="records__title">{share.description}</Text>
        <Text className={`records__status${st.active ? ' records__status--final' : ' records__status--cancelled'}`}>
          {st.words}
        </Text>
      </View>
      <Text className="records__meta">分享时间 {dateTime(share.createdAt)}</Text>
      <Text className="records__meta">有效期至 {dateTime(share.expiresAt)}</Text>
      <Text className="records__meta" data-testid="share-uses-line">
        已查看 {share.uses} / {share.maxUses} 次
      </Text>
      {share.revokedAt && <Text className="records__meta">取消时间 {dateTime(share.revokedAt)}</Text>}
      {st.active && (
        <View>
          <Text className="records__meta">访问码 {share.accessCode}</Text>
          <View className="records__share-actions">
            <ActionButton
              kind="secondary"
              onClick={() =>
                void copy(`${link}\n访问码：${share.accessCode}`, '链接和访问码', (text) =>
                  setMessage({ kind: 'success', text }),
                )
              }
              testId="share-item-copy"
            >
              复制链接
            </ActionButton>
            <ActionButton kind="danger" busy={busy} onClick={revoke} testId="share-revoke">
              取消分享
            </ActionButton>
          </View>
        </View>
      )}
      {message && <Notice kind={message.kind} text={message.text} />}
    </View>
  );
}

/** The patient's shared studies (云胶片), newest first: uses, expiry, revoked; 取消分享 stops a link at once. */
export default function SharesPage() {
  const { patientId = '' } = useRouter().params;
  const { state, reload } = useRemote(() => api.shares(patientId), [patientId]);
  const [changed, setChanged] = useState<Record<string, ImagingShare>>({});

  if (state.kind !== 'ready') return <NotReadyPage state={state} onRetry={reload} />;
  return (
    <PageShell className="records">
      {state.data.items.length === 0 ? (
        <EmptyState text="还没有分享过影像" />
      ) : (
        state.data.items.map((s) => (
          <ShareCard
            key={s.shareId}
            share={changed[s.shareId] ?? s}
            patientId={patientId}
            onChanged={(ns) => setChanged({ ...changed, [ns.shareId]: ns })}
          />
        ))
      )}
    </PageShell>
  );
}
