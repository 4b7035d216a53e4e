/** Beijing's 16 districts in the order the city lists them (core districts first). */
export const BEIJING_DISTRICTS = [
  '东城区',
  '西城区',
  '朝阳区',
  '丰台区',
  '石景山区',
  '海淀区',
  '门头沟区',
  '房山区',
  '通州区',
  '顺义区',
  '昌平区',
  '大兴区',
  '怀柔区',
  '平谷区',
  '密云区',
  '延庆区',
] as const;

const rank = new Map<string, number>(BEIJING_DISTRICTS.map((d, i) => [d, i]));

/** Known districts in the city's order, any other after them by Chinese collation. */
export function compareDistricts(a: string, b: string): number {
  const ra = rank.get(a) ?? Number.MAX_SAFE_INTEGER;
  const rb = rank.get(b) ?? Number.MAX_SAFE_INTEGER;
  return ra !== rb ? ra - rb : a.localeCompare(b, 'zh-Hans-CN');
}
