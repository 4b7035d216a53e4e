import { Text, View } from '@tarojs/components';
import type { SearchResult } from '@cityhealth/shared-types';
import { HospitalCard } from '../../../components/hospital-card';
import { Section } from '../../../components/section';
import { EmptyState } from '../../../components/state-view';
import { open } from '../../../features/navigation';
import { ROUTES, withQuery } from '../../../routes';
import { tapProps } from '../../../platform/tap';
import { matchNote } from '../home.logic';

/** What a search found: hospitals, departments (with their hospital) and doctors (to their page), and why. */
export function SearchResults({ result }: { result: SearchResult }) {
  const { hospitals, departments, doctors } = result;
  if (!hospitals.length && !departments.length && !doctors.length) {
    return <EmptyState text="没有找到相关的医院、科室或医生，换个词试试（可输入拼音首字母）" />;
  }
  return (
    <View>
      {hospitals.length > 0 && (
        <View className="home__group">
          <Text className="home__group-title">医院</Text>
          {hospitals.map((h) => (
            <HospitalCard
              key={h.id}
              name={h.name}
              levelName={h.levelName}
              district={h.district}
              address={h.address}
              onOpen={() => open(withQuery(ROUTES.hospital, { id: h.id }))}
            />
          ))}
        </View>
      )}
      {departments.length > 0 && (
        <Section title="科室">
          {departments.map((d) => (
            <View
              key={d.id}
              className="home__row"
              data-testid="department-item"
              data-department-id={d.id}
              {...tapProps(() => open(withQuery(ROUTES.department, { id: d.id })))}
            >
              <Text className="home__row-title">{d.name}</Text>
              <Text className="home__row-meta">{d.hospitalName}</Text>
              {matchNote(d.match) && (
                <Text className="home__row-meta" data-testid="search-match">
                  {matchNote(d.match)}
                </Text>
              )}
            </View>
          ))}
        </Section>
      )}
      {doctors.length > 0 && (
        <Section title="医生">
          {doctors.map((d) => (
            <View
              key={d.id}
              className="home__row"
              data-testid="doctor-item"
              {...tapProps(() => open(withQuery(ROUTES.doctor, { id: d.id })))}
            >
              <Text className="home__row-title">
                {d.name} · {d.title}
              </Text>
              <Text className="home__row-meta">
                {d.hospitalName} {d.departmentName}
              </Text>
              {matchNote(d.match, d.specialty) && (
                <Text className="home__row-meta" data-testid="search-match">
                  {matchNote(d.match, d.specialty)}
                </Text>
              )}
            </View>
          ))}
        </Section>
      )}
    </View>
  );
}
