import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HospitalEvent } from '@cityhealth/shared-types';
import { setHospitalSignatureMethod } from '../../src/hospital/hospital-registry.js';
import { signatureMatches, signatureMethodOf } from '../../src/hospital/signature.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/databases.js';
import { createClinic, createPatients, createSession, type Clinic } from '../support/fixtures.js';
import { hospitalClient } from '../support/hospital-client.js';
import { bookThroughApi } from '../support/booking.js';

/** A hospital's system as the push sees it: checks each push's signature, answers a visit number, can be down. */
class Receiver {
  readonly taken = new Map<string, HospitalEvent>();
  /** How many times each event was answered 200 (a push taken twice would count 2). */
  readonly takenTimes = new Map<string, number>();
  /** Every push that arrived, in arrival order (repeats included). */
  readonly arrivals: { eventId: string; orderId: string; type: string; signed: boolean; method: string | null }[] = [];
  /** Answer 503 to this many pushes next. */
  failNext = 0;
  /** Hold the answer this long. */
  delayMs = 0;
  private server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const named = req.headers['x-signature-method'];
      const method = signatureMethodOf(typeof named === 'string' ? named : undefined);
      const signed =
        method !== null &&
        signatureMatches(
          [this.secret],
          {
            method: req.method ?? '',
            pathWithQuery: req.url ?? '',
            timestamp: String(req.headers['x-timestamp']),
            nonce: String(req.headers['x-nonce']),
            body,
          },
          String(req.headers['x-signature']),
          method,
        );
      const event = JSON.parse(body) as HospitalEvent;
      this.arrivals.push({ eventId: event.eventId, orderId: event.order.orderId, type: event.type, signed, method });
      const answer = () => {
        if (!signed || req.headers['x-hospital-code'] !== this.code) return reply(res, 401, { error: 'bad signature' });
        if (this.failNext > 0) {
          this.failNext--;
          return reply(res, 503, { error: 'HIS under maintenance' });
        }
        this.taken.set(event.eventId, event);
        this.takenTimes.set(event.eventId, (this.takenTimes.get(event.eventId) ?? 0) + 1);
        reply(res, 200, { visitNumber: `V${event.order.orderNo.slice(-6)}`, recordId: `R-${event.order.orderId}` });
      };
      if (this.delayMs) setTimeout(answer, this.delayMs);
      else answer();
    });
  });
  url = '';
  constructor(
    private readonly code: string,
    private readonly secret: string,
  ) {}
  async start(): Promise<void> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/his/events?via=platform`;
  }
  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}

function reply(res: http.ServerResponse, status: number, body: object) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

describe.each(databaseKinds())('pushes to a hospital and its event stream on %s', (kind) => {
  let t: TestApp;
  let clinic: Clinic;
  let receiver: Receiver;
  let code: string;
  let secret: string;
  let tokens: string[];
  let patients: Awaited<ReturnType<typeof createPatients>>;

  beforeAll(async () => {
    t = await startTestApp(kind, { env: { HOSPITAL_PUSH_TIMEOUT_MS: '300' } });
    clinic = await createClinic(t.services.db, { now: t.clock.now() });
    const [row] = await t.services.db.query<{ code: string }>('SELECT code FROM hospital WHERE id = ?', [
      clinic.hospitalId,
    ]);
    code = row!.code;
    secret = (await t.http.get(`/sandbox/hospitals/${code}/credentials`).expect(200)).body.secret;
    receiver = new Receiver(code, secret);
    await receiver.start();
    await t.services.db.query('UPDATE hospital SET webhook_url = ? WHERE id = ?', [receiver.url, clinic.hospitalId]);
    patients = await createPatients(t.services.db, 7, { now: t.clock.now() });
    tokens = await Promise.all(patients.map(async (p) => (await t.services.tokens.issue(p.accountId)).token));
  });
  afterAll(async () => {
    await t.close();
    await receiver.close();
  });

  const book = (i: number, scheduleId: string) => bookThroughApi(t, patients[i]!, scheduleId);
  const cancel = (i: number, orderId: string) =>
    t.http.post(`/api/v1/orders/${orderId}/cancel`).set('Authorization', `Bearer ${tokens[i]}`).send({}).expect(200);
  const pull = async (after = 0) =>
    (await hospitalClient(t, { code, secret })('GET', `/api/hospital/v1/events?after=${after}&limit=500`).expect(200))
      .body as { items: HospitalEvent[]; next: number };

  it('pushes a booking signed, keeps the visit number the hospital answers, and shows it to the patient', async () => {
    const s = await createSession(t.services.db, clinic, { now: t.clock.now(), capacity: 5, feeFen: 0 });
    const orderId = await book(0, s.id);
    expect(receiver.arrivals).toHaveLength(0); // nothing is sent on the booking path
    await t.services.outbox.runOnce();
    const pushed = [...receiver.taken.values()].filter((e) => e.order.orderId === orderId);
    expect(pushed.map((e) => e.type)).toEqual(['booking.created']);
    expect(pushed[0]!.order).toMatchObject({ orderId, status: 'booked', patient: { name: expect.any(String) } });
    expect(receiver.arrivals.every((a) => a.signed)).toBe(true);

    const order = await t.http.get(`/api/v1/orders/${orderId}`).set('Authorization', `Bearer ${tokens[0]}`).expect(200);
    expect(order.body.visitNumber).toBe(`V${order.body.orderNo.slice(-6)}`);
    const { items } = await pull();
    expect(items.find((e) => e.order.orderId === orderId)?.order.visitNumber).toBe(order.body.visitNumber);
  });

  it('keeps every event while the hospital is down, then delivers each, in order per order', async () => {
    const s = await createSession(t.services.db, clinic, { now: t.clock.now(), capacity: 5, feeFen: 0 });
    const before = receiver.taken.size;
    receiver.failNext = 1_000;
    const orders = [await book(1, s.id), await book(2, s.id), await book(3, s.id)];
    await cancel(1, orders[0]!);
    await cancel(3, orders[2]!);
    await t.services.outbox.runOnce();
    expect(receiver.taken.size).toBe(before);
    const [stream] = await t.services.db.query<{ failures: number; next_attempt_at: unknown }>(
      'SELECT failures, next_attempt_at FROM hospital_stream WHERE hospital_id = ?',
      [clinic.hospitalId],
    );
    expect(Number(stream!.failures)).toBe(1);
    expect(Number(stream!.next_attempt_at)).toBeGreaterThan(t.clock.now());

    // Within the back-off nothing is tried; after it the hospital is tried again (still down: longer wait).
    const tried = receiver.arrivals.length;
    await t.services.outbox.runOnce();
    expect(receiver.arrivals.length).toBe(tried);
    t.clock.advance(1_500);
    await t.services.outbox.runOnce();
    expect(receiver.arrivals.length).toBeGreaterThan(tried);

    receiver.failNext = 0;
    t.clock.advance(10 * 60_000);
    await t.services.outbox.runOnce();
    const mine = [...receiver.taken.values()].filter((e) => orders.includes(e.order.orderId));
    expect(mine).toHaveLength(5);
    for (const id of orders) {
      const types = receiver.arrivals.filter((a) => a.orderId === id && receiver.taken.has(a.eventId));
      const firstTaken = [...new Map(types.map((a) => [a.eventId, a.type])).values()];
      expect(firstTaken).toEqual(id === orders[1] ? ['booking.created'] : ['booking.created', 'booking.cancelled']);
    }
    // an order's later event is never sent before its earlier one was taken
    for (const id of [orders[0]!, orders[2]!]) {
      const arrivals = receiver.arrivals.filter((a) => a.orderId === id);
      const createdTakenAt = arrivals.findIndex((a) => a.type === 'booking.created' && receiver.taken.has(a.eventId));
      const firstCancelled = arrivals.findIndex((a) => a.type === 'booking.cancelled');
      expect(firstCancelled).toBeGreaterThan(createdTakenAt);
    }
    expect(mine.map((e) => receiver.takenTimes.get(e.eventId))).toEqual([1, 1, 1, 1, 1]);
    const cancelled = mine.find((e) => e.type === 'booking.cancelled')!;
    expect(cancelled.reason).toBe('patient');
    const [stats] = await t.services.db.query<{ n: number }>(
      'SELECT COUNT(*) AS n FROM hospital_event WHERE hospital_id = ? AND pending = 1',
      [clinic.hospitalId],
    );
    expect(Number(stats!.n)).toBe(0);
  });

  it('counts a hospital answering too slowly as down', async () => {
    const s = await createSession(t.services.db, clinic, { now: t.clock.now(), capacity: 2, feeFen: 0 });
    const orderId = await book(4, s.id);
    receiver.delayMs = 1_000;
    await t.services.outbox.runOnce();
    receiver.delayMs = 0;
    const [event] = await t.services.db.query<{ pending: number | null; attempts: number; last_error: string }>(
      'SELECT pending, attempts, last_error FROM hospital_event WHERE order_id = ?',
      [orderId],
    );
    expect(event).toMatchObject({ pending: 1 });
    expect(event!.last_error).toMatch(/no answer within 300 ms/);
    t.clock.advance(10 * 60_000);
    await t.services.outbox.runOnce();
    const [after] = await t.services.db.query<{ pending: number | null }>(
      'SELECT pending FROM hospital_event WHERE order_id = ?',
      [orderId],
    );
    expect(after!.pending).toBeNull();
  });

  it('gives the same events by pull as by push: numbered 1, 2, 3 … without gaps, paged by number', async () => {
    const all = await pull();
    expect(all.items.map((e) => e.seq)).toEqual(all.items.map((_, i) => i + 1));
    for (const e of all.items) {
      const pushed = receiver.taken.get(e.eventId);
      expect(pushed && { ...pushed, order: undefined }).toEqual({ ...e, order: undefined });
    }
    const firstTwo = await hospitalClient(t, { code, secret })('GET', '/api/hospital/v1/events?limit=2').expect(200);
    expect(firstTwo.body.next).toBe(2);
    const rest = await pull(firstTwo.body.next);
    expect(rest.items[0]?.seq).toBe(3);
    expect((await pull(all.next)).items).toEqual([]);
    expect((await pull(all.next)).next).toBe(all.next);
    await hospitalClient(t, { code, secret })('GET', '/api/hospital/v1/events?after=-1').expect(400);
  });

  it('relays each event once even when two relays run at the same time', async () => {
    const s = await createSession(t.services.db, clinic, { now: t.clock.now(), capacity: 3, feeFen: 0 });
    await book(5, s.id);
    await Promise.all([t.services.outbox.relay.drain(), t.services.outbox.relay.drain()]);
    const rows = await t.services.db.query<{ n: number; distinct_seq: number }>(
      'SELECT COUNT(*) AS n, COUNT(DISTINCT seq) AS distinct_seq FROM hospital_event WHERE hospital_id = ?',
      [clinic.hospitalId],
    );
    expect(Number(rows[0]!.n)).toBe(Number(rows[0]!.distinct_seq));
    const [left] = await t.services.db.query<{ n: number }>('SELECT COUNT(*) AS n FROM outbox');
    expect(Number(left!.n)).toBe(0);
  });

  it('signs its pushes with HMAC-SM3 once the hospital is set to it, naming the method', async () => {
    const audit = t.services.audit;
    await setHospitalSignatureMethod(t.services.db, audit, clinic.hospitalId, 'HMAC-SM3', 'admin-1');
    try {
      const s = await createSession(t.services.db, clinic, { now: t.clock.now(), capacity: 5, feeFen: 0 });
      const from = receiver.arrivals.length;
      const orderId = await book(6, s.id);
      await t.services.outbox.runOnce();
      const arrived = receiver.arrivals.slice(from).filter((a) => a.orderId === orderId);
      expect(arrived.map((a) => [a.type, a.method, a.signed])).toEqual([['booking.created', 'HMAC-SM3', true]]);
      expect([...receiver.taken.values()].some((e) => e.order.orderId === orderId)).toBe(true);
    } finally {
      await setHospitalSignatureMethod(t.services.db, audit, clinic.hospitalId, 'HMAC-SHA256', 'admin-1');
    }
    const [row] = await t.services.db.query<{ detail: string }>(
      "SELECT detail FROM audit_event WHERE action = 'hospital.signature-method.set' ORDER BY at DESC LIMIT 1",
    );
    expect(row).toBeDefined();
  });
});
