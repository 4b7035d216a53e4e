import { api, type Operation, STAFF_ROLES, type StaffRole } from '@cityhealth/shared-types';
import { newId } from '../../src/shared/ids.js';
import { addDays, shanghaiDate } from '../../src/shared/time.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/databases.js';
import { createClinic, createSession, type Clinic } from '../support/fixtures.js';
import { staffHttp } from '../support/staff.js';
import { consoleCaller, type ConsoleCaller, type Method } from './console-support.js';

/** Who may call each operation of content, the hospitals registry and the scheduler's view. */
const EXPECTED: Record<string, readonly StaffRole[]> = {
  consoleAnnouncements: ['admin', 'scheduler'],
  createAnnouncement: ['admin', 'scheduler'],
  consoleAnnouncement: ['admin', 'scheduler'],
  updateAnnouncement: ['admin', 'scheduler'],
  publishAnnouncement: ['admin', 'scheduler'],
  withdrawAnnouncement: ['admin', 'scheduler'],
  consoleHelpArticles: ['admin'],
  createHelpArticle: ['admin'],
  updateHelpArticle: ['admin'],
  publishHelpArticle: ['admin'],
  withdrawHelpArticle: ['admin'],
  consoleHospitals: ['admin', 'auditor'],
  consoleHospital: ['admin', 'auditor'],
  setConsoleHospitalEndpoints: ['admin'],
  issueHospitalSecret: ['admin'],
  retireHospitalSecret: ['admin'],
  consoleSessions: ['admin', 'scheduler'],
  stopConsoleSession: ['admin', 'scheduler'],
  resumeConsoleSession: ['admin', 'scheduler'],
  consoleBookings: ['admin', 'scheduler'],
  markConsoleAttendance: ['admin', 'scheduler'],
};

type Name = keyof typeof api;

