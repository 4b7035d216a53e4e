import { resolveRange } from '../../../src/core/schedule/date-range.js';

describe('schedule date range', () => {
  const today = '2026-03-10';
  it('defaults from today to today + the hospital’s days ahead', () => {
    expect(resolveRange({}, today, 7)).toEqual({ from: '2026-03-10', to: '2026-03-17' });
    expect(resolveRange({ from: '2026-03-12' }, today, 14)).toEqual({ from: '2026-03-12', to: '2026-03-26' });
    expect(resolveRange({ to: '2026-03-11' }, today, 7)).toEqual({ from: '2026-03-10', to: '2026-03-11' });
    expect(resolveRange({ to: '2026-03-01' }, today, 7)).toEqual({ from: '2026-03-01', to: '2026-03-01' });
    expect(resolveRange({}, today, 90)).toEqual({ from: '2026-03-10', to: '2026-04-09' });
  });

  it('allows 31 days and refuses more, or a start after the end, with a Chinese message', () => {
    expect(resolveRange({ from: '2026-03-01', to: '2026-03-31' }, today, 7)).toEqual({
      from: '2026-03-01',
      to: '2026-03-31',
    });
    expect(() => resolveRange({ from: '2026-03-01', to: '2026-04-01' }, today, 7)).toThrow(/31 天/);
    expect(() => resolveRange({ from: '2026-03-05', to: '2026-03-04' }, today, 7)).toThrow(/不能晚于/);
  });
});
