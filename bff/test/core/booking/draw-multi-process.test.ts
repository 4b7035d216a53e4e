import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Database } from '../../../src/db/database.js';
import { TokenService } from '../../../src/identity/tokens.js';
import { systemClock } from '../../../src/shared/clock.js';
import { createTestDatabase, type TestDatabase } from '../../support/databases.js';
import { createClinic, createPatients, createSession, idemKey } from '../../support/fixtures.js';
import { postJson } from '../../support/http-client.js';
import { bffEnv, freePort, startBffProcess, type BffProcess } from '../../support/processes.js';

const onMariaDb = process.env.DATABASE_URL ? describe : describe.skip;
const WINDOW_MS = 1500;

onMariaDb('one release draw across two BFF processes on one MariaDB', () => {
  let testDb: TestDatabase;
  let db: Database;
  let dataDir: string;
  const bffs: BffProcess[] = [];
  const secret = crypto.randomBytes(32).toString('hex');

  beforeAll(async () => {
    testDb = await createTestDatabase('mariadb');
    db = await Database.open(testDb.target);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cityhealth-draw-'));
    const env = bffEnv(secret, dataDir, {
      DATABASE_URL: (testDb.target as { url: string }).url,
      DB_POOL_SIZE: '8',
      FAIR_RELEASE_WINDOW_MS: String(WINDOW_MS),
    });
    for (let i = 0; i < 2; i++) bffs.push(await startBffProcess({ ...env, SANDBOX_PORT: String(await freePort()) }));
  }, 90_000);

  afterAll(async () => {
    await Promise.all(bffs.map((b) => b.stop()));
    await db.close();
    await testDb.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('admits the window’s requests of both processes to one draw, decided once, never oversold', async () => {
    const now = Date.now();
    const clinic = await createClinic(db, { now });
    const releaseAt = now + 2000;
    const s = await createSession(db, clinic, { now, capacity: 15, releaseAt });
    const patients = await createPatients(db, 60, { now });
    const tokens = new TokenService(new Uint8Array(Buffer.from(secret, 'utf8')), 3600_000, systemClock);
    const issued = await Promise.all(patients.map((p) => tokens.issue(p.accountId)));
    await new Promise((r) => setTimeout(r, releaseAt - Date.now() + 50));
    const results = await Promise.all(
      patients.map((p, i) =>
        postJson(
          `${bffs[i % 2]!.url}/api/v1/orders`,
          { scheduleId: s.id, patientId: p.patientId },
          { authorization: `Bearer ${issued[i]!.token}`, 'idempotency-key': idemKey() },
        ),
      ),
    );
    const answered = Date.now();

    expect(results.filter((r) => r.status === 201)).toHaveLength(15);
    expect(new Set(results.filter((r) => r.status !== 201).map((r) => r.body.error.code))).toEqual(
      new Set(['SLOT_GONE']),
    );
    // nobody was answered before the window closed
    expect(answered).toBeGreaterThanOrEqual(releaseAt + WINDOW_MS);
    const [draw] = await db.query<Record<string, unknown>>('SELECT * FROM release_draw WHERE schedule_id = ?', [s.id]);
    expect([draw!.state, Number(draw!.claims), Number(draw!.entered), Number(draw!.won)]).toEqual([
      'decided',
      1,
      60,
      15,
    ]);
    const [row] = await db.query<{ n: unknown; slots: unknown }>(
      'SELECT COUNT(*) AS n, COUNT(DISTINCT slot_id) AS slots FROM booking_order WHERE schedule_id = ? AND live = 1',
      [s.id],
    );
    expect([Number(row!.n), Number(row!.slots)]).toEqual([15, 15]);
    const [free] = await db.query<{ n: unknown }>('SELECT free_count AS n FROM schedule WHERE id = ?', [s.id]);
    expect(Number(free!.n)).toBe(0);
  }, 30_000);
});
