import { bulkInsert } from '../../src/db/sql/bulk-insert.js';
import { newId } from '../../src/shared/ids.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/databases.js';

describe.each(databaseKinds())('announcements and help on %s', (kind) => {
  let t: TestApp;
  const hospitalId = newId();

  beforeAll(async () => {
    t = await startTestApp(kind);
    const now = t.clock.now();
    const HOUR = 3600_000;
    await t.services.db.write(async (tx) => {
      await bulkInsert(tx, 'announcement', ['id', 'hospital_id', 'title', 'body', 'published_at', 'demo'], [
        [newId(), null, '平台公告 2', '正文', now - 2 * HOUR, 0],
        [newId(), null, '平台公告 1', '正文', now - 3 * HOUR, 0],
        [newId(), null, '平台公告 3（最新）', '正文', now - HOUR, 0],
        [newId(), null, '明天才发布', '正文', now + 24 * HOUR, 0],
        [newId(), hospitalId, '医院停诊通知', '某专家停诊', now - HOUR, 0],
      ]);
      await bulkInsert(tx, 'help_article', ['id', 'category', 'question', 'answer', 'sort'], [
        [newId(), '预约', '如何预约？', '选择医院、科室和时段。', 30],
        [newId(), '登录', '如何登录？', '授权登录。', 10],
        [newId(), '预约', '能约几天？', '看医院规则。', 20],
        [newId(), '取消', '如何取消？', '在我的预约中取消。', 40],
      ]);
    });
  });
  afterAll(async () => t.close());

  it('lists platform announcements newest first, page by page, hiding those not yet published', async () => {
    const r = await t.http.get('/api/v1/announcements').expect(200);
    expect(r.headers['cache-control']).toMatch(/^public/);
    expect(r.body).toMatchObject({ page: 1, pageSize: 20, total: 3 });
    expect(r.body.items.map((a: { title: string }) => a.title)).toEqual(['平台公告 3（最新）', '平台公告 2', '平台公告 1']);
    expect(r.body.items[0]).toMatchObject({ hospitalId: null, body: '正文', publishedAt: expect.stringMatching(/Z$/) });
    const p2 = await t.http.get('/api/v1/announcements?page=2&pageSize=2').expect(200);
    expect(p2.body).toMatchObject({ page: 2, pageSize: 2, total: 3 });
    expect(p2.body.items.map((a: { title: string }) => a.title)).toEqual(['平台公告 1']);
  });

  it('lists a hospital’s announcements', async () => {
    const r = await t.http.get(`/api/v1/announcements?hospitalId=${hospitalId}`).expect(200);
    expect(r.body.items).toEqual([expect.objectContaining({ title: '医院停诊通知', hospitalId })]);
    const none = await t.http.get(`/api/v1/announcements?hospitalId=${encodeURIComponent("' OR '1'='1")}`).expect(200);
    expect(none.body).toMatchObject({ items: [], total: 0 });
    await t.http.get('/api/v1/announcements?pageSize=51').expect(400);
  });

  it('lists help articles grouped by category in their order', async () => {
    const r = await t.http.get('/api/v1/help').expect(200);
    expect(r.body.items.map((a: { category: string; question: string }) => `${a.category}:${a.question}`)).toEqual([
      '登录:如何登录？', '预约:能约几天？', '预约:如何预约？', '取消:如何取消？',
    ]);
  });
});
