import { Redis } from 'ioredis';
import { SharedWindowLimiter } from '../../src/throttle/shared-window-limiter.js';
import { ManualClock } from '../../src/shared/clock.js';
import { createLogger } from '../../src/shared/logger.js';
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
import { addDays, shanghaiDate } from '../../src/shared/time.js';

/** Where scalpers scan and book: per-address and per-session throttles, answered 429 with Retry-After in Chinese. */
describe.each(databaseKinds())('throttles on %s', (kind) => {
  let t: TestApp;
  let clinic: Clinic;
  let people: PatientFixture[];
  const tokens: string[] = [];
  beforeAll(async () => {
    t = await startTestApp(kind, {
      env: {
        TRUSTED_PROXIES: '127.0.0.1,::1,::ffff:127.0.0.1',
        RATE_READ_PER_IP_MINUTE: '40',
        RATE_READ_PER_SESSION_MINUTE: '25',
        RATE_SEARCH_PER_IP_MINUTE: '10',
        RATE_BOOKING_PER_IP_MINUTE: '8',
      },
    });
    clinic = await createClinic(t.services.db, { now: t.clock.now() });
    people = await createPatients(t.services.db, 6, { now: t.clock.now() });
    for (const p of people) tokens.push((await t.services.tokens.issue(p.accountId)).token);
  });
  afterAll(async () => t.close());

  const from = (ip: string) => ({ 'X-Forwarded-For': ip });
  const expectThrottled = (r: {
    status: number;
    headers: Record<string, string>;
    body: { error: { code: string; message: string } };
  }) => {
    expect(r.status).toBe(429);
    expect(r.body.error.code).toBe('RATE_LIMITED');
    expect(r.body.error.message).toMatch(/^访问过于频繁，请 \d+ 秒后再试$/);
    expect(Number(r.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(r.headers['retry-after'])).toBeLessThanOrEqual(60);
  };

  it('throttles one address paging catalogue and schedules, on the cached fast path and in Koa, only it', async () => {
    const paths = [
      '/api/v1/hospitals',
      `/api/v1/hospitals/${clinic.hospitalId}`,
      '/api/v1/districts',
      `/api/v1/departments/${clinic.departmentIds[0]}/schedules`,
    ];
    const statuses: number[] = [];
    for (let i = 0; i < 50; i++)
      statuses.push((await t.http.get(paths[i % paths.length]!).set(from('198.51.100.7'))).status);
    expect(statuses.slice(0, 40).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(40).every((s) => s === 429)).toBe(true);
    // The cached hospital list (answered before Koa) and a Koa route both refuse with the same body.
    expectThrottled(await t.http.get('/api/v1/hospitals').set(from('198.51.100.7')));
    expectThrottled(await t.http.get('/api/v1/districts').set(from('198.51.100.7')));
    // Another patient on another address reads on.
    expect((await t.http.get('/api/v1/hospitals').set(from('198.51.100.8'))).status).toBe(200);
  });

  it('throttles search per address on its own, tighter limit', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 14; i++)
      statuses.push(
        (await t.http.get(`/api/v1/search?q=${encodeURIComponent('内科')}`).set(from('198.51.100.20'))).status,
      );
    expect(statuses.slice(0, 10).every((s) => s === 200)).toBe(true);
    expectThrottled(await t.http.get('/api/v1/search?q=x').set(from('198.51.100.20')));
  });

  it('throttles one session spread over many addresses', async () => {
    const auth = { Authorization: `Bearer ${tokens[0]}` };
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++)
      statuses.push(
        (
          await t.http
            .get('/api/v1/hospitals')
            .set(auth)
            .set(from(`203.0.113.${i}`))
        ).status,
      );
    expect(statuses.slice(0, 25).every((s) => s === 200)).toBe(true);
    expectThrottled(await t.http.get('/api/v1/hospitals').set(auth).set(from('203.0.113.99')));
  });

  it('throttles booking attempts from one address across accounts, each account within its own limit', async () => {
    const s = await createSession(t.services.db, clinic, {
      now: t.clock.now(),
      capacity: 20,
      date: addDays(shanghaiDate(t.clock.now()), 2),
    });
    const statuses: number[] = [];
    // Five accounts on one address, two attempts each: the address's limit (8) bites, no account's (30).
    for (let i = 0; i < 10; i++) {
      const who = i % 5;
      const r = await t.http
        .post('/api/v1/orders')
        .set({ Authorization: `Bearer ${tokens[who]}` })
        .set(from('192.0.2.50'))
        .set('Idempotency-Key', idemKey())
        .send({ patientId: people[who]!.patientId, scheduleId: s.id });
      statuses.push(r.status);
      if (r.status === 429) {
        expect(r.body.error).toMatchObject({
          code: 'RATE_LIMITED',
          message: expect.stringMatching(/^当前网络预约操作过于频繁，请 \d+ 秒后再试$/),
        });
        expect(Number(r.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      }
    }
    expect(statuses.slice(0, 8).every((x) => x !== 429)).toBe(true);
    expect(statuses.slice(8)).toEqual([429, 429]);
    // The sixth account, on its own address, books.
    expect(
      (
        await t.http
          .post('/api/v1/orders')
          .set({ Authorization: `Bearer ${tokens[5]}` })
          .set(from('192.0.2.51'))
          .set('Idempotency-Key', idemKey())
          .send({ patientId: people[5]!.patientId, scheduleId: s.id })
      ).status,
    ).toBe(201);
  });

  it('lets the window pass: the same address reads again after it', async () => {
    expect((await t.http.get('/api/v1/hospitals').set(from('198.51.100.7'))).status).toBe(429);
    t.clock.advance(60_000);
    expect((await t.http.get('/api/v1/hospitals').set(from('198.51.100.7'))).status).toBe(200);
  });
});

