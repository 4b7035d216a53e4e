import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Database } from '../../../src/db/database.js';
import { TokenService } from '../../../src/identity/tokens.js';
import { systemClock } from '../../../src/shared/clock.js';
import { createTestDatabase, type TestDatabase } from '../../support/databases.js';
import { createClinic, createPatients, createSession, idemKey } from '../../support/fixtures.js';
import { eventually } from '../../support/eventually.js';
import { postJson } from '../../support/http-client.js';
import { freePort, startBffProcess, type BffProcess } from '../../support/processes.js';

const onMariaDb = process.env.DATABASE_URL ? describe : describe.skip;

onMariaDb('two BFF processes on one MariaDB', () => {
  let testDb: TestDatabase;
  let db: Database;
  let dataDir: string;
  const bffs: BffProcess[] = [];
  const secret = crypto.randomBytes(32).toString('hex');

  beforeAll(async () => {
    testDb = await createTestDatabase('mariadb');
    db = await Database.open(testDb.target);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cityhealth-mp-'));
    const target = testDb.target as { url: string };
    const env = {
      DATABASE_URL: target.url,
      DB_POOL_SIZE: '16',
      JWT_SECRET: secret,
      PII_KEY: crypto.randomBytes(32).toString('base64'),
      SEED_DEMO: 'false',
      DATA_DIR: dataDir,
      NODE_ENV: 'test',
      RATE_BOOKING_PER_IP_MINUTE: '100000',
    };
    for (let i = 0; i < 2; i++) bffs.push(await startBffProcess({ ...env, SANDBOX_PORT: String(await freePort()) }));
  }, 90_000);

  afterAll(async () => {
    await Promise.all(bffs.map((b) => b.stop()));
    await db.close();
    await testDb.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('never oversells when 300 patients book a 50-slot session through both processes at once', async () => {
    const now = Date.now();
    const clinic = await createClinic(db, { now });
    const s = await createSession(db, clinic, { now, capacity: 50 });
    const patients = await createPatients(db, 300, { now });
    const tokens = new TokenService(new Uint8Array(Buffer.from(secret, 'utf8')), 3600_000, systemClock);
    const issued = await Promise.all(patients.map((p) => tokens.issue(p.accountId)));
    const results = await Promise.all(
      patients.map((p, i) =>
        postJson(
          `${bffs[i % 2]!.url}/api/v1/orders`,
          { scheduleId: s.id, patientId: p.patientId },
          { authorization: `Bearer ${issued[i]!.token}`, 'idempotency-key': idemKey() },
        ),
      ),
    );
    const created = results.filter((r) => r.status === 201);
    expect(created).toHaveLength(50);
    expect(
      results.filter((r) => r.status !== 201).every((r) => r.status === 409 && r.body.error.code === 'SLOT_GONE'),
    ).toBe(true);
    expect(new Set(created.map((r) => r.body.slot.id)).size).toBe(50);
    // both processes took part
    expect(new Set(created.map((r) => results.indexOf(r) % 2)).size).toBe(2);
    const [row] = await db.query<{ n: number; slots: number }>(
      'SELECT COUNT(*) AS n, COUNT(DISTINCT slot_id) AS slots FROM booking_order WHERE schedule_id = ? AND live = 1',
      [s.id],
    );
    expect([Number(row!.n), Number(row!.slots)]).toEqual([50, 50]);
  });

  it('gives slots freed through both processes to the queue while patients book them through both', async () => {
    const now = Date.now();
    const clinic = await createClinic(db, { now });
    const s = await createSession(db, clinic, { now, capacity: 20, feeFen: 0 });
    const tokens = new TokenService(new Uint8Array(Buffer.from(secret, 'utf8')), 3600_000, systemClock);
    const [holders, waiters, direct] = await Promise.all([20, 10, 80].map((n) => createPatients(db, n, { now })));
    const bearer = async (p: { accountId: string }) => ({
      authorization: `Bearer ${(await tokens.issue(p.accountId)).token}`,
    });
    const orders: string[] = [];
    for (const [i, h] of holders!.entries()) {
      const r = await postJson(
        `${bffs[i % 2]!.url}/api/v1/orders`,
        { scheduleId: s.id, patientId: h.patientId },
        {
          ...(await bearer(h)),
          'idempotency-key': idemKey(),
        },
      );
      orders.push(r.body.id);
    }
    for (const [i, w] of waiters!.entries()) {
      const r = await postJson(
        `${bffs[i % 2]!.url}/api/v1/waitlist`,
        { scheduleId: s.id, patientId: w.patientId },
        await bearer(w),
      );
      expect(r.status).toBe(201);
    }
    const results = await Promise.all([
      ...holders!
        .slice(0, 10)
        .map(async (h, i) => postJson(`${bffs[i % 2]!.url}/api/v1/orders/${orders[i]}/cancel`, {}, await bearer(h))),
      ...direct!.map(async (p, i) =>
        postJson(
          `${bffs[i % 2]!.url}/api/v1/orders`,
          { scheduleId: s.id, patientId: p.patientId },
          {
            ...(await bearer(p)),
            'idempotency-key': idemKey(),
          },
        ),
      ),
    ]);
    expect(results.slice(0, 10).map((r) => r.status)).toEqual(Array(10).fill(200));
    expect(new Set(results.slice(10).map((r) => `${r.status} ${r.body.error?.code}`))).toEqual(
      new Set(['409 SLOT_GONE']),
    );

    const served = await eventually(
      () =>
        db.query<{ n: unknown }>(
          "SELECT COUNT(*) AS n FROM waitlist_entry WHERE schedule_id = ? AND status = 'booked'",
          [s.id],
        ),
      (rows) => Number(rows[0]!.n) === 10,
      15_000,
    );
    expect(Number(served[0]!.n)).toBe(10);
    const [live] = await db.query<{ n: unknown; slots: unknown; persons: unknown }>(
      `SELECT COUNT(*) AS n, COUNT(DISTINCT slot_id) AS slots, COUNT(DISTINCT person_id) AS persons FROM booking_order
        WHERE schedule_id = ? AND live = 1`,
      [s.id],
    );
    expect([Number(live!.n), Number(live!.slots), Number(live!.persons)]).toEqual([20, 20, 20]);
    const [schedule] = await db.query<{ free_count: unknown; waiting_count: unknown }>(
      'SELECT free_count, waiting_count FROM schedule WHERE id = ?',
      [s.id],
    );
    expect([Number(schedule!.free_count), Number(schedule!.waiting_count)]).toEqual([0, 0]);
  }, 60_000);
});
