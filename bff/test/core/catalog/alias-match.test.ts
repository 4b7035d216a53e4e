import { aliasHits } from '../../../src/core/catalog/alias-match.js';
import { DEPARTMENT_ALIASES } from '../../../src/core/catalog/department-aliases.js';
import { parseQuery } from '../../../src/core/catalog/match.js';

const hits = (q: string) => aliasHits(parseQuery(q)!);

describe('department aliases', () => {
  it('reach the departments’ own names from the words patients use, typed or by pinyin initials', () => {
    for (const q of ['心内科', 'xnk', 'xinneike']) {
      expect([q, hits(q).get('心血管内科')?.word]).toEqual([q, '心内科']);
    }
    expect(hits('消化科').get('消化内科')).toMatchObject({ word: '消化科' });
    expect(hits('妇科').get('妇产科')).toMatchObject({ word: '妇科' });
    expect(hits('神内').get('神经内科')).toMatchObject({ word: '神内' });
    expect(hits('ebhk').get('耳鼻咽喉科')).toMatchObject({ word: '耳鼻喉科' });
    expect(hits('心理').get('精神科')).toMatchObject({ word: '心理' });
  });

  it('rank an exact alias above its prefix, and the initials below the Chinese', () => {
    const exact = hits('心内科').get('心血管内科')!.score;
    const prefix = hits('心内').get('心血管内科')!.score;
    const initials = hits('xnk').get('心血管内科')!.score;
    expect(exact).toBeGreaterThan(prefix);
    expect(prefix).toBeGreaterThan(initials);
    expect(exact).toBeLessThan(100);
  });

  it('reach nothing they do not name', () => {
    expect(hits('心内科').has('神经内科')).toBe(false);
    expect(hits('妇科').has('产科')).toBe(false);
    expect(hits('协和').size).toBe(0);
  });

  it('is a table without empty entries or a word listed twice', () => {
    const words = DEPARTMENT_ALIASES.flatMap((a) => a.words);
    expect(new Set(words).size).toBe(words.length);
    for (const a of DEPARTMENT_ALIASES) {
      expect(a.words.length).toBeGreaterThan(0);
      expect(a.names.length).toBeGreaterThan(0);
    }
  });
});
