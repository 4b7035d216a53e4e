import { useEffect, useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { api } from '../../api';
import { ActionButton } from '../../components/action-button';
import { PageShell } from '../../components/page-shell';
import { Section } from '../../components/section';
import { EmptyState, NotReadyPage } from '../../components/state-view';
import { open } from '../../features/navigation';
import { recentHospitals } from '../../features/recent/recent-store';
import { useRemote } from '../../hooks/use-remote';
import { ROUTES, withQuery } from '../../routes';
import { filterDepartments, paymentText, releaseRuleText } from './hospital.logic';
import './index.scss';
import { platformContact } from '../../platform/contact';
import { tapProps } from '../../platform/tap';

/** A hospital: how booking works there, its intro, and its departments to choose from. */
export default function HospitalPage() {
  const id = useRouter().params.id ?? '';
  const { state, reload } = useRemote(() => api.hospital(id), [id]);
  const [filter, setFilter] = useState('');
  const [introOpen, setIntroOpen] = useState(false);

  useEffect(() => {
    if (state.kind === 'ready') {
      const h = state.data;
      recentHospitals.remember({ id: h.id, name: h.name, levelName: h.levelName, district: h.district });
    }
  }, [state]);

  if (state.kind !== 'ready') return <NotReadyPage state={state} onRetry={reload} />;
  const h = state.data;
  const groups = filterDepartments(h.departments, filter);

  return (
    <PageShell className="hospital">
      <Section>
        <Text className="hospital__name">{h.name}</Text>
        <Text className="hospital__line">
          {h.levelName} · {h.district}
        </Text>
        <Text className="hospital__line">地址：{h.address}</Text>
        <Text className="hospital__line">电话：{h.phone}</Text>
        <View className="hospital__contact">
          <ActionButton kind="secondary" onClick={() => void platformContact.call(h)} testId="hospital-call">
            拨打电话
          </ActionButton>
          <ActionButton kind="secondary" onClick={() => void platformContact.showOnMap(h)} testId="hospital-map">
            查看地图
          </ActionButton>
        </View>
        <Text className="hospital__rule">{releaseRuleText(h.releaseRule)}</Text>
        <Text className="hospital__rule">{paymentText(h.onlinePayment)}</Text>
        {h.intro && (
          <View className="hospital__intro">
            <Text className={`hospital__intro-text${introOpen ? '' : ' hospital__intro-text--short'}`}>{h.intro}</Text>
            <ActionButton kind="link" onClick={() => setIntroOpen(!introOpen)}>
              {introOpen ? '收起简介' : '展开简介'}
            </ActionButton>
          </View>
        )}
        <ActionButton
          kind="link"
          onClick={() => open(withQuery(ROUTES.announcements, { hospitalId: h.id, hospitalName: h.name }))}
        >
          医院公告
        </ActionButton>
      </Section>
      <Section title="选择科室">
        <Input
          className="hospital__filter"
          value={filter}
          placeholder="搜索科室"
          placeholderClass="hospital__filter-placeholder"
          aria-label="搜索科室"
          data-testid="department-filter"
          onInput={(e) => setFilter(e.detail.value)}
        />
        {groups.length === 0 && <EmptyState text={filter ? '没有找到该科室' : '该医院暂未开放网上预约的科室'} />}
        {groups.map((g) => (
          <View key={g.id} className="hospital__group">
            <Text className="hospital__group-name">{g.name}</Text>
            {g.children.map((d) => (
              <View
                key={d.id}
                className="hospital__dept"
                data-testid="department-item"
                {...tapProps(() => open(withQuery(ROUTES.department, { id: d.id })))}
              >
                <Text className="hospital__dept-name">{d.name}</Text>
                {d.intro && <Text className="hospital__dept-intro">{d.intro}</Text>}
              </View>
            ))}
          </View>
        ))}
      </Section>
    </PageShell>
  );
}
