import { useEffect, useMemo, useState } from 'react';
import { ScrollView, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { api } from '../../api';
import { PageShell } from '../../components/page-shell';
import { EmptyState, NotReadyPage } from '../../components/state-view';
import { open } from '../../features/navigation';
import { useRemote } from '../../hooks/use-remote';
import { ROUTES, withQuery } from '../../routes';
import { addDays, calendarDate, relativeDayLabel, weekday } from '../../utils/time';
import { SessionCard } from './components/session-card';
import { daysOf, firstDay, sessionsOfDay, sessionState } from './department.logic';
import './department.scss';
import { tapProps } from '../../platform/tap';

const DAYS = 14;

/** A department's sessions over the coming two weeks, day by day. */
export default function DepartmentPage() {
  const params = useRouter().params;
  const id = params.id ?? '';
  const today = calendarDate();
  const { state, reload } = useRemote(
    () => api.departmentSchedules(id, { from: today, to: addDays(today, DAYS - 1) }),
    [id, today],
  );
  const [chosen, setChosen] = useState<string | undefined>();
  const now = Date.now();

  const days = useMemo(
    () => (state.kind === 'ready' ? daysOf(state.data.schedules, today, DAYS, now) : []),
    [state, today, now],
  );
  useEffect(() => {
    if (state.kind === 'ready' && (!chosen || !days.some((d) => d.date === chosen))) setChosen(firstDay(days));
  }, [state, days, chosen]);

  if (state.kind !== 'ready') return <NotReadyPage state={state} onRetry={reload} />;
  const { department, schedules } = state.data;
  const sessions = chosen ? sessionsOfDay(schedules, chosen, params.doctorId) : [];

  return (
    <PageShell className="department">
      <View className="department__head">
        <Text className="department__name">{department.name}</Text>
        <Text className="department__hospital">{department.hospitalName}</Text>
      </View>
      {/* One scrolling row of days: on a 320 px screen two weeks in a grid pushed the sessions out of sight. */}
      <ScrollView scrollX className="department__strip">
        <View className="department__days" aria-label="选择日期">
          {days.map((d) => (
            <View
              key={d.date}
              className={`department__day${d.date === chosen ? ' department__day--on' : ''}`}
              aria-pressed={d.date === chosen}
              data-testid="schedule-day"
              data-date={d.date}
              {...tapProps(() => setChosen(d.date))}
            >
              <Text className="department__day-label">{relativeDayLabel(d.date, today)}</Text>
              <Text className="department__day-label">{weekday(d.date)}</Text>
              <Text className="department__day-count">{d.open > 0 ? `有号` : d.sessions > 0 ? '无号' : '—'}</Text>
            </View>
          ))}
        </View>
      </ScrollView>
      {sessions.length === 0 ? (
        <EmptyState text="这一天没有出诊安排，请选择其他日期" />
      ) : (
        sessions.map((s) => (
          <SessionCard
            key={s.id}
            schedule={s}
            state={sessionState(s, now)}
            onBook={() => open(withQuery(ROUTES.confirm, { scheduleId: s.id }))}
            onReleased={reload}
          />
        ))
      )}
    </PageShell>
  );
}
