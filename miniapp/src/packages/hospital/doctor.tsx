import { Text } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { api } from '../../api';
import { PageShell } from '../../components/page-shell';
import { Section } from '../../components/section';
import { NotReadyPage } from '../../components/state-view';
import { useRemote } from '../../hooks/use-remote';
import { addDays, calendarDate } from '../../utils/time';
import { ScheduleDays } from './components/schedule-days';
import { doctorPlace, sessionsSummary } from './doctor.logic';
import './department.scss';
import './doctor.scss';

const DAYS = 14;

/** A doctor: title, specialty and intro, and their sessions over the coming two weeks, bookable from here. */
export default function DoctorPage() {
  const id = useRouter().params.id ?? '';
  const today = calendarDate();
  const { state, reload } = useRemote(
    () => api.doctorSchedules(id, { from: today, to: addDays(today, DAYS - 1) }),
    [id, today],
  );

  if (state.kind !== 'ready') return <NotReadyPage state={state} onRetry={reload} />;
  const { doctor, schedules } = state.data;
  const now = Date.now();

  return (
    <PageShell className="department doctor">
      <Section>
        <Text className="doctor__name" data-testid="doctor-name">
          {doctor.name}
        </Text>
        <Text className="doctor__title">{doctor.title}</Text>
        <Text className="doctor__line">{doctorPlace(doctor)}</Text>
        {doctor.specialty && (
          <Text className="doctor__line" data-testid="doctor-specialty">
            擅长：{doctor.specialty}
          </Text>
        )}
        {doctor.intro && (
          <Text className="doctor__intro" data-testid="doctor-intro">
            {doctor.intro}
          </Text>
        )}
      </Section>
      <Text className="doctor__summary" data-testid="doctor-summary">
        {sessionsSummary(schedules, DAYS, now)}
      </Text>
      <ScheduleDays
        schedules={schedules}
        today={today}
        count={DAYS}
        releaseRule={doctor.releaseRule}
        now={now}
        onReload={reload}
      />
    </PageShell>
  );
}
