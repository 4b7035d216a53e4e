import type http from 'node:http';
import { CLAIM_GRACE_MS } from '../../src/core/booking/draw/fair-release.js';
import { parseRequestStart, REQUEST_START_MAX_AGE_MS, requestStartOf } from '../../src/http/request-start.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/databases.js';
import { createClinic, createPatients, createSession, idemKey, type Clinic } from '../support/fixtures.js';
import { auth } from '../support/identity.js';

const request = (remoteAddress: string, start?: string) =>
  ({
    headers: start === undefined ? {} : { 'x-request-start': start },
    socket: { remoteAddress },
  }) as unknown as http.IncomingMessage;

describe('a gateway’s X-Request-Start', () => {
  const now = 1_765_000_000_000;

  it('reads nginx’s seconds, milliseconds and microseconds', () => {
    expect(parseRequestStart('t=1765000000.123')).toBeCloseTo(1_765_000_000_123, 3);
    expect(parseRequestStart('1765000000123')).toBe(1_765_000_000_123);
    expect(parseRequestStart('t=1765000000123456')).toBeCloseTo(1_765_000_000_123.456, 3);
    for (const bad of ['', 't=', 't=abc', 't=-5', '1e12', 't=1765000000.1.2']) {
      expect(parseRequestStart(bad)).toBeUndefined();
    }
  });

  it('is believed from a trusted gateway only, never later than now nor older than the limit', () => {
    const arrival = requestStartOf({ trustedProxies: ['10.0.0.0/8'] });
    expect(arrival(request('10.1.2.3', `t=${(now - 800) / 1000}`), now)).toBeCloseTo(now - 800, 3);
    expect(arrival(request('203.0.113.9', `t=${(now - 800) / 1000}`), now)).toBe(now);
    expect(arrival(request('10.1.2.3', String(now + 5_000)), now)).toBe(now);
    expect(arrival(request('10.1.2.3', String(now - REQUEST_START_MAX_AGE_MS - 1)), now)).toBe(now);
    expect(arrival(request('10.1.2.3', 'garbage'), now)).toBe(now);
    expect(arrival(request('10.1.2.3'), now)).toBe(now);
    expect(requestStartOf({ trustedProxies: [] })(request('10.1.2.3', String(now - 800)), now)).toBe(now);
  });
});

describe.each(databaseKinds())('the release window by the gateway’s arrival time on %s', (kind) => {
  let t: TestApp;
  let clinic: Clinic;

  beforeAll(async () => {
    t = await startTestApp(kind, {
      env: {
        FAIR_RELEASE_WINDOW_MS: '2000',
        FAIR_RELEASE_TYPES: 'expert',
        RATE_BOOKING_PER_IP_MINUTE: '1000',
        TRUSTED_PROXIES: 'loopback',
      },
    });
    clinic = await createClinic(t.services.db, { now: t.clock.now() });
  });
  afterAll(() => t.close());

  it('admits to the draw a request the gateway saw in the window though the server read it after', async () => {
    const releaseAt = t.clock.now() + 60_000;
    const session = await createSession(t.services.db, clinic, {
      now: t.clock.now(),
      capacity: 3,
      type: 'expert',
      releaseAt,
    });
    const [seenInWindow, stale, unstamped] = await createPatients(t.services.db, 3, { now: t.clock.now() });
    const book = async (p: NonNullable<typeof seenInWindow>, start?: number) => {
      const { token } = await t.services.tokens.issue(p.accountId);
      const req = t.http
        .post('/api/v1/orders')
        .set(auth(token))
        .set('Idempotency-Key', idemKey())
        .send({ scheduleId: session.id, patientId: p.patientId });
      return start === undefined ? req : req.set('X-Request-Start', `t=${(start / 1000).toFixed(3)}`);
    };
    // the server reads the requests after the window (and its grace) is over
    t.clock.set(releaseAt + 2000 + CLAIM_GRACE_MS + 100);
    const inWindow = await book(seenInWindow!, releaseAt + 500);
    expect(inWindow.status).toBe(201);
    const late = await book(stale!, releaseAt - REQUEST_START_MAX_AGE_MS);
    expect(late.status).toBe(201);
    expect((await book(unstamped!)).status).toBe(201);

    const tickets = await t.services.db.query<{ person_id: string }>(
      'SELECT person_id FROM draw_ticket WHERE schedule_id = ?',
      [session.id],
    );
    const [entered] = await t.services.db.query<{ person_id: string }>('SELECT person_id FROM patient WHERE id = ?', [
      seenInWindow!.patientId,
    ]);
    expect(tickets.map((r) => r.person_id)).toEqual([entered!.person_id]);
  });
});
