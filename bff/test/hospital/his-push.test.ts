import { startTestApp, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/databases.js';
import { bookThroughApi } from '../support/booking.js';
import { createClinic, createPatients, createSession, type Clinic } from '../support/fixtures.js';

interface Received {
  eventId: string | null;
  type: string | null;
  orderId: string | null;
  outcome: 'accepted' | 'duplicate' | 'refused' | 'fault';
  reply: { visitNumber?: string } | null;
}

/** The platform's pusher against the sandbox's emulated HIS, as under npm start. */
describe.each(databaseKinds())('pushes to the emulated HIS on %s', (kind) => {
  let t: TestApp;
  let clinic: Clinic;
  let code: string;
  let tokens: string[];
  let patients: Awaited<ReturnType<typeof createPatients>>;

  beforeAll(async () => {
    t = await startTestApp(kind, { listen: true, env: { HOSPITAL_PUSH_TIMEOUT_MS: '300' } });
    clinic = await createClinic(t.services.db, { now: t.clock.now() });
    const [row] = await t.services.db.query<{ code: string }>('SELECT code FROM hospital WHERE id = ?', [
      clinic.hospitalId,
    ]);
    code = row!.code;
    // As under npm start: the hospital's webhook is its emulated HIS, recorded with its credentials.
    const credentials = await t.http.get(`/sandbox/hospitals/${code}/credentials`).expect(200);
    expect(credentials.body.webhookUrl).toBe(`${t.sandbox!.url}/his/${code}/events`);
    patients = await createPatients(t.services.db, 3, { now: t.clock.now() });
    tokens = await Promise.all(patients.map(async (p) => (await t.services.tokens.issue(p.accountId)).token));
  });
  afterAll(async () => t.close());

  const received = async () =>
    (await (await fetch(`${t.sandbox!.url}/his/${code}/sandbox/received?limit=500`)).json()) as {
      items: Received[];
    };
  const book = (i: number, scheduleId: string) => bookThroughApi(t, patients[i]!, scheduleId);

  it('delivers bookings through faults, each taken once, and the patient sees the HIS’s visit number', async () => {
    const s = await createSession(t.services.db, clinic, { now: t.clock.now(), capacity: 5, feeFen: 0 });
    const fault = await fetch(`${t.sandbox!.url}/his/${code}/sandbox/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ mode: 'fail', count: 2 }),
    });
    expect(fault.status).toBe(200);
    const first = await book(0, s.id);
    const second = await book(1, s.id);
    await t.services.outbox.runOnce();
    for (let i = 0; i < 4; i++) {
      t.clock.advance(60_000);
      await t.services.outbox.runOnce();
    }
    const { items } = await received();
    expect(items.filter((r) => r.outcome === 'fault')).toHaveLength(2);
    expect(items.filter((r) => r.outcome === 'refused')).toEqual([]);
    const accepted = items.filter((r) => r.outcome === 'accepted');
    expect(accepted.map((r) => r.orderId).sort()).toEqual([first, second].sort());
    expect(accepted.every((r) => r.type === 'booking.created')).toBe(true);

    const order = await t.http.get(`/api/v1/orders/${first}`).set('Authorization', `Bearer ${tokens[0]}`).expect(200);
    const reply = accepted.find((r) => r.orderId === first)!.reply!;
    expect(order.body.visitNumber).toBe(reply.visitNumber);
    expect(order.body.visitNumber).toMatch(/^MZ\d{8}\d+$/);
  });
});
