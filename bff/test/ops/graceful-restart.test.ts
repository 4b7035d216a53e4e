import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Database, type DatabaseTarget } from '../../src/db/database.js';
import { TokenService } from '../../src/identity/tokens.js';
import { systemClock } from '../../src/shared/clock.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { createClinic, createPatients, createSession, idemKey } from '../support/fixtures.js';
import { bffEnv, freePort, startBffProcess, type BffProcess } from '../support/processes.js';

/**
 * Restarts that lose no request: a process told to stop (SIGTERM) answers every request it
 * received and the ones that arrive while it drains; a rolling restart of both workers (SIGHUP to
 * the primary) under a steady load of bookings and reads leaves not one failed answer. Clients
 * keep their connections alive, as the city's gateway and the apps do.
 */
const secret = crypto.randomBytes(32).toString('hex');
const tokens = new TokenService(new Uint8Array(Buffer.from(secret, 'utf8')), 3600_000, systemClock);

interface Tally {
  answers: Map<number, number>;
  /** Requests without an answer (connection reset, socket closed) or answered 5xx. */
  failed: string[];
  /** Requests sent again because the kept-alive connection they went out on was closed under them. */
  retried: number;
}

const newTally = (): Tally => ({ answers: new Map(), failed: [], retried: 0 });

/** A connection closed before any answer: the request may not have been received. */
const closedUnder = (e: unknown) =>
  ['ECONNRESET', 'UND_ERR_SOCKET'].includes(((e as Error).cause as { code?: string } | undefined)?.code ?? '');

/**
 * Sends as browsers, mini-program clients and the gateway do: a request whose kept-alive connection
 * is closed under it before any answer is sent once more (a connection idle at the instant a server
 * closes it cannot be told apart from one it never read). That is safe here because reads are
 * idempotent and every booking carries its Idempotency-Key.
 */
async function send(tally: Tally, url: string, init?: RequestInit, retry = true): Promise<void> {
  try {
    const r = await fetch(url, init);
    await r.arrayBuffer();
    tally.answers.set(r.status, (tally.answers.get(r.status) ?? 0) + 1);
    if (r.status >= 500) tally.failed.push(`${init?.method ?? 'GET'} ${url} → ${r.status}`);
  } catch (e) {
    if (retry && closedUnder(e)) {
      tally.retried++;
      return send(tally, url, init, false);
    }
    tally.failed.push(`${init?.method ?? 'GET'} ${url} → ${(e as Error).cause ?? e}`);
  }
}

const book = (bffUrl: string, scheduleId: string, patientId: string, token: string): RequestInit & { url: string } => ({
  url: `${bffUrl}/api/v1/orders`,
  method: 'POST',
  headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': idemKey() },
  body: JSON.stringify({ scheduleId, patientId }),
});

const env = (dataDir: string, extra: Record<string, string>) =>
  bffEnv(secret, dataDir, { RATE_READ_PER_IP_MINUTE: '1000000', RATE_READ_PER_SESSION_MINUTE: '1000000', ...extra });

async function until(holds: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!holds()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The worker processes of a cluster primary. */
function workersOf(pid: number): number[] {
  const text = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
  return text ? text.split(/\s+/).map(Number) : [];
}

async function setUp(target: DatabaseTarget, patients: number, capacity: number) {
  const db = await Database.open(target);
  const now = Date.now();
  const clinic = await createClinic(db, { now });
  const session = await createSession(db, clinic, { now, capacity });
  const people = await createPatients(db, patients, { now });
  const issued = await Promise.all(people.map((p) => tokens.issue(p.accountId)));
  return { db, session, people: people.map((p, i) => ({ patientId: p.patientId, token: issued[i]!.token })) };
}

describe('a process told to stop (SIGTERM)', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cityhealth-stop-'));
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('answers the bookings under way and those arriving while it drains, then exits 0', async () => {
    const target: DatabaseTarget = { kind: 'sqlite', file: path.join(dataDir, 'platform.sqlite') };
    const { db, session, people } = await setUp(target, 201, 101);
    await db.close();
    const bff = await startBffProcess(
      env(dataDir, { SANDBOX_PORT: String(await freePort()), SHUTDOWN_DRAIN_MS: '3000' }),
    );
    const tally = newTally();
    const bookFor = ({ patientId, token }: { patientId: string; token: string }) => {
      const { url, ...init } = book(bff.url, session.id, patientId, token);
      return send(tally, url, init);
    };
    // The first booking warms the process (a cold one answers its first requests slowly).
    await bookFor(people[0]!);
    const exited = new Promise<number | null>((r) => bff.child.once('exit', (code) => r(code)));
    const first = people.slice(1, 101).map(bookFor);
    bff.child.kill('SIGTERM');
    // Sent after the signal, on the kept-alive connections or new ones: the drain still answers them.
    await new Promise((r) => setTimeout(r, 300));
    const later = people.slice(101).map(bookFor);
    await Promise.all([...first, ...later]);
    expect(await exited).toBe(0);

    expect(tally.failed).toEqual([]);
    expect(tally.retried).toBe(0);
    expect(tally.answers.get(201)).toBe(101);
    expect(tally.answers.get(409)).toBe(100);
    const check = await Database.open(target, { migrate: false });
    const [row] = await check.query<{ n: number }>(
      'SELECT COUNT(*) AS n FROM booking_order WHERE schedule_id = ? AND live = 1',
      [session.id],
    );
    await check.close();
    expect(Number(row!.n)).toBe(101);
  }, 60_000);
});

