import type { Edition } from '@cityhealth/shared-types';
import { cancelOrder } from '../../src/core/booking/transitions.js';
import type { PatientChannel } from '../../src/identity/tokens.js';
import { newId } from '../../src/shared/ids.js';
import { addDays, DAY_MS, shanghaiDate } from '../../src/shared/time.js';
import type { TestApp } from '../support/app.js';
import { createClinic, createPatients, createSession, idemKey, type PatientFixture } from '../support/fixtures.js';
import { hospitalClient, sandboxCaller } from '../support/hospital-client.js';

/** 09:00 in Shanghai on Monday 2026-03-09: the first day of the data set. */
export const T0 = Date.parse('2026-03-09T01:00:00Z');
export const D0 = '2026-03-09';
export const day = (n: number): string => addDays(D0, n);

export interface KnownData {
  hospitalA: string;
  hospitalB: string;
  /** 内科 and 外科 of hospital A, 儿科 of hospital B. */
  internal: string;
  surgery: string;
  paediatrics: string;
}

/**
 * A known data set made through the booking API on the app's manual clock (started at T0), over
 * three days; every figure the tests expect is worked out in the comments here.
 *
 * D0: S1 (甲 内科, 3 places, 10 元, released T0) sells out after 100 s: weapp, alipay (elder), swan.
 *     S2 (甲 外科, 5 places, 5 元): h5, weapp. S4 (乙 儿科, online payment, 20 元): weapp (elder),
 *     alipay; both unpaid, closed after 20 min (2 timeouts).
 * D1: S5 (甲 内科, 2 places, 5 元) sells out after 65 s: weapp, weapp. S6 (甲 外科, 3 places): h5
 *     (elder), alipay. S8 (甲 内科, 1 place) sells out after 400 s; S9, S10 (甲 外科, 3 places): one
 *     person books all three (weapp). Two patients cancel (S2's weapp one, S6's h5 one).
 * D2: S7 (甲 外科, 4 places): weapp, swan (then unrecorded: an old row's NULL origin); stopped by the
 *     hospital (2 stop-clinic). A staff member cancels S6's alipay booking. Attendance on S1 (visit
 *     D2): arrived, no-show (the alipay one), arrived; S2's h5 one a no-show; the person of S8–S10
 *     misses all three (visits D4–D6) and is suspended.
 */
