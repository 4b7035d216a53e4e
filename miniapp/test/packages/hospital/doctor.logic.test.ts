import { doctorPlace, sessionsSummary } from '../../../src/packages/hospital/doctor.logic';
import { schedule } from '../../support/fixtures';

const NOW = Date.parse('2026-11-22T02:00:00.000Z');

describe('doctor page logic', () => {
  it('names where the doctor works', () => {
    expect(doctorPlace({ hospitalName: '北京协和医院', departmentName: '心血管内科' })).toBe(
      '北京协和医院 · 心血管内科',
    );
  });

  it('sums up the coming days: sessions, how many bookable now, or none', () => {
    const list = [
      schedule({ id: 'a' }),
      schedule({ id: 'b', freeCount: 0 }),
      schedule({ id: 'c', releaseAt: '2026-11-23T00:30:00.000Z' }),
      schedule({ id: 'd', status: 'stopped', freeCount: 0 }),
    ];
    expect(sessionsSummary(list, 14, NOW)).toBe('未来 14 天出诊 3 次，1 次可预约');
    expect(sessionsSummary(list.slice(1), 14, NOW)).toBe('未来 14 天出诊 2 次，暂无可预约的号');
    expect(sessionsSummary([], 14, NOW)).toBe('未来 14 天暂无出诊安排');
  });
});
