import { CLAIM_GRACE_MS } from '../../src/core/booking/draw/fair-release.js';
import { Patient } from '../../src/db/entities/index.js';
import { insertRows } from '../../src/db/sql/table.js';
import { newId } from '../../src/shared/ids.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/databases.js';
import { eventually } from '../support/eventually.js';
import { createClinic, createPatients, createSession, idemKey, type Clinic } from '../support/fixtures.js';
import { auth } from '../support/identity.js';
import { patientRow } from '../support/rows.js';

const WINDOW_MS = 2000;
const DAY_MS = 86_400_000;

interface Holder {
  accountId: string;
  patientId: string;
  token: string;
}

describe.each(databaseKinds())('the patient’s draw tickets (GET /api/v1/draw-tickets) on %s', (kind) => {
  let t: TestApp;
  let clinic: Clinic;

  beforeAll(async () => {
    t = await startTestApp(kind, {
      env: {
        FAIR_RELEASE_WINDOW_MS: String(WINDOW_MS),
        FAIR_RELEASE_TYPES: 'expert',
        RATE_BOOKING_PER_IP_MINUTE: '1000',
      },
    });
    clinic = await createClinic(t.services.db, { now: t.clock.now() });
  });
  afterAll(() => t.close());

  const holders = async (count: number): Promise<Holder[]> => {
    const patients = await createPatients(t.services.db, count, { now: t.clock.now() });
    return Promise.all(
      patients.map(async (p) => ({ ...p, token: (await t.services.tokens.issue(p.accountId)).token })),
    );
  };
  const book = (h: Holder, scheduleId: string) =>
    t.http
      .post('/api/v1/orders')
      .set(auth(h.token))
      .set('Idempotency-Key', idemKey())
      .send({ scheduleId, patientId: h.patientId })
      .then((r) => r);
  const ticketsOf = async (h: Holder) =>
    (await t.http.get('/api/v1/draw-tickets').set(auth(h.token)).expect(200)).body.items as Record<string, unknown>[];
  const admitted = (scheduleId: string, count: number) =>
    eventually(
      () => t.services.db.query('SELECT id FROM draw_ticket WHERE schedule_id = ?', [scheduleId]),
      (rows) => rows.length === count,
    );

  it('lists the account’s own tickets only: pending in the window, then won (its order) or lost (why)', async () => {
    const releaseAt = t.clock.now() + 60_000;
    const s = await createSession(t.services.db, clinic, {
      now: t.clock.now(),
      capacity: 1,
      type: 'expert',
      doctorId: clinic.doctorId,
      releaseAt,
    });
    const [a, b, outsider] = await holders(3);
    // a's person added as a patient under another account too
    const c = await holders(1).then(([h]) => ({ ...h!, patientId: newId() }));
    const [aPerson] = await t.services.db.query<{ person_id: string }>('SELECT person_id FROM patient WHERE id = ?', [
      a!.patientId,
    ]);
    await t.services.db.write((tx) =>
      insertRows(tx, Patient, [
        patientRow({
          id: c.patientId,
          accountId: c.accountId,
          personId: aPerson!.person_id,
          idHash: `h-${aPerson!.person_id}`,
          name: '王秀英',
          createdAt: t.clock.now(),
        }),
      ]),
    );
    expect(await ticketsOf(a!)).toEqual([]);

    t.clock.set(releaseAt + 100);
    const answerA = book(a!, s.id);
    await admitted(s.id, 1);
    const answers = [book(b!, s.id), book(c, s.id)];
    await admitted(s.id, 2);

    // the window is open: the draw is not decided yet
    const [pending] = await ticketsOf(a!);
    expect(pending).toEqual({
      id: expect.any(String),
      state: 'pending',
      stateLabel: '抽签中',
      hospital: { id: clinic.hospitalId, name: expect.any(String) },
      department: { id: clinic.departmentIds[0], name: expect.any(String) },
      doctor: { id: clinic.doctorId, name: '李医生', title: '主任医师' },
      date: s.date,
      period: 'morning',
      startsAt: new Date(s.startsAt).toISOString(),
      endsAt: new Date(s.endsAt).toISOString(),
      patient: { id: a!.patientId, name: '张三' },
      enteredAt: new Date(releaseAt + 100).toISOString(),
      decidedAt: null,
      orderId: null,
      reason: null,
    });

    t.clock.set(releaseAt + WINDOW_MS + CLAIM_GRACE_MS);
    const [ra, rb, rc] = await Promise.all([answerA, ...answers]);
    // c is a's person under another account: answered by a's ticket, and holds none of its own
    expect(rc!.status).toBe(409);
    expect(rc!.body.error.code).toBe(ra!.status === 201 ? 'DUPLICATE_DEPARTMENT_SESSION' : 'SLOT_GONE');
    expect(await ticketsOf(c)).toEqual([]);
    expect(await ticketsOf(outsider!)).toEqual([]);

    // one slot, two persons: one won, the other lost
    expect([ra!.status, rb!.status].sort()).toEqual([201, 409]);
    const [winner, winning, loser] = ra!.status === 201 ? [a!, ra!, b!] : [b!, rb!, a!];
    const [won] = await ticketsOf(winner);
    expect(won).toMatchObject({
      state: 'won',
      stateLabel: '中签',
      orderId: winning.body.id,
      reason: null,
      patient: { id: winner.patientId },
      decidedAt: expect.any(String),
    });
    const [lost] = await ticketsOf(loser);
    expect(lost).toMatchObject({
      state: 'lost',
      stateLabel: '未中签',
      orderId: null,
      reason: '号源已被抽完',
      patient: { id: loser.patientId },
    });
    expect((await ticketsOf(winner)).length).toBe(1);

    // the list goes back 30 days
    t.clock.set(releaseAt + 31 * DAY_MS);
    const later = { ...winner, token: (await t.services.tokens.issue(winner.accountId)).token };
    expect(await ticketsOf(later)).toEqual([]);
  });

  it('asks for a session token', async () => {
    const r = await t.http.get('/api/v1/draw-tickets');
    expect(r.status).toBe(401);
    expect(r.body.error.code).toEqual(expect.any(String));
  });
});
