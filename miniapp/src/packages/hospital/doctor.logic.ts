import type { DoctorSchedules, ScheduleSummary } from '@cityhealth/shared-types';
import { sessionState } from './department.logic';

/** Where the doctor sees patients: 北京协和医院 · 心血管内科. */
export function doctorPlace(d: Pick<DoctorSchedules['doctor'], 'hospitalName' | 'departmentName'>): string {
  return `${d.hospitalName} · ${d.departmentName}`;
}

/** A line above the doctor's date grid: how many sessions the coming days hold and how many can be booked now. */
export function sessionsSummary(schedules: ScheduleSummary[], days: number, now = Date.now()): string {
  const live = schedules.filter((s) => s.status !== 'stopped');
  if (!live.length) return `未来 ${days} 天暂无出诊安排`;
  const open = live.filter((s) => sessionState(s, now) === 'open').length;
  return open > 0
    ? `未来 ${days} 天出诊 ${live.length} 次，${open} 次可预约`
    : `未来 ${days} 天出诊 ${live.length} 次，暂无可预约的号`;
}
