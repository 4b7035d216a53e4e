import { startTestApp, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/databases.js';
import { createClinic, type Clinic } from '../support/fixtures.js';
import { makeIdNumber } from '../support/identity.js';
import { staffHttp, createStaffLogin, type StaffHeaders } from '../support/staff.js';
import { asStaff } from './support.js';

/** 2026-11-30 23:30 in Beijing, 2026-12-01 00:30, 2026-12-02 12:00 (UTC instants). */
const LATE_30TH = Date.parse('2026-11-30T15:30:00Z');
const EARLY_1ST = Date.parse('2026-11-30T16:30:00Z');
const NOON_2ND = Date.parse('2026-12-02T04:00:00Z');

describe.each(databaseKinds())('console audit trail on %s', (kind) => {
  let t: TestApp;
  let http: ReturnType<typeof staffHttp>;
  let clinic: Clinic;
  let auditor: StaffHeaders;
  let admin: { id: string; username: string };
  const idNumber = makeIdNumber();

  beforeAll(async () => {
    t = await startTestApp(kind, { now: LATE_30TH - 3 * 86_400_000 });
    http = staffHttp(t);
    clinic = await createClinic(t.services.db, { now: t.clock.now() });
    admin = await createStaffLogin(t, 'admin');
    const record = async (at: number, e: Parameters<TestApp['services']['audit']['record']>[0]) => {
      t.clock.set(at);
      await t.services.audit.record(e);
    };
    await record(LATE_30TH, {
      actorType: 'staff',
      actorId: admin.id,
      action: 'staff.disable',
      targetType: 'staff',
      targetId: 'staff-x',
      ip: '10.1.2.3',
    });
    await record(EARLY_1ST, {
      actorType: 'patient',
      actorId: 'account-1',
      action: 'patient.create',
      targetType: 'patient',
      targetId: 'patient-1',
      ip: '2408:8207:1234:5678::1',
      detail: { note: `证件 ${idNumber}，电话 13912345678`, list: ['13800001111'] },
    });
    await record(EARLY_1ST + 1000, {
      actorType: 'hospital',
      actorId: clinic.hospitalId,
      action: 'schedule.stop',
      targetType: 'schedule',
      targetId: 'schedule-1',
      detail: { note: '专家外出' },
    });
    await record(NOON_2ND, {
      actorType: 'system',
      action: 'person.blacklist',
      targetType: 'order',
      targetId: 'order-1',
    });
    await record(NOON_2ND + 1000, {
      actorType: 'staff',
      actorId: admin.id,
      action: 'staff.reset',
      targetType: 'staff',
      targetId: 'staff-x',
    });
    // signed in after the events (a session idles out over the days they span), on a day of its own
    t.clock.set(Date.parse('2026-12-03T04:00:00Z'));
    auditor = (await asStaff(t, 'auditor')).headers;
  });
  afterAll(async () => t.close());

  const search = async (query: string) => {
    const r = await http.get(`/api/v1/console/audit?${query}`).set({ Cookie: auditor.Cookie }).expect(200);
    return r.body as {
      items: { action: string; actor: { name: string }; ip: string | null; detail: unknown }[];
      total: number;
      page: number;
      pageSize: number;
    };
  };
  const actions = async (query: string) => (await search(query)).items.map((i) => i.action);

  it('lists newest first, each entry with its actor named and nothing personal in plain text', async () => {
    const r = await search('from=2026-11-30&to=2026-12-02');
    expect(r.items.map((i) => [i.action, i.actor.name])).toEqual([
      ['staff.reset', '测试admin'],
      ['person.blacklist', '系统'],
      ['schedule.stop', '测试医院'],
      ['patient.create', '患者'],
      ['staff.disable', '测试admin'],
    ]);
    const patient = r.items[3]!;
    expect(patient).toMatchObject({
      ip: '2408:8207:1234:*',
      detail: {
        note: `证件 ${idNumber.slice(0, 4)}**********${idNumber.slice(-4)}，电话 139****5678`,
        list: ['138****1111'],
      },
    });
    expect(r.items[4]).toMatchObject({ ip: '10.1.2.*', detail: null, target: { type: 'staff', id: 'staff-x' } });
    expect(JSON.stringify(r)).not.toContain(idNumber);
    expect(JSON.stringify(r)).not.toContain('13912345678');
  });

  it('reads the dates in Beijing time, both ends included', async () => {
    expect(await actions('from=2026-12-01&to=2026-12-01')).toEqual(['schedule.stop', 'patient.create']);
    expect(await actions('to=2026-11-30&action=staff.disable')).toEqual(['staff.disable']);
    expect(await actions('from=2026-12-01&action=staff.disable')).toEqual([]);
    expect(await actions('from=2026-12-02&to=2026-12-02')).toEqual(['staff.reset', 'person.blacklist']);
  });

  it('filters by actor: type, id, or a staff member’s user name or name', async () => {
    expect(await actions('actorType=hospital')).toEqual(['schedule.stop']);
    expect(await actions(`actorId=${admin.id}&action=staff.`)).toEqual(['staff.reset', 'staff.disable']);
    expect(await actions(`staff=${admin.username}&from=2026-11-30&to=2026-12-02`)).toEqual([
      'staff.reset',
      'staff.disable',
    ]);
    expect(await actions('staff=no-such-user')).toEqual([]);
  });

  it('filters by action, exact or by prefix', async () => {
    expect(await actions('action=staff.reset')).toEqual(['staff.reset']);
    expect(await actions('action=staff')).toEqual([]);
    const prefixed = await actions('action=staff.&from=2026-11-30&to=2026-12-02');
    expect(prefixed).toEqual(['staff.reset', 'staff.disable']);
    expect(await actions('action=staff*&from=2026-11-30&to=2026-12-02')).toEqual(['staff.reset', 'staff.disable']);
    expect(await actions('action=person.*')).toEqual(['person.blacklist']);
    // the auditor's sign-in is in the trail too
    expect(await actions('action=staff.login')).toEqual(['staff.login']);
  });

  it('filters by target', async () => {
    expect(await actions('targetType=staff&targetId=staff-x')).toEqual(['staff.reset', 'staff.disable']);
    expect(await actions('targetId=order-1')).toEqual(['person.blacklist']);
    expect(await actions('targetType=schedule')).toEqual(['schedule.stop']);
  });

  it('pages', async () => {
    const q = 'from=2026-11-30&to=2026-12-02&pageSize=2';
    const one = await search(`${q}&page=1`);
    const three = await search(`${q}&page=3`);
    expect([one.total, one.page, one.pageSize]).toEqual([5, 1, 2]);
    expect(one.items.map((i) => i.action)).toEqual(['staff.reset', 'person.blacklist']);
    expect(three.items.map((i) => i.action)).toEqual(['staff.disable']);
    expect((await search(`${q}&page=4`)).items).toEqual([]);
  });

  it.each([
    ['from after to', 'from=2026-12-02&to=2026-12-01', '开始日期不能晚于结束日期'],
    ['a date that is no date', 'from=2026-13-01', undefined],
    ['an action with a wildcard inside', 'action=st%25aff', '操作类型格式不正确'],
    ['a page size over 50', 'pageSize=51', undefined],
    ['a malformed actor type', 'actorType=Staff!', '操作者类型格式不正确'],
  ])('refuses %s with 400', async (_what, query, message) => {
    const r = await http.get(`/api/v1/console/audit?${query}`).set({ Cookie: auditor.Cookie }).expect(400);
    expect(r.body.error.code).toBe('VALIDATION_FAILED');
    if (message) expect(r.body.error.message).toBe(message);
  });
});
