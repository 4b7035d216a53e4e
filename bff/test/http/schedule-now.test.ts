import { shanghaiDate, shanghaiInstant } from '../../src/shared/time.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/databases.js';
import {
  createClinic,
  createPatients,
  createSession,
  idemKey,
  type Clinic,
  type PatientFixture,
} from '../support/fixtures.js';

interface Summary {
  id: string;
  freeCount: number;
  status: string;
  closedSince: string | null;
  bookingClosesAt: string;
  cancelDeadline: string;
}
interface Slot {
  id: string;
  seq: number;
  startsAt: string;
  status: string;
}

/** A session under way: the views say what can be booked now, not what is left on paper. */
describe.each(databaseKinds())('schedule views against the clock on %s', (kind) => {
  let t: TestApp;
  let clinic: Clinic;
  let today: string;
  let people: PatientFixture[];
  const tokens: string[] = [];
  const ids = {} as Record<'underWay' | 'allBegun' | 'closed' | 'full', string>;

  beforeAll(async () => {
    // 10:00 in Beijing today.
    const day = shanghaiDate(Date.now());
    t = await startTestApp(kind, { now: shanghaiInstant(day, '10:00') });
    today = day;
    const now = t.clock.now();
    const db = t.services.db;
    clinic = await createClinic(db, { now, departments: 1 });
    people = await createPatients(db, 3, { now });
    for (const p of people) tokens.push((await t.services.tokens.issue(p.accountId)).token);
    // 08:00–12:00, 8 slots of 30 minutes, booking closes 11:30:
    // at 10:00 the 10:30, 11:00 and 11:30 slots are left to book.
    ids.underWay = (
      await createSession(db, clinic, {
        now,
        capacity: 8,
        date: today,
        startTime: '08:00',
        endTime: '12:00',
        closesBeforeEndMs: 30 * 60_000,
      })
    ).id;
    // 08:00–11:00, 6 slots, closes 10:30: one slot (10:30) can
    // still be booked; once it is, the free ones have all begun.
    ids.allBegun = (
      await createSession(db, clinic, {
        now,
        capacity: 6,
        date: today,
        startTime: '08:00',
        endTime: '11:00',
        closesBeforeEndMs: 30 * 60_000,
        type: 'expert',
      })
    ).id;
    // 07:00–10:00, closes 09:30: over.
    ids.closed = (
      await createSession(db, clinic, {
        now,
        capacity: 6,
        date: today,
        startTime: '07:00',
        endTime: '10:00',
        closesBeforeEndMs: 30 * 60_000,
        type: 'special',
      })
    ).id;
    // Tomorrow, one slot, booked: full.
    ids.full = (await createSession(db, clinic, { now, capacity: 1, date: shanghaiDate(now + 86_400_000) })).id;
  });
  afterAll(async () => t.close());

  const list = async () =>
    (await t.http.get(`/api/v1/departments/${clinic.departmentIds[0]}/schedules`).expect(200)).body
      .schedules as Summary[];
  const detail = async (id: string) =>
    (await t.http.get(`/api/v1/schedules/${id}`).expect(200)).body as Summary & { slots: Slot[] };
  const book = (i: number, scheduleId: string) =>
    t.http
      .post('/api/v1/orders')
      .set('Authorization', `Bearer ${tokens[i]}`)
      .set('Idempotency-Key', idemKey())
      .send({ patientId: people[i]!.patientId, scheduleId });
  const at = (time: string) => new Date(shanghaiInstant(today, time)).toISOString();

  it('counts only the slots that have not begun as free, and marks the begun ones past', async () => {
    const s = (await list()).find((x) => x.id === ids.underWay)!;
    expect(s).toMatchObject({ status: 'open', freeCount: 3, closedSince: null });
    const d = await detail(ids.underWay);
    expect(d).toMatchObject({ status: 'open', freeCount: 3 });
    expect(d.slots.map((x) => x.status)).toEqual(['past', 'past', 'past', 'past', 'past', 'free', 'free', 'free']);
    // Booking takes the next slot that has not begun.
    const r = await book(0, ids.underWay).expect(201);
    expect(r.body.slot.startsAt).toBe(at('10:30'));
  });

  it('says a session is closed, and since when, once its booking window is over', async () => {
    const s = (await list()).find((x) => x.id === ids.closed)!;
    expect(s).toMatchObject({ status: 'closed', freeCount: 0, closedSince: at('09:30') });
    expect((await detail(ids.closed)).status).toBe('closed');
    expect((await book(1, ids.closed).expect(409)).body.error.code).toBe('BOOKING_WINDOW_CLOSED');
  });

  it('closes a session whose free slots have all begun (it is not full), since its last free slot began', async () => {
    expect((await list()).find((x) => x.id === ids.allBegun)).toMatchObject({ status: 'open', freeCount: 1 });
    await book(1, ids.allBegun).expect(201);
    const s = (await list()).find((x) => x.id === ids.allBegun)!;
    expect(s).toMatchObject({ status: 'closed', freeCount: 0, closedSince: at('10:00') });
    expect((await detail(ids.allBegun)).slots.filter((x) => x.status === 'free')).toHaveLength(0);
  });

  it('keeps 约满 for a session with no free slot at all, and gives each session its own cancel deadline', async () => {
    await book(2, ids.full).expect(201);
    const s = (await list()).find((x) => x.id === ids.full)!;
    expect(s).toMatchObject({ status: 'open', freeCount: 0, closedSince: null });
    // The rule book's default: 15:00 the day before the visit.
    expect(s.cancelDeadline).toBe(new Date(shanghaiInstant(today, '15:00')).toISOString());
  });
});
