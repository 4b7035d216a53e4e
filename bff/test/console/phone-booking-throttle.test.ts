import { startTestApp, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/databases.js';
import { createClinic, createSession, type Clinic } from '../support/fixtures.js';
import { makeIdNumber, makePhone, patientBody } from '../support/identity.js';
import { staffSession } from '../support/staff.js';
import { phoneApi } from './phone-support.js';

/**
 * A call centre's seats share one address: the booking throttle counts a phone agent's bookings
 * per agent, so one busy seat does not stop the others (and a patient's app is counted by address).
 */
describe.each(databaseKinds())('phone booking throttle on %s', (kind) => {
  let t: TestApp;
  let clinic: Clinic;

  beforeAll(async () => {
    t = await startTestApp(kind, {
      env: { RATE_BOOKING_PER_IP_MINUTE: '2', RATE_LIMIT_PREFIX: `phone-${Date.now()}` },
    });
    clinic = await createClinic(t.services.db, { now: t.clock.now(), departments: 4 });
  });
  afterAll(async () => t.close());

  async function callerWithPatient(phone: ReturnType<typeof phoneApi>) {
    const caller = await phone.register(makePhone()).expect(201);
    const accountId = caller.body.account.id as string;
    const added = await phone
      .addPatient(accountId, patientBody({ idNumber: makeIdNumber(), phone: makePhone() }))
      .expect(201);
    return { accountId, patientId: added.body.id as string };
  }

  it('lets each agent book at the per-address pace, however many agents share the address', async () => {
    const first = phoneApi(t, await staffSession(t, 'agent'));
    const second = phoneApi(t, await staffSession(t, 'agent'));
    const statuses: Record<string, number[]> = { first: [], second: [] };
    for (const [name, phone] of [
      ['first', first],
      ['second', second],
    ] as const) {
      for (let i = 0; i < 3; i++) {
        const who = await callerWithPatient(phone);
        const s = await createSession(t.services.db, clinic, { now: t.clock.now(), capacity: 3 });
        statuses[name]!.push((await phone.book(who.accountId, { scheduleId: s.id, patientId: who.patientId })).status);
      }
    }
    expect(statuses).toEqual({ first: [201, 201, 429], second: [201, 201, 429] });
  });
});
