import {
  dayReleaseAt,
  releaseIsNear,
  releaseShortText,
  releaseText,
  ruleReleaseAt,
} from '../../../src/packages/hospital/release.logic';
import { schedule } from '../../support/fixtures';

const NOW = Date.parse('2026-12-01T02:00:00.000Z'); // 10:00 in Shanghai
const RULE = { releaseTime: '08:30', daysAhead: 7 };

describe('release labels', () => {
  it('says when a day opens in Shanghai time: 12月8日 08:30 放号', () => {
    expect(releaseText('2026-12-08T00:30:00.000Z')).toBe('12月8日 08:30 放号');
    // 23:30 UTC is already the next morning in Shanghai.
    expect(releaseText('2026-12-07T23:30:00.000Z')).toBe('12月8日 07:30 放号');
    expect(releaseShortText('2026-12-08T00:30:00.000Z')).toBe('08:30放号');
  });

  it('counts down only in the last 24 hours before the release', () => {
    expect(releaseIsNear('2026-12-02T00:30:00.000Z', NOW)).toBe(true);
    expect(releaseIsNear('2026-12-02T02:00:00.000Z', NOW)).toBe(true);
    expect(releaseIsNear('2026-12-02T02:00:00.001Z', NOW)).toBe(false);
    expect(releaseIsNear('2026-12-01T02:00:00.000Z', NOW)).toBe(false);
  });

  it('takes a day’s release from its sessions’ release_at while none is released, else from the rule', () => {
    const day = '2026-12-09';
    const pending = [
      schedule({ date: day, releaseAt: '2026-12-02T01:00:00.000Z' }),
      schedule({ date: day, releaseAt: '2026-12-02T00:30:00.000Z' }),
    ];
    expect(dayReleaseAt(pending, day, RULE, NOW)).toBe('2026-12-02T00:30:00.000Z');
    // One session open already: the day is released.
    expect(
      dayReleaseAt([...pending, schedule({ date: day, releaseAt: '2026-11-30T00:30:00.000Z' })], day, RULE, NOW),
    ).toBeNull();
    // A stopped session says nothing of the release; only stopped ones: nothing to open.
    expect(
      dayReleaseAt([schedule({ status: 'stopped', releaseAt: '2026-12-05T00:30:00.000Z' })], day, RULE, NOW),
    ).toBeNull();
    expect(ruleReleaseAt('2026-12-10', RULE)).toBe('2026-12-03T00:30:00.000Z');
    expect(dayReleaseAt([], '2026-12-10', RULE, NOW)).toBe('2026-12-03T00:30:00.000Z');
    // A day whose rule time has passed without sessions holds no clinic.
    expect(dayReleaseAt([], '2026-12-05', RULE, NOW)).toBeNull();
  });
});
