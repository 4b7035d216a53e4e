import { ScheduleBatch } from '@cityhealth/shared-types';
import { addDays, shanghaiDate } from '../../src/shared/time.js';
import { demoHisBatches } from '../../src/sandbox/his/demo-batches.js';
import { publishDemoHis } from '../../src/sandbox/his/publisher.js';
import { DEMO_HIS_HOSPITALS } from '../../src/db/seed/demo-his.js';
import { rollDemoForward } from '../../src/db/seed/roll-forward.js';
import { seedDemoIfEmpty } from '../../src/db/seed/seed-demo.js';
import { startTestApp, type TestApp } from '../support/app.js';

/** The demo hospitals' own systems publish them through the signed interface over HTTP, as on first start. */
describe('the demo HIS publisher', () => {
  let t: TestApp;
  const name = DEMO_HIS_HOSPITALS[0]!;
  let hospitalId: string;
  const count = async (sql: string) => Number((await t.services.db.query<{ n: number }>(sql, [hospitalId]))[0]!.n);

  beforeAll(async () => {
    t = await startTestApp('sqlite', { listen: true });
    // One day of the other hospitals' sessions keeps the seed quick.
    const now = t.clock.now();
    await seedDemoIfEmpty(t.services.db, { now, rules: t.config.rules, days: 1, leaveToHis: DEMO_HIS_HOSPITALS });
    const [row] = await t.services.db.query<{ id: string }>('SELECT id FROM hospital WHERE name = ?', [name]);
    hospitalId = row!.id;
  }, 120_000);
  afterAll(async () => t.close());

  const publish = () => publishDemoHis({ bffUrl: t.url!, hospitals: [name], now: () => t.clock.now() });

  it('finds the hospital seeded without departments, doctors or sessions', async () => {
    expect(await count('SELECT COUNT(*) AS n FROM department WHERE hospital_id = ?')).toBe(0);
    expect(await count('SELECT COUNT(*) AS n FROM doctor WHERE hospital_id = ?')).toBe(0);
    expect(await count('SELECT COUNT(*) AS n FROM schedule WHERE hospital_id = ?')).toBe(0);
  });

  it('publishes its departments, doctors and sessions through the interface; again, nothing changes', async () => {
    const batches = demoHisBatches(name, t.clock.now());
    const [first] = await publish();
    expect(first).toMatchObject({
      code: batches.code,
      departments: { created: batches.departments.items.length },
      doctors: { created: batches.doctors.items.length },
    });
    expect(first!.schedules).toEqual({ created: batches.schedules.items.length });
    const [second] = await publish();
    expect(second).toMatchObject({
      departments: { unchanged: batches.departments.items.length },
      doctors: { unchanged: batches.doctors.items.length },
      schedules: { unchanged: batches.schedules.items.length },
    });
    expect(second!.departments).not.toHaveProperty('created');
    expect(
      await count("SELECT COUNT(*) AS n FROM his_key WHERE hospital_id = ? AND kind IN ('department', 'doctor')"),
    ).toBe(batches.departments.items.length + batches.doctors.items.length);
  });

  it('shows the published departments and doctors in the catalog, as the seed would have', async () => {
    const batches = demoHisBatches(name, t.clock.now());
    const detail = (await t.http.get(`/api/v1/hospitals/${hospitalId}`).expect(200)).body as {
      departments: { name: string; children: { name: string }[] }[];
    };
    const groups = batches.departments.items.filter((d) => !d.parentCode);
    expect(detail.departments.map((g) => g.name)).toEqual(groups.map((g) => g.name));
    expect(detail.departments.flatMap((g) => g.children.map((c) => c.name))).toEqual(
      batches.departments.items.filter((d) => d.parentCode).map((d) => d.name),
    );
    const doctor = batches.doctors.items[0]!;
    const found = await t.http.get(`/api/v1/search?q=${encodeURIComponent(doctor.name)}`).expect(200);
    expect(found.body.doctors).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: doctor.name, title: doctor.title, hospitalId })]),
    );
  });

  it('lists the published sessions to patients, bookable by their department', async () => {
    const { schedules, departments } = demoHisBatches(name, t.clock.now());
    expect(await count('SELECT COUNT(*) AS n FROM schedule WHERE hospital_id = ?')).toBe(schedules.items.length);
    const first = schedules.items[0]!;
    const [dept] = await t.services.db.query<{ entity_id: string }>(
      "SELECT entity_id FROM his_key WHERE hospital_id = ? AND kind = 'department' AND his_code = ?",
      [hospitalId, first.hisDepartmentCode],
    );
    expect(departments.items.some((d) => d.hisDepartmentCode === first.hisDepartmentCode)).toBe(true);
    const listed = await t.http.get(`/api/v1/departments/${dept!.entity_id}/schedules`).expect(200);
    expect(JSON.stringify(listed.body)).toContain(first.date);
  });

  it('keeps the demo roll-forward off a hospital that publishes its own sessions', async () => {
    const before = await count('SELECT COUNT(*) AS n FROM schedule WHERE hospital_id = ?');
    await rollDemoForward(t.services.db, { now: t.clock.now(), rules: t.config.rules, days: 2 });
    expect(await count('SELECT COUNT(*) AS n FROM schedule WHERE hospital_id = ?')).toBe(before);
  });

  it('sends its sessions as a valid ScheduleBatch: every released day, by its own schedule ids', () => {
    const now = t.clock.now();
    const { schedules, departments, doctors } = demoHisBatches(name, now);
    const batch = ScheduleBatch.parse(schedules);
    const days = new Set(batch.items.map((s) => s.date));
    expect(days.size).toBeGreaterThanOrEqual(5);
    expect([...days].every((d) => d >= shanghaiDate(now) && d <= addDays(shanghaiDate(now), 13))).toBe(true);
    const leafCodes = new Set(departments.items.filter((d) => d.parentCode).map((d) => d.hisDepartmentCode));
    const doctorCodes = new Set(doctors.items.map((d) => d.hisDoctorCode));
    expect(batch.items.every((s) => leafCodes.has(s.hisDepartmentCode))).toBe(true);
    expect(batch.items.every((s) => s.hisDoctorCode === null || doctorCodes.has(s.hisDoctorCode))).toBe(true);
    expect(demoHisBatches(name, now)).toEqual(demoHisBatches(name, now));
  });
});
