import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { api } from '../../../src/api';
import DoctorPage from '../../../src/packages/hospital/doctor';
import { findDoctorSchedule } from '../../support/bff-fixtures';
import { navigations, resetTaro } from '../../support/taro-api';

const day = (date: string) => document.querySelector(`[data-testid="schedule-day"][data-date="${date}"]`)!;
const card = (id: string) => document.querySelector(`[data-testid="schedule-item"][data-schedule-id="${id}"]`)!;

describe('doctor page', () => {
  it('shows the doctor’s title, specialty and intro, and books one of their sessions on the confirm page', async () => {
    const s = await findDoctorSchedule();
    const { doctor } = await api.doctorSchedules(s.doctor.id);
    resetTaro('packages/hospital/doctor', { id: s.doctor.id });
    render(<DoctorPage />);
    expect((await screen.findByTestId('doctor-name')).textContent).toBe(doctor.name);
    expect(screen.getByText(doctor.title)).toBeTruthy();
    expect(screen.getByTestId('doctor-specialty').textContent).toBe(`擅长：${doctor.specialty}`);
    expect(screen.getByTestId('doctor-intro').textContent).toBe(doctor.intro);
    expect(screen.getByText(`${doctor.hospitalName} · ${doctor.departmentName}`)).toBeTruthy();
    expect(screen.getByTestId('doctor-summary').textContent).toMatch(/^未来 14 天出诊 \d+ 次，\d+ 次可预约$/);
    fireEvent.click(day(s.date));
    fireEvent.click(await waitFor(() => card(s.id)));
    expect(navigations).toEqual([
      { kind: 'navigateTo', url: `/packages/booking/confirm?scheduleId=${encodeURIComponent(s.id)}` },
    ]);
  });

  it('says the doctor is unknown, in Chinese, for an id that is no doctor', async () => {
    resetTaro('packages/hospital/doctor', { id: '00000000-0000-7000-8000-000000000000' });
    render(<DoctorPage />);
    expect((await screen.findByTestId('state-error')).textContent).toContain('医生不存在');
  });
});
