import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { api } from '../../../src/api';
import ConfirmPage from '../../../src/packages/booking/confirm';
import DepartmentPage from '../../../src/packages/hospital/department';
import WaitlistJoinPage from '../../../src/packages/booking/waitlist';
import WaitlistPage from '../../../src/packages/waitlist/index';
import { addVerifiedPatient, fillDepartmentDay, fillSession, loginAsNewUser } from '../../support/bff-fixtures';
import { navigations, resetTaro } from '../../support/taro-api';

describe('the waitlist pages', () => {
  it('a full session offers its waitlist; joining shows the place in the queue; leaving ends it', async () => {
    const s = await fillSession();
    expect(s.freeCount).toBe(0);
    await loginAsNewUser();
    await addVerifiedPatient('孙淑华');

    resetTaro('packages/booking/confirm', { scheduleId: s.id });
    const confirm = render(<ConfirmPage />);
    fireEvent.click(await screen.findByTestId('booking-waitlist'));
    expect(navigations).toEqual([
      { kind: 'navigateTo', url: `/packages/booking/waitlist?scheduleId=${encodeURIComponent(s.id)}` },
    ]);
    confirm.unmount();

    resetTaro('packages/booking/waitlist', { scheduleId: s.id });
    const join = render(<WaitlistJoinPage />);
    await screen.findAllByTestId('booking-patient');
    const submit = screen.getByTestId('waitlist-submit');
    expect(submit.textContent).toBe('请阅读并同意候补须知');
    expect(screen.getByText(/按候补先后顺序自动为您预约/)).toBeTruthy();
    fireEvent.click(screen.getByTestId('booking-rules-agree'));
    fireEvent.click(submit);
    await waitFor(() =>
      expect(navigations).toEqual([{ kind: 'redirectTo', url: '/packages/waitlist/index?joined=1' }]),
    );
    join.unmount();
    const [joined] = (await api.waitlists()).items;
    expect(joined).toMatchObject({ status: 'waiting', position: 1, patient: { name: '孙淑华' } });

    resetTaro('packages/waitlist/index', { joined: '1' });
    render(<WaitlistPage />);
    expect((await screen.findByTestId('waitlist-position')).textContent).toBe('排第 1 位');
    expect(screen.getByTestId('waitlist-status').textContent).toBe('候补中');
    fireEvent.click(screen.getByTestId('waitlist-leave'));
    fireEvent.click(await screen.findByTestId('waitlist-leave-confirm'));
    await waitFor(() => expect(screen.getByTestId('waitlist-status').textContent).toBe('已结束'));
    expect(screen.getByTestId('waitlist-note').textContent).toBe('已取消候补');
    expect((await api.waitlists()).items[0]!.status).toBe('ended');
  });

  it('tells a patient joining twice why not, in Chinese', async () => {
    const s = await fillSession();
    await loginAsNewUser();
    const p = await addVerifiedPatient('钱桂芝');
    await api.joinWaitlist({ scheduleId: s.id, patientId: p.id });
    resetTaro('packages/booking/waitlist', { scheduleId: s.id });
    render(<WaitlistJoinPage />);
    await screen.findAllByTestId('booking-patient');
    fireEvent.click(screen.getByTestId('booking-rules-agree'));
    fireEvent.click(screen.getByTestId('waitlist-submit'));
    expect((await screen.findByTestId('waitlist-error')).textContent).toBe('该就诊人已在此时段候补');
    expect(navigations).toEqual([]);
  });

  it('a department’s day booked full offers one waitlist for all its sessions', async () => {
    const day = await fillDepartmentDay();
    await loginAsNewUser();
    await addVerifiedPatient('吴凤英');

    resetTaro('packages/hospital/department', { id: day.departmentId });
    const department = render(<DepartmentPage />);
    const days = await screen.findAllByTestId('schedule-day');
    fireEvent.click(days.find((d) => d.getAttribute('data-date') === day.date)!);
    fireEvent.click(await screen.findByTestId('department-waitlist-day'));
    const url = `/packages/booking/waitlist?departmentId=${encodeURIComponent(day.departmentId)}&date=${day.date}`;
    expect(navigations).toEqual([{ kind: 'navigateTo', url }]);
    department.unmount();

    resetTaro('packages/booking/waitlist', { departmentId: day.departmentId, date: day.date });
    render(<WaitlistJoinPage />);
    await screen.findAllByTestId('booking-patient');
    expect(screen.getByText(/当日各时段号源均已约满/)).toBeTruthy();
    fireEvent.click(screen.getByTestId('booking-rules-agree'));
    fireEvent.click(screen.getByTestId('waitlist-submit'));
    await waitFor(() => expect(navigations.at(-1)?.kind).toBe('redirectTo'));
    const [joined] = (await api.waitlists()).items;
    expect(joined!.sessions.map((x) => x.scheduleId).sort()).toEqual(day.sessions.map((x) => x.id).sort());
    expect(joined!.position).toBe(1);
  });
});
