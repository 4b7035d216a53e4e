import { homeEntries, listHeading, matchNote, searchQuery, toggleFilter } from '../../../src/pages/index/home.logic';
import { ROUTES } from '../../../src/routes';

describe('home page logic', () => {
  it('sends a trimmed query of at most 50 characters', () => {
    expect(searchQuery('  协和 ')).toBe('协和');
    expect(searchQuery('字'.repeat(60))).toHaveLength(50);
    expect(searchQuery('   ')).toBe('');
  });

  it('toggles a filter chip off when tapped again', () => {
    expect(toggleFilter({}, 'district', '东城区')).toEqual({ district: '东城区' });
    expect(toggleFilter({ district: '东城区', level: '3A' }, 'district', '东城区')).toEqual({
      district: undefined,
      level: '3A',
    });
    expect(toggleFilter({ district: '东城区' }, 'district', '西城区')).toEqual({ district: '西城区' });
  });

  it('heads the list with the count, or says why it is empty', () => {
    expect(listHeading(12, false)).toBe('共 12 家医院');
    expect(listHeading(0, true)).toBe('没有符合条件的医院');
    expect(listHeading(0, false)).toBe('暂无医院');
  });

  it('says why a result was found when its name does not: the alias typed, or the specialty', () => {
    expect(matchNote({ by: 'alias', text: '心内科' })).toBe('即“心内科”');
    expect(matchNote({ by: 'specialty' }, '冠心病、高血压')).toBe('擅长：冠心病、高血压');
    expect(matchNote({ by: 'name' })).toBeNull();
    expect(matchNote({ by: 'pinyin' }, '冠心病')).toBeNull();
  });

  it('offers booking, reports, imaging and 就诊人 first; 我的候补 once its page exists', () => {
    const labels = (routes?: Record<string, string>) => homeEntries(routes).map((e) => e.label);
    const expected = ['预约挂号', '报告查询', '影像查询'];
    if ('waitlist' in ROUTES) expected.push('我的候补');
    expect(labels()).toEqual([...expected, '就诊人']);
    expect(labels({ ...ROUTES, waitlist: '/packages/waitlist/index' })).toEqual([
      '预约挂号',
      '报告查询',
      '影像查询',
      '我的候补',
      '就诊人',
    ]);
    const routes = Object.fromEntries(homeEntries().map((e) => [e.testId, e.route]));
    expect(routes).toMatchObject({
      'home-booking': null,
      'home-reports': ROUTES.reports,
      'home-imaging': ROUTES.imaging,
      'home-patients': ROUTES.patients,
    });
  });
});