const redisUrl = process.env.REDIS_URL;
(redisUrl ? describe : describe.skip)('a limit shared between processes through Redis', () => {
  const redis: Redis[] = [];
  afterAll(async () => {
    for (const r of redis) await r.quit();
  });

  it('refuses a client split over two processes once its counts meet in Redis, no round trip per hit', async () => {
    const clock = new ManualClock(Date.now());
    const logger = createLogger('silent');
    const prefix = `test${process.pid}${Math.random().toString(36).slice(2, 8)}`;
    const make = () => {
      const r = new Redis(redisUrl!);
      redis.push(r);
      return new SharedWindowLimiter(
        { name: 'reads', points: 40, windowMs: 60_000 },
        { redis: r, prefix, clock, logger, syncMs: 60_000 },
      );
    };
    const [a, b] = [make(), make()];
    try {
      // Each process alone lets 25 through (under 40): together they are over.
      for (let i = 0; i < 25; i++) {
        expect(a.hit('198.51.100.1').ok).toBe(true);
        expect(b.hit('198.51.100.1').ok).toBe(true);
      }
      // A patient with a few reads is never sent to Redis.
      for (let i = 0; i < 3; i++) expect(a.hit('198.51.100.2').ok).toBe(true);
      await a.sync();
      await b.sync();
      await a.sync();
      expect(a.hit('198.51.100.1')).toMatchObject({ ok: false, retryAfterSeconds: expect.any(Number) });
      expect(b.hit('198.51.100.1').ok).toBe(false);
      expect(a.hit('198.51.100.2').ok).toBe(true);
      const keys = await redis[0]!.keys(`${prefix}:*`);
      expect(keys).toHaveLength(1);
      expect(Number(await redis[0]!.get(keys[0]!))).toBe(50);
    } finally {
      a.close();
      b.close();
      await redis[0]!.del(...(await redis[0]!.keys(`${prefix}:*`)));
    }
  });
});
