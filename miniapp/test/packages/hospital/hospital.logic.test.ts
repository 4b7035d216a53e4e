import { filterDepartments, paymentText, releaseRuleText } from '../../../src/packages/hospital/hospital.logic';

describe('hospital page logic', () => {
  it('states the release rule and where the fee is paid', () => {
    expect(releaseRuleText({ releaseTime: '08:30', daysAhead: 7 })).toBe('每天 08:30 放出未来 7 天的号源');
    expect(paymentText(true)).toMatch(/线上支付/);
    expect(paymentText(false)).toMatch(/到院缴纳/);
  });

  it('filters departments by name, keeping a whole group whose own name matches', () => {
    const groups = [
      {
        id: 'g1',
        name: '内科',
        intro: null,
        children: [
          { id: 'd1', name: '心血管内科', intro: null },
          { id: 'd2', name: '消化内科', intro: null },
        ],
      },
      { id: 'g2', name: '外科', intro: null, children: [{ id: 'd3', name: '骨科', intro: null }] },
    ] as unknown as Parameters<typeof filterDepartments>[0];
    expect(filterDepartments(groups, '')).toBe(groups);
    expect(filterDepartments(groups, '心血管').map((g) => [g.name, g.children.map((d) => d.id)])).toEqual([
      ['内科', ['d1']],
    ]);
    expect(filterDepartments(groups, '外科').map((g) => [g.name, g.children.map((d) => d.id)])).toEqual([
      ['外科', ['d3']],
    ]);
    expect(filterDepartments(groups, '眼科')).toEqual([]);
  });
});
