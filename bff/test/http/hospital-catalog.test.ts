import { startTestApp, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/databases.js';
import { createClinic } from '../support/fixtures.js';
import { hospitalClient, sandboxCaller } from '../support/hospital-client.js';

describe.each(databaseKinds())('a hospital publishes its departments and doctors on %s', (kind) => {
  let t: TestApp;
  let hospitalId: string;
  let call: ReturnType<typeof hospitalClient>;

  beforeAll(async () => {
    t = await startTestApp(kind);
    hospitalId = (await createClinic(t.services.db, { now: t.clock.now(), departments: 1 })).hospitalId;
    call = hospitalClient(t, await sandboxCaller(t, hospitalId));
  });
  afterAll(async () => t.close());

  const departments = (version: number, childName = '心血管内科') => ({
    version,
    items: [
      // the child first: a batch may name a parent it publishes later in the same batch
      { hisDepartmentCode: 'NK-XXG', name: childName, parentCode: 'NK', intro: '冠心病、高血压', sort: 2 },
      { hisDepartmentCode: 'NK', name: '内科', sort: 1 },
    ],
  });
  const outcomes = (r: { body: { results: { code: string; outcome: string }[] } }) =>
    r.body.results.map((x) => [x.code, x.outcome]);
  const detail = async () => (await t.http.get(`/api/v1/hospitals/${hospitalId}`).expect(200)).body;

  it('creates departments with their parent, and patients see them', async () => {
    const r = await call('PUT', '/api/hospital/v1/departments', departments(100)).expect(200);
    expect(outcomes(r)).toEqual([
      ['NK-XXG', 'created'],
      ['NK', 'created'],
    ]);
    const shown = JSON.stringify(await detail());
    expect(shown).toContain('心血管内科');
    expect(shown).toContain('内科');
    const [child] = await t.services.db.query<{ parent_id: string | null }>(
      'SELECT parent_id FROM department WHERE id = ?',
      [r.body.results[0].id],
    );
    expect(child!.parent_id).toBe(r.body.results[1].id);
  });

  it('changes nothing for the same version again, ignores an older one, applies a newer one', async () => {
    expect(outcomes(await call('PUT', '/api/hospital/v1/departments', departments(100, '改名')).expect(200))).toEqual([
      ['NK-XXG', 'unchanged'],
      ['NK', 'unchanged'],
    ]);
    expect(outcomes(await call('PUT', '/api/hospital/v1/departments', departments(99, '旧名')).expect(200))).toEqual([
      ['NK-XXG', 'stale'],
      ['NK', 'stale'],
    ]);
    expect(JSON.stringify(await detail())).not.toMatch(/改名|旧名/);
    const newer = await call('PUT', '/api/hospital/v1/departments', departments(101, '心内科')).expect(200);
    expect(outcomes(newer)).toEqual([
      ['NK-XXG', 'updated'],
      ['NK', 'updated'],
    ]);
    expect(JSON.stringify(await detail())).toContain('心内科');
  });

  it('refuses a department whose parent is unknown, and reports it per item', async () => {
    const r = await call('PUT', '/api/hospital/v1/departments', {
      version: 200,
      items: [
        { hisDepartmentCode: 'WK', name: '外科' },
        { hisDepartmentCode: 'WK-GK', name: '骨科', parentCode: 'NO-SUCH' },
        { hisDepartmentCode: 'SELF', name: '自己', parentCode: 'SELF' },
      ],
    }).expect(200);
    expect(r.body.results.map((x: { outcome: string; message?: string }) => [x.outcome, x.message ?? null])).toEqual([
      ['created', null],
      ['refused', '上级科室编码 NO-SUCH 未登记'],
      ['refused', '科室不能是自己的上级科室'],
    ]);
  });

  it('refuses a batch with a code twice, or without a version, as a whole', async () => {
    const twice = await call('PUT', '/api/hospital/v1/departments', {
      version: 300,
      items: [
        { hisDepartmentCode: 'A', name: '甲' },
        { hisDepartmentCode: 'A', name: '乙' },
      ],
    }).expect(400);
    expect(twice.body.error).toMatchObject({ code: 'VALIDATION_FAILED', message: '编码 A 在同一批中重复' });
    const unversioned = await call('PUT', '/api/hospital/v1/departments', {
      items: [{ hisDepartmentCode: 'B', name: '丙' }],
    });
    expect([unversioned.status, unversioned.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('publishes doctors into departments published before, and search finds them', async () => {
    const r = await call('PUT', '/api/hospital/v1/doctors', {
      version: 1,
      items: [
        {
          hisDoctorCode: 'D001',
          hisDepartmentCode: 'NK-XXG',
          name: '欧阳明远',
          title: '主任医师',
          specialty: '冠心病介入',
        },
        { hisDoctorCode: 'D002', hisDepartmentCode: 'NO-SUCH', name: '王五', title: '主治医师' },
      ],
    }).expect(200);
    expect(r.body.results.map((x: { outcome: string }) => x.outcome)).toEqual(['created', 'refused']);
    expect(r.body.results[1].message).toBe('科室编码 NO-SUCH 未登记，请先发布科室');
    const found = await t.http.get('/api/v1/search').query({ q: '欧阳明远' }).expect(200);
    expect(JSON.stringify(found.body)).toContain('欧阳明远');
    const again = await call('PUT', '/api/hospital/v1/doctors', {
      version: 2,
      items: [{ hisDoctorCode: 'D001', hisDepartmentCode: 'NK', name: '欧阳明远', title: '主任医师' }],
    }).expect(200);
    expect(again.body.results[0]).toMatchObject({ outcome: 'updated', id: r.body.results[0].id });
    const [doctor] = await t.services.db.query<{ department_id: string }>(
      'SELECT department_id FROM doctor WHERE id = ?',
      [r.body.results[0].id],
    );
    const [nk] = await t.services.db.query<{ entity_id: string }>(
      "SELECT entity_id FROM his_key WHERE hospital_id = ? AND kind = 'department' AND his_code = 'NK'",
      [hospitalId],
    );
    expect(doctor!.department_id).toBe(nk!.entity_id);
  });

  it('keeps each hospital’s codes its own', async () => {
    const other = (await createClinic(t.services.db, { now: t.clock.now(), departments: 1 })).hospitalId;
    const otherCall = hospitalClient(t, await sandboxCaller(t, other));
    const r = await otherCall('PUT', '/api/hospital/v1/departments', departments(100)).expect(200);
    expect(outcomes(r)).toEqual([
      ['NK-XXG', 'created'],
      ['NK', 'created'],
    ]);
  });
});