export async function buildKnownData(t: TestApp): Promise<KnownData> {
  const db = t.services.db;
  const now = () => t.clock.now();
  const a = await createClinic(db, { now: now(), departments: 2 });
  const b = await createClinic(db, { now: now(), departments: 1, onlinePayment: true });
  await db.query("UPDATE hospital SET name = '甲医院' WHERE id = ?", [a.hospitalId]);
  await db.query("UPDATE hospital SET name = '乙医院' WHERE id = ?", [b.hospitalId]);
  const [internal, surgery] = a.departmentIds as [string, string];
  const paediatrics = b.departmentIds[0]!;
  await db.query("UPDATE department SET name = '内科' WHERE id = ?", [internal]);
  await db.query("UPDATE department SET name = '外科' WHERE id = ?", [surgery]);
  await db.query("UPDATE department SET name = '儿科' WHERE id = ?", [paediatrics]);
  const p = await createPatients(db, 14, { now: now() });

  const session = (clinic: typeof a, departmentId: string, capacity: number, feeFen: number, date: string) =>
    createSession(db, clinic, { now: now(), departmentId, capacity, feeFen, date, releaseAt: now() });
  const tokens = new Map<string, string>();
  const book = async (who: PatientFixture, scheduleId: string, channel: PatientChannel, edition?: Edition) => {
    const { token } = await t.services.tokens.issue(who.accountId, channel);
    tokens.set(who.accountId, token);
    const r = await t.http
      .post('/api/v1/orders')
      .set('Authorization', `Bearer ${token}`)
      .set('Idempotency-Key', idemKey())
      .send({ scheduleId, patientId: who.patientId, ...(edition ? { edition } : {}) });
    if (r.status !== 201) throw new Error(`booking failed: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body.id as string;
  };
  const cancelAsPatient = async (who: PatientFixture, orderId: string) => {
    const r = await t.http
      .post(`/api/v1/orders/${orderId}/cancel`)
      .set('Authorization', `Bearer ${tokens.get(who.accountId)}`)
      .send({});
    if (r.status !== 200) throw new Error(`cancel failed: ${r.status} ${JSON.stringify(r.body)}`);
  };
  /** Moves the clock to `ms` after the start of the day's release (09:00 on day n). */
  const at = (n: number, ms: number) => t.clock.set(T0 + n * DAY_MS + ms);
  const his = hospitalClient(t, await sandboxCaller(t, a.hospitalId));
  const attendance = (orderId: string, status: 'arrived' | 'noshow') =>
    his('POST', `/api/hospital/v1/orders/${orderId}/attendance`, { status }).expect(200);

  // D0
  at(0, 0);
  if (shanghaiDate(now()) !== D0) throw new Error('the app clock must start at T0');
  const s1 = await session(a, internal, 3, 1000, day(2));
  const s2 = await session(a, surgery, 5, 500, day(2));
  const s4 = await session(b, paediatrics, 5, 2000, day(2));
  at(0, 10_000);
  const o0 = await book(p[0]!, s1.id, 'weapp');
  at(0, 40_000);
  const o1 = await book(p[1]!, s1.id, 'alipay', 'elder');
  at(0, 100_000);
  const o2 = await book(p[2]!, s1.id, 'swan');
  at(0, 120_000);
  const o3 = await book(p[3]!, s2.id, 'h5');
  at(0, 130_000);
  const o4 = await book(p[4]!, s2.id, 'weapp');
  at(0, 140_000);
  await book(p[5]!, s4.id, 'weapp', 'elder');
  at(0, 150_000);
  await book(p[6]!, s4.id, 'alipay');
  at(0, 20 * 60_000);
  if ((await t.services.booking.expireUnpaid()) !== 2) throw new Error('the two unpaid bookings must time out');

  // D1
  at(1, 0);
  const s5 = await session(a, internal, 2, 500, day(3));
  const s6 = await session(a, surgery, 3, 500, day(3));
  const s8 = await session(a, internal, 1, 500, day(4));
  const s9 = await session(a, surgery, 3, 500, day(5));
  const s10 = await session(a, surgery, 3, 500, day(6));
  at(1, 5_000);
  await book(p[7]!, s5.id, 'weapp');
  at(1, 65_000);
  await book(p[8]!, s5.id, 'weapp');
  at(1, 70_000);
  const o9 = await book(p[9]!, s6.id, 'h5', 'elder');
  at(1, 80_000);
  const o10 = await book(p[10]!, s6.id, 'alipay');
  at(1, 90_000);
  await cancelAsPatient(p[9]!, o9);
  await cancelAsPatient(p[4]!, o4);
  at(1, 400_000);
  const missed = [await book(p[13]!, s8.id, 'weapp')];
  missed.push(await book(p[13]!, s9.id, 'weapp'), await book(p[13]!, s10.id, 'weapp'));

  // D2
  at(2, 0);
  const s7 = await session(a, surgery, 4, 500, day(4));
  at(2, 10_000);
  await book(p[11]!, s7.id, 'weapp');
  at(2, 20_000);
  const o12 = await book(p[12]!, s7.id, 'swan');
  await db.query('UPDATE booking_order SET channel = NULL, edition = NULL WHERE id = ?', [o12]);
  await db.query(
    `INSERT INTO his_key (id, hospital_id, kind, his_code, entity_id, version, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?)`,
    [newId(), a.hospitalId, 'schedule', 'HS7', s7.id, 1, now()],
  );
  at(2, 30_000);
  await his('POST', '/api/hospital/v1/schedules/HS7/stop', { reason: '设备检修' }).expect(200);
  // No console operation cancels a booking yet: the booking core's own staff cancellation.
  await db.write((tx) =>
    cancelOrder(tx, db.dialect, { orderId: o10, actor: { type: 'admin', id: 'staff' }, reason: 'admin', now: now() }),
  );
  at(2, 3600_000);
  await attendance(o0, 'arrived');
  await attendance(o1, 'noshow');
  await attendance(o2, 'arrived');
  await attendance(o3, 'noshow');
  for (const id of missed) await attendance(id, 'noshow');
  return { hospitalA: a.hospitalId, hospitalB: b.hospitalId, internal, surgery, paediatrics };
}