const onMariaDb = process.env.DATABASE_URL ? describe : describe.skip;

onMariaDb('a rolling restart of both workers (SIGHUP) during a booking storm', () => {
  let testDb: TestDatabase;
  let dataDir: string;
  let bff: BffProcess;

  beforeAll(async () => {
    testDb = await createTestDatabase('mariadb');
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cityhealth-roll-'));
  });
  afterAll(async () => {
    await bff?.stop();
    await testDb.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('loses no request: every booking and read is answered, none 5xx, nothing oversold', async () => {
    const { db, session, people } = await setUp(testDb.target, 3000, 1000);
    const target = testDb.target as { url: string };
    bff = await startBffProcess(
      env(dataDir, {
        DATABASE_URL: target.url,
        DB_POOL_SIZE: '8',
        WEB_CONCURRENCY: '2',
        SANDBOX_PORT: String(await freePort()),
        SHUTDOWN_DRAIN_MS: '1000',
      }),
      { timeoutMs: 60_000 },
    );
    await until(() => workersOf(bff.child.pid!).length === 2, 30_000);
    const before = workersOf(bff.child.pid!);

    const tally = newTally();
    let next = 0;
    let running = true;
    // 24 clients, each booking for the next patient and reading the session in turn.
    const clients = Array.from({ length: 24 }, async () => {
      while (running && tally.failed.length < 100) {
        const p = people[next++ % people.length]!;
        const { url, ...init } = book(bff.url, session.id, p.patientId, p.token);
        await send(tally, url, init);
        await send(tally, `${bff.url}/api/v1/schedules/${session.id}`);
      }
    });
    try {
      await new Promise((r) => setTimeout(r, 1000));
      process.kill(bff.child.pid!, 'SIGHUP');
      await until(() => {
        const now = workersOf(bff.child.pid!);
        return now.length === 2 && now.every((pid) => !before.includes(pid));
      }, 60_000);
      await new Promise((r) => setTimeout(r, 1000));
    } finally {
      running = false;
      await Promise.all(clients);
    }

    const total = [...tally.answers.values()].reduce((a, b) => a + b, 0);
    process.stdout.write(
      `rolling restart under load: ${total} answers (${JSON.stringify(Object.fromEntries(tally.answers))}), ` +
        `${tally.retried} sent again after their kept-alive connection closed under them, ` +
        `${tally.failed.length} failed\n`,
    );
    expect(tally.failed).toEqual([]);
    // At most the connections idle at the instant each old worker stopped: one per client, per worker.
    expect(tally.retried).toBeLessThanOrEqual(2 * 24);
    expect(total).toBeGreaterThan(500);
    const [row] = await db.query<{ n: number; slots: number }>(
      'SELECT COUNT(*) AS n, COUNT(DISTINCT slot_id) AS slots FROM booking_order WHERE schedule_id = ? AND live = 1',
      [session.id],
    );
    expect(Number(row!.n)).toBe(Number(row!.slots));
    expect(Number(row!.n)).toBeLessThanOrEqual(1000);
    expect(Number(row!.n)).toBe(tally.answers.get(201) ?? 0);
    await db.close();
  }, 180_000);
});
