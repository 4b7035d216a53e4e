import {
  daysOf,
  firstDay,
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
      { date: '2026-11-22', sessions: 0, open: 0 },
      { date: '2026-11-23', sessions: 1, open: 0 },
      { date: '2026-11-24', sessions: 2, open: 2 },
      { date: '2026-11-25', sessions: 0, open: 0 },
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

  it('puts the doctor of 再次预约 first, the rest in their usual order', () => {
    const doctor = (id: string) => ({ id, name: '王医生', title: '主任医师', specialty: '', intro: '' });
    const list = [
      schedule({ id: 'am', period: 'morning', doctor: doctor('other') }),
      schedule({ id: 'pm-wang', period: 'afternoon', startsAt: '2026-11-25T06:00:00.000Z', doctor: doctor('wang') }),
      schedule({ id: 'eve-wang', period: 'evening', startsAt: '2026-11-25T10:00:00.000Z', doctor: doctor('wang') }),
      schedule({ id: 'general', period: 'morning', startsAt: '2026-11-25T01:00:00.000Z' }),
    ];
    expect(sessionsOfDay(list, '2026-11-25', 'wang').map((s) => s.id)).toEqual([
      'pm-wang',
      'eve-wang',
      'am',
      'general',
    ]);
    expect(sessionsOfDay(list, '2026-11-25').map((s) => s.id)).toEqual(['am', 'general', 'pm-wang', 'eve-wang']);
  });
});
