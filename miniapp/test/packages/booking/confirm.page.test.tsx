import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { api, currentSession, saveSession } from '../../../src/api';
import { callOperation } from '../../../src/api/operation';
import ConfirmPage from '../../../src/packages/booking/confirm';
import {
  addVerifiedPatient,
  fillSession,
  findOpenSchedule,
  loginAsNewUser,
  makeIdNumber,
  makePhone,
} from '../../support/bff-fixtures';
import { navigations, resetTaro } from '../../support/taro-api';

const submit = () => screen.getByTestId('booking-submit');

describe('booking confirm page', () => {
  it('asks a guest to log in first and comes back to this session', async () => {
    const s = await findOpenSchedule();
    resetTaro('packages/booking/confirm', { scheduleId: s.id });
    saveSession(null);
    render(<ConfirmPage />);
    fireEvent.click(await screen.findByTestId('booking-login'));
    const confirmUrl = `/packages/booking/confirm?scheduleId=${encodeURIComponent(s.id)}`;
    expect(navigations).toEqual([
      {
        kind: 'navigateTo',
        url: `/pages/login/index?back=${encodeURIComponent(confirmUrl)}`,
      },
    ]);
  });

  it('books only once a verified patient is chosen and the rules agreed, then opens the new order', async () => {
    const s = await findOpenSchedule();
    resetTaro('packages/booking/confirm', { scheduleId: s.id });
    await loginAsNewUser();
    await addVerifiedPatient('王秀英');
    await addVerifiedPatient('李桂兰');
    // A patient saved before saving and verifying became one step (the API's older operation).
    await callOperation('createPatient', {
      body: { name: '张未认证', idNumber: makeIdNumber(), phone: makePhone(), relation: 'child' },
    });

    render(<ConfirmPage />);
    const choices = await screen.findAllByTestId('booking-patient');
    expect(choices).toHaveLength(3);
    expect(submit().textContent).toBe('请选择就诊人');
    expect(submit().hasAttribute('disabled')).toBe(true);

    const unverified = choices.find((c) => c.textContent?.includes('张未认证'))!;
    expect(unverified.getAttribute('aria-disabled')).toBe('true');
    expect(unverified.textContent).toContain('需先完成实名认证');
    fireEvent.click(unverified);
    expect(submit().textContent).toBe('请选择就诊人');

    fireEvent.click(choices.find((c) => c.textContent?.includes('李桂兰'))!);
    expect(submit().textContent).toBe('请阅读并同意预约须知');
    fireEvent.click(screen.getByTestId('booking-rules-agree'));
    expect(submit().textContent).toMatch(/^确认预约 ¥\d+\.\d{2}$/);

    fireEvent.click(submit());
    await waitFor(() => expect(navigations).toHaveLength(1));
    const [nav] = navigations;
    expect(nav!.kind).toBe('redirectTo');
    const orderId = decodeURIComponent(/[?&]id=([^&]+)/.exec(nav!.url!)![1]!);
    const order = await api.order(orderId);
    expect(order).toMatchObject({ status: 'booked', patient: expect.objectContaining({ name: '李桂兰' }) });
  });

  it('puts 就诊人 and the rules before the time windows, folded to the first free ones until 展开全部', async () => {
    const s = await findOpenSchedule();
    resetTaro('packages/booking/confirm', { scheduleId: s.id });
    await loginAsNewUser();
    await addVerifiedPatient('孙凤英');
    const free = (await api.schedule(s.id)).slots.filter((slot) => slot.status === 'free');
    expect(free.length).toBeGreaterThan(4);

    render(<ConfirmPage />);
    const [patient] = await screen.findAllByTestId('booking-patient');
    const agree = screen.getByTestId('booking-rules-agree');
    const slots = screen.getByTestId('booking-slots');
    const follows = (a: Element, b: Element) =>
      Boolean(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING);
    expect(follows(patient!, agree)).toBe(true);
    expect(follows(agree, slots)).toBe(true);

    expect(screen.getAllByTestId('booking-slot')).toHaveLength(4);
    const toggle = screen.getByTestId('booking-slots-toggle');
    expect(toggle.textContent).toBe(`展开全部（共 ${free.length} 个时段）`);
    fireEvent.click(toggle);
    const all = screen.getAllByTestId('booking-slot');
    expect(all).toHaveLength(free.length);
    const last = free[free.length - 1]!;
    fireEvent.click(all[all.length - 1]!);
    fireEvent.click(screen.getByTestId('booking-slots-toggle'));
    // Folded again, the chosen window stays in sight, chosen.
    const shown = screen.getAllByTestId('booking-slot');
    expect(shown).toHaveLength(5);
    expect(shown[4]!.getAttribute('aria-pressed')).toBe('true');
    expect(shown[4]!.textContent).toContain(`第${last.seq}号`);

    fireEvent.click(agree);
    fireEvent.click(submit());
    await waitFor(() => expect(navigations).toHaveLength(1));
    const orderId = decodeURIComponent(/[?&]id=([^&]+)/.exec(navigations[0]!.url!)![1]!);
    expect((await api.order(orderId)).slot.id).toBe(last.id);
  });

  it('shows the API’s refusal in Chinese and books nothing when the patient already holds this session', async () => {
    const s = await findOpenSchedule();
    resetTaro('packages/booking/confirm', { scheduleId: s.id });
    await loginAsNewUser();
    const p = await addVerifiedPatient('赵淑珍');
    await api.book({ scheduleId: s.id, patientId: p.id }, `first-${Date.now()}`);

    render(<ConfirmPage />);
    await screen.findAllByTestId('booking-patient');
    // The only verified patient is chosen already.
    fireEvent.click(screen.getByTestId('booking-rules-agree'));
    fireEvent.click(submit());
    const error = await screen.findByTestId('booking-error');
    expect(error.textContent).toMatch(/[\u4e00-\u9fa5]/);
    expect(navigations).toEqual([]);
    const { items } = await api.orders({});
    expect(items).toHaveLength(1);
  });

  it('shows the session as it is now once the last slots went to others while the page was open', async () => {
    const s = await findOpenSchedule({ daysAhead: 2 });
    resetTaro('packages/booking/confirm', { scheduleId: s.id });
    await loginAsNewUser();
    await addVerifiedPatient('钱玉兰');
    const mine = currentSession();

    render(<ConfirmPage />);
    await screen.findAllByTestId('booking-patient');
    fireEvent.click(screen.getByTestId('booking-rules-agree'));
    expect(submit().textContent).toMatch(/^确认预约/);
    await fillSession(s);
    saveSession(mine);

    fireEvent.click(submit());
    expect((await screen.findByTestId('booking-error')).textContent).toMatch(/[\u4e00-\u9fa5]/);
    await waitFor(() => expect(submit().textContent).toBe('该时段号源已约满'));
    expect(navigations).toEqual([]);
  });
});
