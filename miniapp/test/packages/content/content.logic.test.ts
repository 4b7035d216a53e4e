import {
  excerpt,
  helpGroups,
  listedAnnouncement,
  paragraphs,
  rememberListed,
} from '../../../src/packages/content/content.logic';

const article = (id: string, category: string, question: string, answer = '答案') => ({
  id,
  category,
  question,
  answer,
});

describe('content logic', () => {
  it('folds an announcement into a short excerpt and splits it into paragraphs', () => {
    expect(excerpt('第一行\n\n第二行   第三行')).toBe('第一行 第二行 第三行');
    expect(excerpt('很'.repeat(70), 60)).toBe(`${'很'.repeat(60)}…`);
    expect(paragraphs('  第一段\n\n第二段\n第三段\n')).toEqual(['第一段', '第二段', '第三段']);
  });

  it('groups help by category in the API’s order and filters by every word typed', () => {
    const items = [
      article('1', '登录', '收不到验证码怎么办？', '请检查手机号'),
      article('2', '预约', '如何取消预约？', '在我的预约中取消'),
      article('3', '登录', '如何更换手机号？', '在我的页面更换'),
      article('4', '支付', '取消后多久退款？', '原路退回 1-3 个工作日'),
    ];
    expect(helpGroups(items).map((g) => [g.category, g.articles.map((a) => a.id)])).toEqual([
      ['登录', ['1', '3']],
      ['预约', ['2']],
      ['支付', ['4']],
    ]);
    expect(helpGroups(items, '取消').map((g) => g.category)).toEqual(['预约', '支付']);
    expect(helpGroups(items, '取消 退款').flatMap((g) => g.articles.map((a) => a.id))).toEqual(['4']);
    expect(helpGroups(items, '没有这个词')).toEqual([]);
  });

  it('keeps the announcements just listed, at most 200', () => {
    const make = (i: number) => ({
      id: `a${i}`,
      title: `公告${i}`,
      body: '正文',
      hospitalId: null,
      publishedAt: '2026-11-22T00:00:00.000Z',
    });
    rememberListed(Array.from({ length: 205 }, (_, i) => make(i)));
    expect(listedAnnouncement('a204')?.title).toBe('公告204');
    expect(listedAnnouncement('a0')).toBeUndefined();
    expect(listedAnnouncement('a5')?.title).toBe('公告5');
  });
});
