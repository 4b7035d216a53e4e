import type { Waitlist } from '@cityhealth/shared-types';
import { offersWaitlist, waitlistClosesAt } from '../../../src/features/waitlist';
import { waitlistRuleLines } from '../../../src/packages/booking/waitlist.logic';
import { outcomeText, positionText, sessionsText } from '../../../src/packages/waitlist/waitlist.logic';

const session = (o: Partial<Waitlist['sessions'][number]> = {}): Waitlist['sessions'][number] => ({
  scheduleId: 's1',
  period: 'morning',
  startsAt: '2026-12-08T00:00:00.000Z',
  endsAt: '2026-12-08T03:30:00.000Z',
  doctor: null,
  status: 'waiting',
  position: 2,
  ...o,
});

describe('the waitlist’s words', () => {
  const rules = {
    maxPerWindow: 10,
    windowDays: 8,
    paymentWindowMinutes: 20,
    cancelDeadline: { daysBefore: 1, time: '15:00' },
    noShow: { threshold: 3, windowDays: 30, suspendDays: 90 },
    waitlist: { maxPerPerson: 2, closes: { daysBefore: 1, time: '19:30' } },
    childMaxAge: 16,
  };

  it('offers a waitlist for a released, open, full session until the evening before, and nothing else', () => {
    const now = Date.parse('2026-12-01T01:00:00Z');
    const full = {
      status: 'open' as const,
      freeCount: 0,
      releaseAt: '2026-12-01T00:30:00Z',
      date: '2026-12-03',
      bookingClosesAt: '2026-12-03T03:00:00Z',
    };
    expect(waitlistClosesAt(full, rules)).toBe(Date.parse('2026-12-02T11:30:00Z'));
    expect(offersWaitlist(full, rules, now)).toBe(true);
    expect(offersWaitlist({ ...full, freeCount: 1 }, rules, now)).toBe(false);
    expect(offersWaitlist({ ...full, status: 'stopped' }, rules, now)).toBe(false);
    expect(offersWaitlist({ ...full, status: 'closed' }, rules, now)).toBe(false);
    expect(offersWaitlist({ ...full, releaseAt: '2026-12-01T02:00:00Z' }, rules, now)).toBe(false);
    expect(offersWaitlist(full, rules, Date.parse('2026-12-02T11:30:00Z'))).toBe(false);
    // a session whose booking closes before the rule's evening: its waitlist closes with it
    const early = { ...full, date: '2026-12-01', bookingClosesAt: '2026-12-01T02:00:00Z' };
    expect(waitlistClosesAt(early, rules)).toBe(Date.parse('2026-11-30T11:30:00Z'));
  });

  it('states the waitlist’s rules with the numbers the server gives', () => {
    const lines = waitlistRuleLines(rules);
    expect(lines.join('')).toContain('20 分钟内完成支付');
    expect(lines.join('')).toContain('就诊前一天 19:30 截止');
    expect(lines.join('')).toContain('最多同时候补 2 个');
  });

  it('says the place while waiting, the sessions in Shanghai time, and what became of it', () => {
    expect(positionText({ status: 'waiting', position: 3 })).toBe('排第 3 位');
    expect(positionText({ status: 'booked', position: null })).toBeNull();
    const w = {
      date: '2026-12-08',
      sessions: [
        session(),
        session({ period: 'afternoon', startsAt: '2026-12-08T05:30:00.000Z', endsAt: '2026-12-08T09:00:00.000Z' }),
      ],
    };
    // a time range never wraps inside itself (no-break space after the period)
    expect(sessionsText(w, '2026-12-01')).toBe('12月8日 上午\u00a008:00–11:30 · 下午\u00a013:30–17:00');
    expect(sessionsText(w, '2026-12-07')).toMatch(/^明天 /);
    expect(outcomeText({ status: 'waiting', closesAt: '2026-12-07T12:00:00.000Z', note: null })).toBe(
      '候补截止 2026年12月7日 周一 20:00，截止前有号将自动为您预约',
    );
    expect(outcomeText({ status: 'ended', closesAt: '2026-12-07T12:00:00.000Z', note: '已取消候补' })).toBe(
      '已取消候补',
    );
  });
});
