import { startTestApp, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/databases.js';
import { createClinic, type Clinic } from '../support/fixtures.js';
import { auditOf, consoleCaller, type ConsoleCaller } from './console-support.js';

const A = '/api/v1/console/announcements';
const H = '/api/v1/console/help-articles';

describe.each(databaseKinds())('announcements and help articles managed in the console on %s', (kind) => {
  let t: TestApp;
  let clinic: Clinic;
  let admin: ConsoleCaller;
  let scheduler: ConsoleCaller;

  beforeAll(async () => {
    t = await startTestApp(kind);
    clinic = await createClinic(t.services.db, { now: t.clock.now() });
    admin = await consoleCaller(t, 'admin');
    scheduler = await consoleCaller(t, 'scheduler', clinic.hospitalId);
  });
  afterAll(async () => t.close());

  const publicTitles = async (hospitalId?: string) =>
    (
      await t.http.get(`/api/v1/announcements${hospitalId ? `?hospitalId=${hospitalId}` : ''}`).expect(200)
    ).body.items.map((a: { title: string }) => a.title) as string[];
  const helpQuestions = async () =>
    (await t.http.get('/api/v1/help').expect(200)).body.items.map((a: { question: string }) => a.question) as string[];

  it('shows patients a platform announcement only while it is published', async () => {
    const draft = await admin
      .call('post', A, { title: '  春节门诊安排  ', body: '除夕至初三部分门诊停诊。' })
      .expect(201);
    expect(draft.body).toMatchObject({
      hospital: null,
      title: '春节门诊安排',
      status: 'draft',
      statusLabel: '草稿',
      createdBy: { id: admin.id, name: expect.any(String) },
      updatedBy: { id: admin.id },
      publishedAt: null,
      publishedBy: null,
      withdrawnAt: null,
    });
    const id = draft.body.id as string;
    expect(await publicTitles()).not.toContain('春节门诊安排');
    await t.http.get(`/api/v1/announcements/${id}`).expect(404);

    t.clock.advance(60_000);
    const published = await admin.call('post', `${A}/${id}/publish`).expect(200);
    expect(published.body).toMatchObject({ status: 'published', publishedBy: { id: admin.id } });
    expect(Date.parse(published.body.publishedAt)).toBe(t.clock.now());
    expect(await publicTitles()).toContain('春节门诊安排');
    const shown = await t.http.get(`/api/v1/announcements/${id}`).expect(200);
    expect(shown.body).toEqual({
      id,
      title: '春节门诊安排',
      body: '除夕至初三部分门诊停诊。',
      hospitalId: null,
      publishedAt: published.body.publishedAt,
    });
    // publishing again changes nothing
    const again = await admin.call('post', `${A}/${id}/publish`).expect(200);
    expect(again.body.publishedAt).toBe(published.body.publishedAt);

    // an edit of a published announcement shows at once
    await admin.call('patch', `${A}/${id}`, { body: '除夕至初三部分门诊停诊，急诊照常。' }).expect(200);
    expect((await t.http.get(`/api/v1/announcements/${id}`).expect(200)).body.body).toBe(
      '除夕至初三部分门诊停诊，急诊照常。',
    );

    t.clock.advance(60_000);
    const withdrawn = await admin.call('post', `${A}/${id}/withdraw`).expect(200);
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn', statusLabel: '已撤下', withdrawnBy: { id: admin.id } });
    expect(await publicTitles()).not.toContain('春节门诊安排');
    const gone = await t.http.get(`/api/v1/announcements/${id}`).expect(404);
    expect(gone.body.error.code).toBe('NOT_FOUND');
    await admin.call('post', `${A}/${id}/withdraw`).expect(200);

    expect((await auditOf(t, id)).map((e) => [e.action, e.actor_type, e.actor_id])).toEqual([
      ['content.announcement.create', 'staff', admin.id],
      ['content.announcement.publish', 'staff', admin.id],
      ['content.announcement.edit', 'staff', admin.id],
      ['content.announcement.withdraw', 'staff', admin.id],
    ]);
    const edit = (await auditOf(t, id)).find((e) => e.action === 'content.announcement.edit');
    expect(JSON.parse(edit!.detail!)).toEqual({ fields: ['body'], status: 'published' });
  });

  it("lets a scheduler write, publish and withdraw their own hospital's announcements", async () => {
    const made = await scheduler
      .call('post', A, { hospitalId: clinic.hospitalId, title: '眼科专家停诊', body: '王医生本周停诊。' })
      .expect(201);
    expect(made.body.hospital).toEqual({ id: clinic.hospitalId, name: expect.any(String) });
    const refused = await scheduler.call('post', `${A}/${made.body.id}/withdraw`).expect(409);
    expect(refused.body.error.code).toBe('CONTENT_STATE_CONFLICT');
    await scheduler.call('post', `${A}/${made.body.id}/publish`).expect(200);
    expect(await publicTitles(clinic.hospitalId)).toEqual(['眼科专家停诊']);
    expect(await publicTitles()).not.toContain('眼科专家停诊');

    const listed = await scheduler.call('get', A).expect(200);
    expect(listed.body.items.map((a: { id: string }) => a.id)).toEqual([made.body.id]);
    const everything = await admin.call('get', `${A}?status=published`).expect(200);
    expect(everything.body.items.map((a: { title: string }) => a.title)).toContain('眼科专家停诊');
    const platformOnly = await admin.call('get', `${A}?hospitalId=platform`).expect(200);
    expect(platformOnly.body.items.every((a: { hospital: unknown }) => a.hospital === null)).toBe(true);

    await scheduler.call('post', `${A}/${made.body.id}/withdraw`).expect(200);
    expect(await publicTitles(clinic.hospitalId)).toEqual([]);
    expect((await auditOf(t, made.body.id)).map((e) => [e.action, e.actor_id])).toEqual([
      ['content.announcement.create', scheduler.id],
      ['content.announcement.publish', scheduler.id],
      ['content.announcement.withdraw', scheduler.id],
    ]);
  });

  it('runs help articles through the same lifecycle: only published ones reach the help centre', async () => {
    const made = await admin
      .call('post', H, { category: '支付', question: '可以开发票吗？', answer: '请到医院窗口开具。', sort: 5 })
      .expect(201);
    expect(made.body).toMatchObject({ status: 'draft', sort: 5, createdBy: { id: admin.id } });
    expect(await helpQuestions()).not.toContain('可以开发票吗？');
    await admin.call('post', `${H}/${made.body.id}/publish`).expect(200);
    expect(await helpQuestions()).toContain('可以开发票吗？');
    await admin.call('patch', `${H}/${made.body.id}`, { question: '可以开电子发票吗？' }).expect(200);
    expect(await helpQuestions()).toContain('可以开电子发票吗？');
    await admin.call('post', `${H}/${made.body.id}/withdraw`).expect(200);
    expect(await helpQuestions()).not.toContain('可以开电子发票吗？');
    const drafts = await admin.call('get', `${H}?status=withdrawn`).expect(200);
    expect(drafts.body.items.map((a: { id: string }) => a.id)).toEqual([made.body.id]);
    expect((await auditOf(t, made.body.id)).map((e) => e.action)).toEqual([
      'content.help.create',
      'content.help.publish',
      'content.help.edit',
      'content.help.withdraw',
    ]);
  });

  it('refuses bad input with 400 and a Chinese message, unknown content with 404', async () => {
    const bad = async (method: 'post' | 'patch', path: string, body: object, message: RegExp) => {
      const res = await admin.call(method, path, body);
      expect([path, res.status, res.body.error?.code]).toEqual([path, 400, 'VALIDATION_FAILED']);
      expect(res.body.error.message).toMatch(message);
    };
    await bad('post', A, { title: '   ', body: '正文' }, /请输入公告标题/);
    await bad('post', A, { title: '标题', body: '' }, /请输入公告正文/);
    await bad('post', A, { title: '长'.repeat(101), body: '正文' }, /最多 100 个字/);
    await bad('post', A, { title: '标题', body: '长'.repeat(5001) }, /最多 5000 个字/);
    await bad('post', A, { title: '标题', body: '正文', extra: 1 }, /./);
    await bad('post', A, { title: 7, body: '正文' }, /./);
    await bad('post', H, { category: '', question: '问', answer: '答' }, /请输入分类/);
    await bad('post', H, { category: '类', question: '问', answer: '答', sort: -1 }, /排序不能小于 0/);
    const made = await admin.call('post', A, { title: '待改', body: '正文' }).expect(201);
    await bad('patch', `${A}/${made.body.id}`, {}, /请修改标题或正文/);
    const missing = await admin.call('post', `${A}/no-such-id/publish`).expect(404);
    expect(missing.body.error.code).toBe('CONTENT_NOT_FOUND');
    await admin.call('patch', `${H}/no-such-id`, { sort: 1 }).expect(404);
    const badId = await admin.call('get', `${A}/${encodeURIComponent("1' OR '1'='1")}`);
    expect(badId.status).toBe(400);
    const unknownHospital = await admin.call('post', A, { hospitalId: 'nohospital', title: '标题', body: '正文' });
    expect([unknownHospital.status, unknownHospital.body.error.code]).toEqual([404, 'HOSPITAL_NOT_FOUND']);
  });
});
