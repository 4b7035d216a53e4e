import { pinyinKeys } from '../../../src/core/catalog/pinyin-keys.js';
import { parseQuery, score } from '../../../src/core/catalog/match.js';

const searchable = (name: string) => {
  const k = pinyinKeys(name);
  return { name, namePinyin: k.pinyin, nameInitials: k.initials };
};

describe('pinyin search keys', () => {
  it('stores full pinyin and initials, lower-case and without tones', () => {
    expect(pinyinKeys('北京协和医院')).toEqual({
      pinyin: expect.stringMatching(/^beijingxieheyiyuan( |$)/),
      initials: 'bjxhyy',
    });
    expect(pinyinKeys('心血管内科').initials).toBe('xxgnk');
  });

  it('reads polyphones in context first and keeps the other reading as a variant', () => {
    const cq = pinyinKeys('重庆医院');
    expect(cq.initials.split(' ')).toEqual(['cqyy', 'zqyy']);
    expect(cq.pinyin.split(' ')[0]).toBe('chongqingyiyuan');
    const ca = pinyinKeys('长安医院');
    expect(ca.initials.split(' ')[0]).toBe('cayy');
    expect(ca.initials.split(' ')).toContain('zayy');
  });

  it('never exceeds the column size', () => {
    const long = '首都医科大学附属北京朝阳医院长安重庆行乐单县分院';
    const k = pinyinKeys(long, { pinyin: 120, initials: 40 });
    expect(k.pinyin.length).toBeLessThanOrEqual(120);
    expect(k.initials.length).toBeLessThanOrEqual(40);
  });

  it('matches Chinese text, initials and full pinyin, case-insensitively, preferring the context reading', () => {
    const xh = searchable('北京协和医院');
    for (const q of ['协和', 'xh', 'XH', 'bjxh', 'xiehe', 'Xie He', "xie'he"])
      expect(score(parseQuery(q)!, xh)).toBeGreaterThan(0);
    expect(score(parseQuery('朝阳')!, xh)).toBe(0);
    const cq = searchable('重庆医院');
    expect(score(parseQuery('cq')!, cq)).toBeGreaterThan(score(parseQuery('zq')!, cq));
    expect(score(parseQuery('zq')!, cq)).toBeGreaterThan(0);
    expect(score(parseQuery('chongqing')!, cq)).toBeGreaterThan(0);
  });

  it('treats SQL-looking or punctuation-only input as plain text', () => {
    expect(parseQuery("' OR 1=1 --")).toEqual({ text: "' or 1=1 --", latin: 'or11' });
    expect(parseQuery("%%'--;")).toBeNull();
    expect(score(parseQuery("' OR 1=1 --")!, searchable('北京协和医院'))).toBe(0);
  });
});
