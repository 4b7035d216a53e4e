import { databaseKinds } from '../support/databases.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { createClinic, createPatients, createSession, type PatientFixture } from '../support/fixtures.js';
import { addDays, shanghaiDate, shanghaiInstant } from '../../src/shared/time.js';
import { notificationsOf, smsTo, withPhone } from './notice-support.js';
import { bookThroughApi } from '../support/booking.js';

describe.each(databaseKinds())('timed patient notices on %s', (kind) => {
  let t: TestApp;

  beforeEach(async () => {
    t = await startTestApp(kind);
  });
  afterEach(async () => t.close());

  async function booked(onlinePayment: boolean, date?: string) {
    const clinic = await createClinic(t.services.db, { now: t.clock.now(), onlinePayment });
    const [p] = (await createPatients(t.services.db, 1, { now: t.clock.now() })) as [PatientFixture];
    const phone = await withPhone(t, p);
    const s = await createSession(t.services.db, clinic, { now: t.clock.now(), capacity: 3, date });
    return { phone, orderId: await bookThroughApi(t, p, s.id), date: s.date };
  }

  it('reminds once per booked order, at the configured time on the evening before the visit', async () => {
    const visit = addDays(shanghaiDate(t.clock.now()), 2);
    const first = await booked(false, visit);
    const second = await booked(false, visit);
    const unpaid = await booked(true, visit);
    const later = await booked(false, addDays(visit, 1));
    const eve = addDays(visit, -1);
    const run = () => t.services.notices.sender.runOnce();

    t.clock.set(shanghaiInstant(eve, '19:59'));
    expect(await run()).toMatchObject({ queued: 0 });
    t.clock.set(shanghaiInstant(eve, t.config.notices.reminderTime));
    expect(await run()).toMatchObject({ queued: 2, sent: 2 });
    t.clock.advance(3600_000);
    expect(await run()).toMatchObject({ queued: 0, sent: 0 });

    for (const o of [first, second]) {
      expect((await notificationsOf(t, o.phone)).map((n) => n.kind)).toEqual(['reminder']);
      expect(smsTo(t, o.phone)[0]!.content).toContain('就诊提醒');
    }
    expect(await notificationsOf(t, unpaid.phone)).toEqual([]);
    expect(await notificationsOf(t, later.phone)).toEqual([]);
  });

  it('warns once that an unpaid booking is about to expire, within the configured lead', async () => {
    const { phone, orderId } = await booked(true);
    const [order] = await t.services.db.query<{ pay_deadline: number }>(
      'SELECT pay_deadline FROM booking_order WHERE id = ?',
      [orderId],
    );
    const deadline = Number(order!.pay_deadline);
    const lead = t.config.notices.expiryLeadMs;
    t.clock.set(deadline - lead - 1000);
    expect(await t.services.notices.sender.runOnce()).toMatchObject({ queued: 0 });
    t.clock.set(deadline - lead + 1000);
    expect(await t.services.notices.sender.runOnce()).toMatchObject({ queued: 1, sent: 1 });
    t.clock.advance(30_000);
    expect(await t.services.notices.sender.runOnce()).toMatchObject({ queued: 0, sent: 0 });
    expect((await notificationsOf(t, phone)).map((n) => n.kind)).toEqual(['expiring']);
    expect(smsTo(t, phone)[0]!.content).toMatch(/尚未支付，将于\d{4}-\d\d-\d\d \d\d:\d\d自动取消/);
  });
});
