import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { api } from '../../api';
import { ActionButton } from '../../components/action-button';
import { PageShell } from '../../components/page-shell';
import { NotReadyPage } from '../../components/state-view';
import { open } from '../../features/navigation';
import { useRemote } from '../../hooks/use-remote';
import { ROUTES, withQuery } from '../../routes';
import { addDays, calendarDate } from '../../utils/time';
import { DoctorChips } from './components/doctor-chips';
import { ScheduleDays } from './components/schedule-days';
import { doctorsOf, ofDoctor } from './department.logic';
import './department.scss';

const DAYS = 14;

/** A department's sessions over the coming two weeks, day by day, for every doctor or one. */
export default function DepartmentPage() {
  const params = useRouter().params;
  const id = params.id ?? '';
  const today = calendarDate();
  const { state, reload } = useRemote(
    () => api.departmentSchedules(id, { from: today, to: addDays(today, DAYS - 1) }),
    [id, today],
  );
  // 再次预约 opens the department at the doctor seen last time (全部 is a tap away)
  const [doctorId, setDoctorId] = useState<string | undefined>(params.doctorId);

  if (state.kind !== 'ready') return <NotReadyPage state={state} onRetry={reload} />;
  const { department, schedules } = state.data;
  const doctors = doctorsOf(schedules);
  const doctor = doctors.find((d) => d.id === doctorId);

  return (
    <PageShell className="department">
      <View className="department__head">
        <Text className="department__name">{department.name}</Text>
        <Text className="department__hospital">{department.hospitalName}</Text>
      </View>
      {doctors.length > 0 && <DoctorChips doctors={doctors} chosen={doctor?.id} onChoose={setDoctorId} />}
      {doctor && (
        <View className="department__doctor">
          <Text className="department__doctor-name">
            {doctor.name} {doctor.title}
          </Text>
          <ActionButton
            kind="secondary"
            testId="doctor-page-link"
            onClick={() => open(withQuery(ROUTES.doctor, { id: doctor.id }))}
          >
            医生主页
          </ActionButton>
        </View>
      )}
      {/* A new filter starts again on its own first day with numbers. */}
      <ScheduleDays
        key={doctor?.id ?? 'all'}
        schedules={ofDoctor(schedules, doctor?.id)}
        departmentId={doctor ? undefined : id}
        today={today}
        count={DAYS}
        releaseRule={department.releaseRule}
        now={Date.now()}
        onReload={reload}
      />
    </PageShell>
  );
}
