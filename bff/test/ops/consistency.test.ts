import { findInconsistencies, NO_INCONSISTENCIES } from '../../src/ops/consistency.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { bookThroughApi } from '../support/booking.js';
import { databaseKinds } from '../support/databases.js';
import { createClinic, createPatients, createSession } from '../support/fixtures.js';

describe.each(databaseKinds())('the consistency check on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => t.close());

  it('finds nothing after bookings, and names each kind of damage a lost half of a transaction leaves', async () => {
    const db = t.services.db;
    const clinic = await createClinic(db, { now: t.clock.now() });
    const session = await createSession(db, clinic, { now: t.clock.now(), capacity: 3 });
    const [first, second] = await createPatients(db, 2, { now: t.clock.now() });
    const kept = await bookThroughApi(t, first!, session.id);
    const lost = await bookThroughApi(t, second!, session.id);
    expect(await findInconsistencies(db, [session.id])).toEqual(NO_INCONSISTENCIES);

    // What a booking whose own row never committed (while its slot claim and events did) leaves.
    await db.write(async (tx) => {
      await tx.query('DELETE FROM booking_order WHERE id = ?', [lost]);
    });
    const found = await findInconsistencies(db, [session.id]);
    expect(found).toEqual({
      ...NO_INCONSISTENCIES,
      slotsTakenWithoutBooking: 1,
      // its history entry, and its notice to the hospital unless already relayed
      eventsWithoutBooking: found.eventsWithoutBooking,
    });
    expect(found.eventsWithoutBooking).toBeGreaterThanOrEqual(1);
    const [history] = await db.query<{ n: unknown }>('SELECT COUNT(*) AS n FROM order_event WHERE order_id = ?', [
      kept,
    ]);
    expect(Number(history?.n)).toBeGreaterThanOrEqual(1);
  });
});
