import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { HospitalDetail } from '@cityhealth/shared-types';
import { api } from '../../../src/api';
import DepartmentPage from '../../../src/packages/hospital/department';
import { addDays, calendarDate } from '../../../src/utils/time';
import { findDoctorSchedule } from '../../support/bff-fixtures';
import { navigations, resetTaro } from '../../support/taro-api';

const day = (date: string) => document.querySelector(`[data-testid="schedule-day"][data-date="${date}"]`)!;
const card = (id: string) => document.querySelector(`[data-testid="schedule-item"][data-schedule-id="${id}"]`)!;
const DAY_MS = 86_400_000;

describe('department page filtered by doctor', () => {
  it('shows every doctor by default (全部), one doctor’s sessions when chosen, and leads to their page', async () => {
    const s = await findDoctorSchedule();
    resetTaro('packages/hospital/department', { id: s.departmentId });
    render(<DepartmentPage />);
    const chips = await screen.findAllByTestId('doctor-chip');
    expect(chips[0]!.textContent).toBe('全部');
    expect(chips[0]!.getAttribute('aria-pressed')).toBe('true');
    const mine = chips.find((c) => c.getAttribute('data-doctor-id') === s.doctor.id)!;
    expect(mine.textContent).toBe(s.doctor.name);

    fireEvent.click(mine);
    await waitFor(() => expect(mine.getAttribute('aria-pressed')).toBe('true'));
    fireEvent.click(day(s.date));
    const cards = await screen.findAllByTestId('schedule-item');
    expect(cards.length).toBeGreaterThan(0);
    for (const c of cards) expect(c.textContent).toContain(s.doctor.name);
    expect(card(s.id)).toBeTruthy();

    fireEvent.click(screen.getByTestId('doctor-page-link'));
    expect(navigations).toEqual([
      { kind: 'navigateTo', url: `/packages/hospital/doctor?id=${encodeURIComponent(s.doctor.id)}` },
    ]);
    fireEvent.click(chips[0]!);
    await waitFor(() => expect(screen.queryByTestId('doctor-page-link')).toBeNull());
  });
});

describe('department page, days not yet released', () => {
  /** A department of a hospital releasing fewer days ahead than the page shows (14): some days are still to open. */
  async function departmentReleasingLater(): Promise<{ id: string; hospital: HospitalDetail }> {
    const { items } = await api.hospitals({ pageSize: 50 });
    for (const h of items.filter((x) => x.releaseRule.daysAhead <= 10)) {
      const hospital = await api.hospital(h.id);
      const first = hospital.departments.flatMap((g) => g.children)[0];
      if (first) return { id: first.id, hospital };
    }
    throw new Error('no demo hospital releasing 10 days ahead or fewer');
  }

  it('says when such a day opens (Shanghai time), with a countdown only within the last 24 hours', async () => {
    const { id, hospital } = await departmentReleasingLater();
    const { releaseTime, daysAhead } = hospital.releaseRule;
    const today = calendarDate();
    /** When a day opens under the rule: its release time, `daysAhead` days before (Shanghai). */
    const opensAt = (date: string) => Date.parse(`${addDays(date, -daysAhead)}T${releaseTime}:00+08:00`);
    const label = (date: string) => {
      const [, m, d] = addDays(date, -daysAhead).split('-');
      return `${Number(m)}月${Number(d)}日 ${releaseTime} 放号`;
    };
    resetTaro('packages/hospital/department', { id });
    render(<DepartmentPage />);
    await screen.findAllByTestId('schedule-day');

    const later = addDays(today, 12);
    expect(day(later).textContent).toContain(`${releaseTime}放号`);
    fireEvent.click(day(later));
    await waitFor(() => expect(screen.getByTestId('day-release').textContent).toBe(label(later)));
    expect(screen.queryByTestId('day-release-countdown')).toBeNull();
    expect(screen.getByTestId('state-empty').textContent).toContain('尚未放出');

    const now = Date.now();
    const near = [addDays(today, daysAhead), addDays(today, daysAhead + 1)].find(
      (d) => opensAt(d) > now + 5_000 && opensAt(d) - now <= DAY_MS,
    )!;
    fireEvent.click(day(near));
    await waitFor(() => expect(screen.getByTestId('day-release').textContent).toContain(label(near)));
    expect(screen.getByTestId('day-release-countdown').textContent).toMatch(/^距放号还有 \d{2}:\d{2}(:\d{2})?$/);
  });
});
