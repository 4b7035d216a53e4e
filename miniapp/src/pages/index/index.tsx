import { useEffect, useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import type { SearchResult } from '@cityhealth/shared-types';
import { api, messageOf } from '../../api';
import { ActionButton } from '../../components/action-button';
import { HospitalCard } from '../../components/hospital-card';
import { PageShell } from '../../components/page-shell';
import { ErrorState, LoadingState } from '../../components/state-view';
import { useEdition } from '../../edition/use-edition';
import { askForPendingAgreementsOnce } from '../../features/agreements-gate';
import { open } from '../../features/navigation';
import { recentHospitals, type RecentHospital } from '../../features/recent/recent-store';
import { ROUTES, withQuery } from '../../routes';
import { HospitalList } from './components/hospital-list';
import { SearchResults } from './components/search-results';
import { homeEntries, searchQuery } from './home.logic';
import './index.scss';

const HOSPITALS_ANCHOR = 'home-hospitals';

type Search =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; result: SearchResult };

/** Home: search hospitals, departments and doctors; the hospital list; the elder-edition switch. */
export default function HomePage() {
  const { elder, setElder } = useEdition();
  const [input, setInput] = useState('');
  const [search, setSearch] = useState<Search>({ kind: 'idle' });
  const [recent, setRecent] = useState<RecentHospital[]>([]);
  const [retry, setRetry] = useState(0);
  const q = searchQuery(input);

  useDidShow(() => {
    setRecent(recentHospitals.read());
    void askForPendingAgreementsOnce(ROUTES.home);
  });

  // 预约挂号 is this page's hospital list: the search is cleared and the list scrolled into view.
  function showHospitals() {
    setInput('');
    setTimeout(() => void Taro.pageScrollTo({ selector: `#${HOSPITALS_ANCHOR}`, duration: 300 }), 0);
  }

  // biome-ignore lint/correctness/useExhaustiveDependencies: retry is a counter whose change runs the same search again
  useEffect(() => {
    if (!q) {
      setSearch({ kind: 'idle' });
      return;
    }
    let live = true;
    setSearch({ kind: 'loading' });
    const t = setTimeout(() => {
      api
        .search(q)
        .then((result) => live && setSearch({ kind: 'ready', result }))
        .catch((e: unknown) => live && setSearch({ kind: 'error', message: messageOf(e) }));
    }, 300);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [q, retry]);

  return (
    <PageShell className="home">
      <View className="home__top">
        <Text className="home__title">全市医院 统一预约</Text>
        <ActionButton kind="secondary" onClick={() => setElder(!elder)} testId="edition-switch">
          {elder ? '标准版' : '长辈版'}
        </ActionButton>
      </View>
      <View className="home__search">
        <Input
          className="home__search-input"
          value={input}
          placeholder="搜索医院、科室、医生（支持拼音首字母）"
          placeholderClass="home__search-placeholder"
          confirmType="search"
          aria-label="搜索医院、科室、医生"
          data-testid="search-input"
          onInput={(e) => setInput(e.detail.value)}
        />
      </View>
      <View className="home__records">
        {homeEntries().map((e) => (
          <ActionButton
            key={e.testId}
            kind="secondary"
            className="home__entry"
            onClick={() => (e.route ? open(e.route) : showHospitals())}
            testId={e.testId}
          >
            {e.label}
          </ActionButton>
        ))}
      </View>
      {!elder && (
        <View className="home__entries">
          <ActionButton kind="link" onClick={() => open(ROUTES.announcements)}>
            公告
          </ActionButton>
          <ActionButton kind="link" onClick={() => open(ROUTES.help)}>
            帮助
          </ActionButton>
        </View>
      )}
      {search.kind === 'loading' && <LoadingState text="正在搜索…" />}
      {search.kind === 'error' && <ErrorState message={search.message} onRetry={() => setRetry(retry + 1)} />}
      {search.kind === 'ready' && <SearchResults result={search.result} />}
      {search.kind === 'idle' && (
        <View>
          {elder && recent.length > 0 && (
            <View className="home__group">
              <Text className="home__group-title">最近看过的医院</Text>
              {recent.map((h) => (
                <HospitalCard
                  key={h.id}
                  name={h.name}
                  levelName={h.levelName}
                  district={h.district}
                  onOpen={() => open(withQuery(ROUTES.hospital, { id: h.id }))}
                />
              ))}
            </View>
          )}
          <View id={HOSPITALS_ANCHOR}>
            <HospitalList withFilters={!elder} />
          </View>
        </View>
      )}
    </PageShell>
  );
}
