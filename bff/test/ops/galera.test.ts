import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Database } from '../../src/db/database.js';
import { TokenService } from '../../src/identity/tokens.js';
import { findInconsistencies, NO_INCONSISTENCIES } from '../../src/ops/consistency.js';
import { systemClock } from '../../src/shared/clock.js';
import { createClinic, createPatients, createSession } from '../support/fixtures.js';
import { galeraInstalled, startGaleraCluster, type GaleraCluster } from '../support/galera-cluster.js';
import { bffEnv, freePort, startBffProcess, type BffProcess } from '../support/processes.js';
import { scrapedSum } from '../support/prometheus.js';

/**
 * The booking core on a three-node Galera cluster: two BFF processes, each writing through a node
 * of its own, book the same sessions at once. A slot claimed on both nodes, or a person's limit
 * counted on both, is a certification conflict that one of them must retry; nothing may be
 * oversold, double-booked or left half-written.
 */
const cluster = process.env.DATABASE_URL && galeraInstalled() ? describe : describe.skip;

const secret = crypto.randomBytes(32).toString('hex');
const tokens = new TokenService(new Uint8Array(Buffer.from(secret, 'utf8')), 3600_000, systemClock);
const MAX_PER_WINDOW = 2;
const ACCOUNTS_PER_PERSON = 4;

