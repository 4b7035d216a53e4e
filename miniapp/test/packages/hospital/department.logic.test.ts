import {
  dayMark,
  daysOf,
  doctorsOf,
  firstDay,
  ofDoctor,
  sessionState,
  sessionStateText,
  sessionsOfDay,
} from '../../../src/packages/hospital/department.logic';
import { schedule } from '../../support/fixtures';

const NOW = Date.parse('2026-11-22T02:00:00.000Z');

describe('department schedule logic', () => {
  it('tells an open session from a full, unreleased, closed or stopped one', () => {
    expect(sessionState(schedule(), NOW)).toBe('open');
    expect(sessionState(schedule({ freeCount: 0 }), NOW)).toBe('full');
    expect(sessionState(schedule({ releaseAt: '2026-11-22T02:00:00.001Z' }), NOW)).toBe('not-released');
    expect(sessionState(schedule({ bookingClosesAt: '2026-11-22T02:00:00.000Z' }), NOW)).toBe('closed');
    expect(sessionState(schedule({ status: 'stopped', freeCount: 0 }), NOW)).toBe('stopped');
  });

  it('believes the server that a session is closed (its free slots have begun) and says since when, never 约满', () => {
    const closed = schedule({ status: 'closed', freeCount: 0, closedSince: '2026-11-22T02:00:00.000Z' });
    expect(sessionState(closed, NOW)).toBe('closed');
    expect(sessionStateText(closed, 'closed')).toBe('10:00 起停止预约');
    expect(sessionStateText(schedule({ bookingClosesAt: '2026-11-22T03:30:00.000Z' }), 'closed')).toBe(
      '11:30 起停止预约',
    );
    expect(sessionStateText(schedule({ freeCount: 0 }), 'full')).toBe('已约满');
  });

  it('lists the coming days with how many sessions are open, and starts on the first with an open one', () => {
    const list = [
      schedule({ id: 'a', date: '2026-11-23', freeCount: 0 }),
      schedule({ id: 'b', date: '2026-11-24' }),
      schedule({ id: 'c', date: '2026-11-24', period: 'afternoon', startsAt: '2026-11-24T06:00:00.000Z' }),
    ];
    const days = daysOf(list, '2026-11-22', 4, NOW);
    expect(days).toEqual([
      { date: '2026-11-22', sessions: 0, open: 0, releaseAt: null },
      { date: '2026-11-23', sessions: 1, open: 0, releaseAt: null },
      { date: '2026-11-24', sessions: 2, open: 2, releaseAt: null },
      { date: '2026-11-25', sessions: 0, open: 0, releaseAt: null },
    ]);
    expect(firstDay(days)).toBe('2026-11-24');
    expect(firstDay(daysOf([list[0]!], '2026-11-22', 3, NOW))).toBe('2026-11-23');
    expect(firstDay(daysOf([], '2026-11-22', 3, NOW))).toBe('2026-11-22');
  });

  it('orders a day’s sessions morning, afternoon, evening, then by start time', () => {
    const list = [
      schedule({ id: 'eve', period: 'evening', startsAt: '2026-11-25T10:00:00.000Z' }),
      schedule({ id: 'am2', period: 'morning', startsAt: '2026-11-25T01:00:00.000Z' }),
      schedule({ id: 'am1', period: 'morning', startsAt: '2026-11-25T00:00:00.000Z' }),
      schedule({ id: 'pm', period: 'afternoon', startsAt: '2026-11-25T06:00:00.000Z' }),
      schedule({ id: 'other-day', date: '2026-11-26' }),
    ];
    expect(sessionsOfDay(list, '2026-11-25').map((s) => s.id)).toEqual(['am1', 'am2', 'pm', 'eve']);
  });

  it('marks each day: 有号, when an unreleased day opens, 无号 or —', () => {
    const rule = { releaseTime: '08:30', daysAhead: 7 };
    const list = [
      schedule({ id: 'full', date: '2026-11-23', freeCount: 0 }),
      schedule({ id: 'open', date: '2026-11-24' }),
      // Released on 11-23 08:30 and 11-23 09:00 (Shanghai): the earlier one is when the day opens.
      schedule({ id: 'later', date: '2026-11-30', releaseAt: '2026-11-23T01:00:00.000Z' }),
      schedule({ id: 'sooner', date: '2026-11-30', releaseAt: '2026-11-23T00:30:00.000Z' }),
    ];
    const days = daysOf(list, '2026-11-22', 14, NOW, rule);
    const mark = (date: string) => dayMark(days.find((d) => d.date === date)!);
    expect(mark('2026-11-23')).toBe('无号');
    expect(mark('2026-11-24')).toBe('有号');
    expect(mark('2026-11-25')).toBe('—');
    expect(days.find((d) => d.date === '2026-11-30')!.releaseAt).toBe('2026-11-23T00:30:00.000Z');
    expect(mark('2026-11-30')).toBe('08:30放号');
    // No session yet on 12-01: it opens under the hospital's rule, 11-24 08:30 Shanghai.
    expect(days.find((d) => d.date === '2026-12-01')!.releaseAt).toBe('2026-11-24T00:30:00.000Z');
    // Without the rule nothing is known of a day without sessions.
    expect(daysOf([], '2026-12-01', 1, NOW)[0]!.releaseAt).toBeNull();
  });

  it('offers each doctor with sessions once, soonest first, and filters to one of them or all (全部)', () => {
    const doctor = (id: string, name: string) => ({ id, name, title: '主任医师', specialty: '', intro: '' });
    const list = [
      schedule({ id: 'a', doctor: doctor('d2', '王芳') }),
      schedule({ id: 'b', doctor: null }),
      schedule({ id: 'c', doctor: doctor('d1', '李强') }),
      schedule({ id: 'd', doctor: doctor('d2', '王芳') }),
    ];
    expect(doctorsOf(list)).toEqual([
      { id: 'd2', name: '王芳', title: '主任医师' },
      { id: 'd1', name: '李强', title: '主任医师' },
    ]);
    expect(ofDoctor(list, 'd2').map((s) => s.id)).toEqual(['a', 'd']);
    expect(ofDoctor(list, undefined)).toBe(list);
    expect(doctorsOf([schedule()])).toEqual([]);
  });
});
