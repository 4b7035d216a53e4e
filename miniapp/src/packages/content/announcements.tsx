import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { api } from '../../api';
import { ListFooter } from '../../components/list-footer';
import { PageShell } from '../../components/page-shell';
import { EmptyState, ErrorState, LoadingState } from '../../components/state-view';
import { open } from '../../features/navigation';
import { usePagedList } from '../../hooks/use-paged-list';
import { tapProps } from '../../platform/tap';
import { ROUTES, withQuery } from '../../routes';
import { dateTime } from '../../utils/time';
import { excerpt, rememberListed } from './content.logic';
import './content.scss';

/** Announcements, newest first: the platform's, or one hospital's (`?hospitalId=`), paged. */
export default function AnnouncementsPage() {
  const { hospitalId, hospitalName } = useRouter().params;
  const list = usePagedList(
    async (page) => {
      const p = await api.announcements({ hospitalId: hospitalId || undefined, page, pageSize: 10 });
      rememberListed(p.items);
      return p;
    },
    [hospitalId],
  );

  return (
    <PageShell className="content">
      {hospitalName && <Text className="content__scope">{decodeURIComponent(hospitalName)} 的公告</Text>}
      {list.loading && !list.loaded ? (
        <LoadingState />
      ) : list.error && !list.loaded ? (
        <ErrorState message={list.error} onRetry={list.reload} />
      ) : list.items.length === 0 ? (
        <EmptyState text={hospitalId ? '这家医院暂无公告' : '暂无公告'} />
      ) : (
        <View>
          {list.items.map((a) => (
            <View
              key={a.id}
              className="content__card"
              data-testid="announcement-item"
              {...tapProps(() => open(withQuery(ROUTES.announcement, { id: a.id })))}
            >
              <Text className="content__title">{a.title}</Text>
              <Text className="content__date">{dateTime(a.publishedAt)}</Text>
              <Text className="content__excerpt">{excerpt(a.body)}</Text>
            </View>
          ))}
          <ListFooter loadingMore={list.loadingMore} hasMore={list.hasMore} error={list.error} onMore={list.loadMore} />
        </View>
      )}
    </PageShell>
  );
}