cluster('the booking core on a Galera cluster', () => {
  let galera: GaleraCluster;
  const bffs: BffProcess[] = [];
  const metricsPorts: number[] = [];
  const metricsToken = crypto.randomBytes(16).toString('hex');
  let dataDir: string;

  beforeAll(async () => {
    galera = await startGaleraCluster(3);
    await galera.nodes[0]!.query('CREATE DATABASE storm CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci');
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cityhealth-galera-'));
  }, 300_000);
  afterAll(async () => {
    await Promise.all(bffs.map((b) => b.stop()));
    await galera?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }, 120_000);

  it('books across two writing nodes without overselling, double-booking or a person over the limit', async () => {
    const urls = galera.nodes.map((n) => n.url('storm'));
    const db = await Database.open({ kind: 'mysql', url: urls[0]!, poolSize: 4 });
    expect(db.galera).toBe(true);
    const now = Date.now();
    const clinic = await createClinic(db, { now, departments: 6 + ACCOUNTS_PER_PERSON });
    const sessions: { id: string }[] = [];
    for (const departmentId of clinic.departmentIds.slice(0, 6))
      sessions.push(await createSession(db, clinic, { now, capacity: 60, feeFen: 0, departmentId }));
    const roomy: { id: string }[] = [];
    for (const departmentId of clinic.departmentIds.slice(6))
      roomy.push(await createSession(db, clinic, { now, capacity: 100, feeFen: 0, departmentId }));
    // 600 people for 360 slots, each booking one session; and 40 people behind 4 accounts each, all
    // four booking at the same moment (two through each node), each into a department of its own
    // with room to spare, so that only the per-person limit stops them.
    const single = await createPatients(db, 600, { now });
    const shared = await createPatients(db, 40 * ACCOUNTS_PER_PERSON, { now });
    for (let i = 0; i < shared.length; i++) {
      const owner = shared[i - (i % ACCOUNTS_PER_PERSON)]!;
      shared[i]!.personId = owner.personId;
    }
    await db.write(async (tx) => {
      for (let i = 0; i < shared.length; i += ACCOUNTS_PER_PERSON) {
        const group = shared.slice(i, i + ACCOUNTS_PER_PERSON);
        const [hash] = (await tx.query('SELECT id_hash FROM person WHERE id = ?', [group[0]!.personId])) as {
          id_hash: string;
        }[];
        await tx.query(
          `UPDATE patient SET person_id = ?, id_hash = ? WHERE id IN (${group.map(() => '?').join(',')})`,
          [group[0]!.personId, hash!.id_hash, ...group.map((p) => p.patientId)],
        );
      }
    });
    await db.close();

    for (const node of [0, 1]) {
      const metricsPort = await freePort();
      metricsPorts.push(metricsPort);
      const env = bffEnv(secret, dataDir, {
        DATABASE_URL: urls[node]!,
        DB_POOL_SIZE: '8',
        WEB_CONCURRENCY: '1',
        BOOKING_MAX_PER_WINDOW: String(MAX_PER_WINDOW),
        RATE_BOOKING_PER_ACCOUNT_MINUTE: '1000000',
        SANDBOX_PORT: String(await freePort()),
        METRICS_PORT: String(metricsPort),
        METRICS_TOKEN: metricsToken,
      });
      bffs.push(await startBffProcess(env, { timeoutMs: 120_000 }));
    }

    const codes: Record<string, number> = {};
    const personCodes: Record<string, number> = {};
    const book = async (p: { accountId: string; patientId: string }, scheduleId: string, bff: number) => {
      const { token } = await tokens.issue(p.accountId);
      const r = await fetch(`${bffs[bff]!.url}/api/v1/orders`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${token}`,
          'idempotency-key': crypto.randomUUID(),
        },
        body: JSON.stringify({ scheduleId, patientId: p.patientId }),
      });
      const body = (await r.json()) as { error?: { code: string } };
      return r.status === 201 ? 'created' : (body.error?.code ?? String(r.status));
    };
    const count = (into: Record<string, number>, code: string) => (into[code] = (into[code] ?? 0) + 1);
    const started = performance.now();
    let next = 0;
    let nextPerson = 0;
    await Promise.all([
      ...Array.from({ length: 40 }, async () => {
        while (next < single.length) {
          const i = next++;
          count(codes, await book(single[i]!, sessions[i % sessions.length]!.id, i % 2));
        }
      }),
      ...Array.from({ length: 4 }, async () => {
        while (nextPerson * ACCOUNTS_PER_PERSON < shared.length) {
          const first = nextPerson++ * ACCOUNTS_PER_PERSON;
          const accounts = shared.slice(first, first + ACCOUNTS_PER_PERSON);
          const answers = await Promise.all(accounts.map((p, k) => book(p, roomy[k]!.id, k % 2)));
          for (const code of answers) count(personCodes, code);
        }
      }),
    ]);
    const seconds = (performance.now() - started) / 1000;

    const check = await Database.open({ kind: 'mysql', url: urls[2]!, poolSize: 4 }, { migrate: false });
    const inconsistencies = await findInconsistencies(check);
    const overLimit = await check.query<{ person_id: string; n: unknown }>(
      'SELECT person_id, COUNT(*) AS n FROM booking_order WHERE live = 1 GROUP BY person_id HAVING COUNT(*) > ?',
      [MAX_PER_WINDOW],
    );
    const [sold] = await check.query<{ n: unknown }>('SELECT COUNT(*) AS n FROM booking_order WHERE live = 1');
    await check.close();
    const retries = await scrapedSum(metricsPorts, metricsToken, 'cityhealth_booking_retries_total');
    process.stdout.write(
      `galera: ${single.length + shared.length} requests in ${seconds.toFixed(1)} s through 2 nodes; ` +
        `answers ${JSON.stringify(codes)}, to the accounts sharing a person ${JSON.stringify(personCodes)}; ` +
        `${Number(sold!.n)} live bookings; retried transactions per BFF ${retries.join(' / ')}; ` +
        `${JSON.stringify(inconsistencies)}\n`,
    );
    expect(codes).toEqual({ created: 6 * 60, SLOT_GONE: single.length - 6 * 60 });
    expect(personCodes).toEqual({
      created: 40 * MAX_PER_WINDOW,
      BOOKING_LIMIT_REACHED: shared.length - 40 * MAX_PER_WINDOW,
    });
    expect(Number(sold!.n)).toBe(6 * 60 + 40 * MAX_PER_WINDOW);
    expect(overLimit).toEqual([]);
    expect(inconsistencies).toEqual(NO_INCONSISTENCIES);
  }, 600_000);
});
