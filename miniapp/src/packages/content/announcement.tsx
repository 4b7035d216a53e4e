import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { api } from '../../api';
import { PageShell } from '../../components/page-shell';
import { NotReadyPage } from '../../components/state-view';
import { useRemote } from '../../hooks/use-remote';
import { dateTime } from '../../utils/time';
import { listedAnnouncement, paragraphs } from './content.logic';
import './content.scss';

/** One announcement in full (from the list just seen, else from the API: a shared link works too). */
export default function AnnouncementPage() {
  const id = useRouter().params.id ?? '';
  const { state, reload } = useRemote(async () => listedAnnouncement(id) ?? api.announcement(id), [id]);

  if (state.kind !== 'ready') return <NotReadyPage state={state} onRetry={reload} />;
  const a = state.data;
  return (
    <PageShell className="content">
      <View className="content__article" data-testid="announcement-detail">
        <Text className="content__heading">{a.title}</Text>
        <Text className="content__date">发布时间：{dateTime(a.publishedAt)}</Text>
        {paragraphs(a.body).map((p, i) => (
          /* biome-ignore lint/suspicious/noArrayIndexKey: an announcement's paragraphs never move;
             two may read the same */
          <Text key={i} className="content__paragraph">
            {p}
          </Text>
        ))}
      </View>
    </PageShell>
  );
}
