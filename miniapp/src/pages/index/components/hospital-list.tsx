import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { HOSPITAL_LEVEL_LABELS, HOSPITAL_LEVELS } from '@cityhealth/shared-types/labels';
import { api } from '../../../api';
import { HospitalCard } from '../../../components/hospital-card';
import { ListFooter } from '../../../components/list-footer';
import { ErrorState, LoadingState } from '../../../components/state-view';
import { open } from '../../../features/navigation';
import { usePagedList } from '../../../hooks/use-paged-list';
import { useRemote } from '../../../hooks/use-remote';
import { ROUTES, withQuery } from '../../../routes';
import { listHeading, toggleFilter, type Filters } from '../home.logic';
import { tapProps } from '../../../platform/tap';

function Chip({ label, on, onTap }: { label: string; on: boolean; onTap: () => void }) {
  return (
    <View className={`home__chip${on ? ' home__chip--on' : ''}`} aria-pressed={on} {...tapProps(onTap)}>
      <Text>{label}</Text>
    </View>
  );
}

/** All hospitals, paged, with district and level filters (the elder edition leaves the filters out). */
export function HospitalList({ withFilters }: { withFilters: boolean }) {
  const [filters, setFilters] = useState<Filters>({});
  const districts = useRemote(() => api.districts(), []);
  const list = usePagedList(
    (page) =>
      api.hospitals({
        page,
        pageSize: 20,
        district: filters.district,
        level: filters.level as (typeof HOSPITAL_LEVELS)[number] | undefined,
      }),
    [filters.district, filters.level],
  );

  return (
    <View>
      {withFilters && (
        <View className="home__filters">
          {districts.state.kind === 'ready' && (
            <View className="home__chips" aria-label="按区县筛选">
              {districts.state.data.items.map((d) => (
                <Chip
                  key={d}
                  label={d}
                  on={filters.district === d}
                  onTap={() => setFilters(toggleFilter(filters, 'district', d))}
                />
              ))}
            </View>
          )}
          <View className="home__chips" aria-label="按医院等级筛选">
            {HOSPITAL_LEVELS.map((l) => (
              <Chip
                key={l}
                label={HOSPITAL_LEVEL_LABELS[l]}
                on={filters.level === l}
                onTap={() => setFilters(toggleFilter(filters, 'level', l))}
              />
            ))}
          </View>
        </View>
      )}
      {list.loading && !list.loaded ? (
        <LoadingState text="正在加载医院…" />
      ) : list.error && !list.loaded ? (
        <ErrorState message={list.error} onRetry={list.reload} />
      ) : (
        <View>
          <Text className="home__list-heading">
            {listHeading(list.total, Boolean(filters.district || filters.level))}
          </Text>
          {list.items.map((h) => (
            <HospitalCard
              key={h.id}
              name={h.name}
              levelName={h.levelName}
              district={h.district}
              address={h.address}
              onOpen={() => open(withQuery(ROUTES.hospital, { id: h.id }))}
            />
          ))}
          {list.total > 0 && (
            <ListFooter
              loadingMore={list.loadingMore}
              hasMore={list.hasMore}
              error={list.error}
              onMore={list.loadMore}
            />
          )}
        </View>
      )}
    </View>
  );
}
