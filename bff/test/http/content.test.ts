import { Announcement, HelpArticle, publishedContent } from '../../src/db/entities/index.js';
import { insertRows } from '../../src/db/sql/table.js';
import { newId } from '../../src/shared/ids.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/databases.js';

describe.each(databaseKinds())('announcements and help on %s', (kind) => {
  let t: TestApp;
  const hospitalId = newId();
  const publishedId = newId();
  const scheduledId = newId();

  beforeAll(async () => {
    t = await startTestApp(kind);
    const now = t.clock.now();
    const HOUR = 3600_000;
    await t.services.db.write(async (tx) => {
      const notice = (id: string, hospital: string | null, title: string, body: string, publishedAt: number) => ({
        id,
        hospitalId: hospital,
        title,
        body,
        ...publishedContent(publishedAt),
        demo: false,
      });
      await insertRows(tx, Announcement, [
        notice(publishedId, null, '平台公告 2', '正文', now - 2 * HOUR),
        notice(newId(), null, '平台公告 1', '正文', now - 3 * HOUR),
        notice(newId(), null, '平台公告 3（最新）', '正文', now - HOUR),
        notice(scheduledId, null, '明天才发布', '正文', now + 24 * HOUR),
        notice(newId(), hospitalId, '医院停诊通知', '某专家停诊', now - HOUR),
      ]);
      await insertRows(tx, HelpArticle, [
        {
          id: newId(),
          category: '预约',
          question: '如何预约？',
          answer: '选择医院、科室和时段。',
          sort: 30,
          ...publishedContent(now),
        },
        {
          id: newId(),
          category: '登录',
          question: '如何登录？',
          answer: '授权登录。',
          sort: 10,
          ...publishedContent(now),
        },
        {
          id: newId(),
          category: '预约',
          question: '能约几天？',
          answer: '看医院规则。',
          sort: 20,
          ...publishedContent(now),
        },
        {
          id: newId(),
          category: '取消',
          question: '如何取消？',
          answer: '在我的预约中取消。',
          sort: 40,
          ...publishedContent(now),
        },
      ]);
    });
  });
  afterAll(async () => t.close());

  it('lists platform announcements newest first, page by page, hiding those not yet published', async () => {
    const r = await t.http.get('/api/v1/announcements').expect(200);
    expect(r.headers['cache-control']).toMatch(/^public/);
    expect(r.body).toMatchObject({ page: 1, pageSize: 20, total: 3 });
    expect(r.body.items.map((a: { title: string }) => a.title)).toEqual([
      '平台公告 3（最新）',
      '平台公告 2',
      '平台公告 1',
    ]);
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

  it('answers one published announcement by id, and a clear 404 for one not published or unknown', async () => {
    const r = await t.http.get(`/api/v1/announcements/${publishedId}`).expect(200);
    expect(r.body).toEqual({
      id: publishedId,
      title: '平台公告 2',
      body: '正文',
      hospitalId: null,
      publishedAt: expect.stringMatching(/Z$/),
    });
    const scheduled = await t.http.get(`/api/v1/announcements/${scheduledId}`).expect(404);
    expect(scheduled.body.error).toEqual({ code: 'NOT_FOUND', message: '公告不存在或已撤下' });
    await t.http.get(`/api/v1/announcements/${newId()}`).expect(404);
    const hostile = await t.http.get(`/api/v1/announcements/${encodeURIComponent("1' OR '1'='1")}`);
    expect([400, 404]).toContain(hostile.status);
  });

  it('lists help articles grouped by category in their order', async () => {
    const r = await t.http.get('/api/v1/help').expect(200);
    expect(r.body.items.map((a: { category: string; question: string }) => `${a.category}:${a.question}`)).toEqual([
      '登录:如何登录？',
      '预约:能约几天？',
      '预约:如何预约？',
      '取消:如何取消？',
    ]);
  });
});

describe('the booking rules a patient is told', () => {
  it("states this deployment's own numbers, from its configuration", async () => {
    const t = await startTestApp('sqlite', {
      env: {
        NOSHOW_THRESHOLD: '2',
        NOSHOW_WINDOW_DAYS: '60',
        BLACKLIST_DAYS: '180',
        BOOKING_MAX_PER_WINDOW: '6',
        BOOKING_WINDOW_DAYS: '7',
        PAYMENT_WINDOW_MINUTES: '20',
        CANCEL_DEADLINE_DAYS_BEFORE: '2',
        CANCEL_DEADLINE_TIME: '12:00',
        WAITLIST_MAX_PER_PERSON: '2',
        WAITLIST_CLOSE_DAYS_BEFORE: '2',
        WAITLIST_CLOSE_TIME: '18:30',
        CHILD_MAX_AGE: '14',
      },
    });
    try {
      const r = await t.http.get('/api/v1/booking-rules').expect(200);
      expect(r.headers['cache-control']).toBe('public, max-age=300');
      expect(r.body).toEqual({
        maxPerWindow: 6,
        windowDays: 7,
        paymentWindowMinutes: 20,
        cancelDeadline: { daysBefore: 2, time: '12:00' },
        noShow: { threshold: 2, windowDays: 60, suspendDays: 180 },
        waitlist: { maxPerPerson: 2, closes: { daysBefore: 2, time: '18:30' } },
        childMaxAge: 14,
      });
    } finally {
      await t.close();
    }
  });
});
