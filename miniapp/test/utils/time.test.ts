import {
  addDays,
  calendarDate,
  clock,
  dateTime,
  dayLabel,
  formatDuration,
  relativeDayLabel,
  timeWindow,
} from '../../src/utils/time';

describe('Shanghai time formatting', () => {
  it('puts an instant late in the UTC day on the next Shanghai date', () => {
    expect(calendarDate('2026-11-22T16:30:00Z')).toBe('2026-11-23');
    expect(calendarDate('2026-11-22T15:59:59Z')).toBe('2026-11-22');
  });

  it('shows wall-clock times and windows in UTC+8', () => {
    expect(clock('2026-11-23T00:30:00Z')).toBe('08:30');
    expect(timeWindow('2026-11-23T00:30:00Z', '2026-11-23T01:00:00Z')).toBe('08:30–09:00');
    expect(dateTime('2026-11-23T00:30:00Z')).toBe('2026年11月23日 周一 08:30');
  });

  it('counts days across month and year ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(dayLabel('2026-11-23')).toBe('11月23日 周一');
  });

  it('says today and tomorrow relative to the Shanghai date', () => {
    expect(relativeDayLabel('2026-11-23', '2026-11-23')).toBe('今天');
    expect(relativeDayLabel('2026-11-24', '2026-11-23')).toBe('明天');
    expect(relativeDayLabel('2026-11-25', '2026-11-23')).toBe('11月25日');
  });

  it('formats a remaining duration', () => {
    expect(formatDuration(65_000)).toBe('01:05');
    expect(formatDuration(3_725_000)).toBe('01:02:05');
    expect(formatDuration(2 * 86_400_000 + 5_000)).toBe('2天 00:00:05');
    expect(formatDuration(-10)).toBe('00:00');
  });
});