describe.each(databaseKinds())('who may use the console’s content, registry and scheduling on %s', (kind) => {
  let t: TestApp;
  let clinic: Clinic;
  let other: Clinic;
  const callers = {} as Record<StaffRole, ConsoleCaller>;
  /** A request of each operation, about hospital A (the scheduler's and finance clerk's own). */
  let requests: Record<string, { method: Method; path: string; body?: object }>;
  let otherSessionId: string;
  let otherAnnouncementId: string;

  beforeAll(async () => {
    t = await startTestApp(kind);
    const now = t.clock.now();
    clinic = await createClinic(t.services.db, { now });
    other = await createClinic(t.services.db, { now });
    for (const role of STAFF_ROLES)
      callers[role] = await consoleCaller(
        t,
        role,
        role === 'finance' || role === 'scheduler' ? clinic.hospitalId : undefined,
      );
    const session = await createSession(t.services.db, clinic, { now, capacity: 2 });
    otherSessionId = (await createSession(t.services.db, other, { now, capacity: 2 })).id;
    const admin = callers.admin;
    const own = await admin
      .call('post', '/api/v1/console/announcements', { hospitalId: clinic.hospitalId, title: '门诊调整', body: '正文' })
      .expect(201);
    otherAnnouncementId = (
      await admin
        .call('post', '/api/v1/console/announcements', { hospitalId: other.hospitalId, title: '别院', body: '正文' })
        .expect(201)
    ).body.id;
    const help = await admin
      .call('post', '/api/v1/console/help-articles', { category: '预约', question: '怎么约？', answer: '在线约。' })
      .expect(201);
    const h = `/api/v1/console/hospitals/${clinic.hospitalId}`;
    const a = `/api/v1/console/announcements/${own.body.id}`;
    const p = `/api/v1/console/help-articles/${help.body.id}`;
    const from = shanghaiDate(now);
    requests = {
      consoleAnnouncements: { method: 'get', path: '/api/v1/console/announcements' },
      createAnnouncement: {
        method: 'post',
        path: '/api/v1/console/announcements',
        body: { hospitalId: clinic.hospitalId, title: '新公告', body: '正文' },
      },
      consoleAnnouncement: { method: 'get', path: a },
      updateAnnouncement: { method: 'patch', path: a, body: { title: '改过的标题' } },
      publishAnnouncement: { method: 'post', path: `${a}/publish` },
      withdrawAnnouncement: { method: 'post', path: `${a}/withdraw` },
      consoleHelpArticles: { method: 'get', path: '/api/v1/console/help-articles' },
      createHelpArticle: {
        method: 'post',
        path: '/api/v1/console/help-articles',
        body: { category: '取消', question: '怎么取消？', answer: '在我的预约里。' },
      },
      updateHelpArticle: { method: 'patch', path: p, body: { sort: 5 } },
      publishHelpArticle: { method: 'post', path: `${p}/publish` },
      withdrawHelpArticle: { method: 'post', path: `${p}/withdraw` },
      consoleHospitals: { method: 'get', path: '/api/v1/console/hospitals' },
      consoleHospital: { method: 'get', path: h },
      setConsoleHospitalEndpoints: {
        method: 'put',
        path: `${h}/endpoints`,
        body: { fhirBaseUrl: 'https://his.example/fhir' },
      },
      issueHospitalSecret: { method: 'post', path: `${h}/secrets` },
      retireHospitalSecret: { method: 'post', path: `${h}/secrets/${newId()}/retire` },
      consoleSessions: {
        method: 'get',
        path: `/api/v1/console/sessions?hospitalId=${clinic.hospitalId}&from=${from}&to=${addDays(from, 6)}`,
      },
      stopConsoleSession: {
        method: 'post',
        path: `/api/v1/console/sessions/${session.id}/stop`,
        body: { reason: '设备检修' },
      },
      resumeConsoleSession: { method: 'post', path: `/api/v1/console/sessions/${session.id}/resume` },
      consoleBookings: {
        method: 'get',
        path: `/api/v1/console/bookings?hospitalId=${clinic.hospitalId}&date=${addDays(from, 2)}`,
      },
      markConsoleAttendance: {
        method: 'post',
        path: `/api/v1/console/bookings/${newId()}/attendance`,
        body: { status: 'arrived' },
      },
    };
  });
  afterAll(async () => t.close());

  it('declares each operation for exactly the expected roles', () => {
    for (const [name, roles] of Object.entries(EXPECTED))
      expect([name, (api[name as Name] as Operation).staff]).toEqual([name, roles]);
    expect(Object.keys(requests).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(STAFF_ROLES)('lets %s call the operations it is for, and refuses it the others (403)', async (role) => {
    const outcomes: [string, string][] = [];
    for (const [name, r] of Object.entries(requests)) {
      const res = await callers[role].call(r.method, r.path, r.body);
      const allowed = EXPECTED[name]!.includes(role);
      expect(res.status).toBeLessThan(500);
      outcomes.push([
        name,
        allowed
          ? res.status === 403 || res.status === 401
            ? `refused ${res.status}`
            : 'allowed'
          : res.body.error?.code,
      ]);
    }
    expect(outcomes).toEqual(
      Object.keys(requests).map((name) => [name, EXPECTED[name]!.includes(role) ? 'allowed' : 'STAFF_FORBIDDEN']),
    );
  });

  it("refuses a scheduler another hospital's sessions, bookings and announcements", async () => {
    const scheduler = callers.scheduler;
    const refused = async (method: Method, path: string, body?: object) => {
      const res = await scheduler.call(method, path, body);
      expect([path, res.status, res.body.error?.code]).toEqual([path, 403, 'STAFF_FORBIDDEN']);
    };
    const from = shanghaiDate(t.clock.now());
    await refused('post', `/api/v1/console/sessions/${otherSessionId}/stop`, { reason: '停诊' });
    await refused('post', `/api/v1/console/sessions/${otherSessionId}/resume`);
    await refused('get', `/api/v1/console/sessions?hospitalId=${other.hospitalId}&from=${from}&to=${from}`);
    await refused('get', `/api/v1/console/bookings?hospitalId=${other.hospitalId}&date=${from}`);
    await refused('get', `/api/v1/console/announcements/${otherAnnouncementId}`);
    await refused('patch', `/api/v1/console/announcements/${otherAnnouncementId}`, { title: '改' });
    await refused('post', `/api/v1/console/announcements/${otherAnnouncementId}/publish`);
    await refused('get', `/api/v1/console/announcements?hospitalId=${other.hospitalId}`);
    await refused('get', '/api/v1/console/announcements?hospitalId=platform');
    await refused('post', '/api/v1/console/announcements', {
      hospitalId: other.hospitalId,
      title: '越权',
      body: '正文',
    });
    await refused('post', '/api/v1/console/announcements', { hospitalId: null, title: '平台公告', body: '正文' });
    const stillOpen = await t.services.db.query<{ status: string }>('SELECT status FROM schedule WHERE id = ?', [
      otherSessionId,
    ]);
    expect(stillOpen[0]!.status).toBe('open');
  });

  it('answers 401 without a session, and 403 STAFF_CSRF_REJECTED for a change without its CSRF header', async () => {
    for (const r of Object.values(requests)) {
      const req = staffHttp(t)[r.method](r.path);
      const res = await (r.body ? req.send(r.body) : req);
      expect([r.path, res.status, res.body.error?.code]).toEqual([r.path, 401, 'STAFF_UNAUTHENTICATED']);
    }
    const { Cookie } = callers.admin.headers;
    for (const r of Object.values(requests).filter((x) => x.method !== 'get')) {
      const res = await t.http[r.method](r.path)
        .set('Cookie', Cookie)
        .send(r.body ?? {});
      expect([r.path, res.status, res.body.error?.code]).toEqual([r.path, 403, 'STAFF_CSRF_REJECTED']);
    }
  });
});
