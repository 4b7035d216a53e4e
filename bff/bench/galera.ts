import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Database } from '../src/db/database.js';
import { Pii } from '../src/identity/pii.js';
import { TokenService } from '../src/identity/tokens.js';
import { findInconsistencies } from '../src/ops/consistency.js';
import { systemClock } from '../src/shared/clock.js';
import { galeraInstalled, startGaleraCluster } from '../test/support/galera-cluster.js';
import { startMariadbNode, type MariadbNode } from '../test/support/mariadb-pair.js';
import { bffEnv, freePort, startBffProcess, type BffProcess } from '../test/support/processes.js';
import { scrapedSum } from '../test/support/prometheus.js';
import { processTreeCpuSeconds } from './cpu-time.js';
import { createPatients, createRelease } from './release-setup.js';
import { percentile, round } from './stats.js';
import { releaseStorm, type StormPatient, type StormResult } from './storm.js';

/**
 * `npm run bench:galera`: the release storm on a single MariaDB primary and on a three-node Galera
 * cluster, side by side, each with two BFF processes: both on the primary; one on each of two
 * Galera nodes; both on one Galera node. Prints bookings/s, latency, CPU per booking of the BFFs
 * and of every mariadbd, the transactions retried, and the consistency check of each.
 */
const { values } = parseArgs({
  options: {
    slots: { type: 'string', default: '10000' },
    patients: { type: 'string', default: '20000' },
    'per-session': { type: 'string', default: '50' },
    concurrency: { type: 'string', default: '64' },
  },
});
const S = Number(values.slots);
const P = Number(values.patients);
const C = Number(values.concurrency);
const log = (msg: string) => process.stderr.write(`[bench:galera] ${msg}\n`);

interface Setup {
  name: string;
  /** The server each of the two BFF processes writes through. */
  writers: [MariadbNode, MariadbNode];
  /** Every mariadbd of the setup, for their CPU time. */
  servers: MariadbNode[];
}

async function stormOn(setup: Setup, database: string) {
  const secret = crypto.randomBytes(32).toString('hex');
  const piiKey = crypto.randomBytes(32);
  const metricsToken = crypto.randomBytes(16).toString('hex');
  await setup.writers[0].query(`CREATE DATABASE ${database} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  const db = await Database.open({ kind: 'mysql', url: setup.writers[0].url(database), poolSize: 8 });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cityhealth-bench-galera-'));
  const bffs: BffProcess[] = [];
  try {
    const release = await createRelease(db, S, Number(values['per-session']), Date.now() - 1000);
    const tokens = new TokenService(new Uint8Array(Buffer.from(secret, 'utf8')), 6 * 3600_000, systemClock);
    const patients: StormPatient[] = await Promise.all(
      (await createPatients(db, P, new Pii(piiKey))).map(async (p) => ({
        patientId: p.patientId,
        token: (await tokens.issue(p.accountId)).token,
      })),
    );
    const metricsPorts: number[] = [];
    for (const writer of setup.writers) {
      const metricsPort = await freePort();
      metricsPorts.push(metricsPort);
      const env = bffEnv(secret, dataDir, {
        NODE_ENV: 'production',
        APP_MODE: 'sandbox',
        PII_KEY: piiKey.toString('base64'),
        DATABASE_URL: writer.url(database),
        DB_POOL_SIZE: '24',
        WEB_CONCURRENCY: '1',
        TRUSTED_PROXIES: '127.0.0.1,::1,::ffff:127.0.0.1',
        ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
        SANDBOX_PORT: String(await freePort()),
        METRICS_PORT: String(metricsPort),
        METRICS_TOKEN: metricsToken,
      });
      bffs.push(await startBffProcess(env, { timeoutMs: 120_000, compiled: fs.existsSync('dist/main.js') }));
    }
    log(`${setup.name}: ${S} slots, ${P} patients, two BFF processes up`);
    const cpu = () => ({
      bff: bffs.reduce((sum, b) => sum + (processTreeCpuSeconds(b.child.pid!) ?? 0), 0),
      mariadb: setup.servers.reduce((sum, s) => sum + (processTreeCpuSeconds(s.pid) ?? 0), 0),
    });
    const before = cpu();
    const half = Math.ceil(patients.length / 2);
    const storms = await Promise.all(
      bffs.map((b, i) =>
        releaseStorm(b.url, patients.slice(i * half, (i + 1) * half), release.scheduleIds, Math.max(1, C / 2)),
      ),
    );
    const after = cpu();
    const storm = combine(storms);
    const check = await Database.open(
      { kind: 'mysql', url: setup.servers.at(-1)!.url(database), poolSize: 4 },
      {
        migrate: false,
      },
    );
    const [sold] = await check.query<{ n: unknown }>('SELECT COUNT(*) AS n FROM booking_order WHERE live = 1');
    const inconsistencies = await findInconsistencies(check);
    await check.close();
    const retries = await scrapedSum(metricsPorts, metricsToken, 'cityhealth_booking_retries_total');
    const perBooking = (seconds: number) => round((seconds * 1000) / storm.created, 3);
    return {
      setup: setup.name,
      sold: Number(sold!.n),
      bookingsPerSecond: round(storm.created / (storm.lastBookingMs / 1000)),
      latencyMs: {
        p50: round(percentile(storm.latenciesMs, 50)),
        p99: round(percentile(storm.latenciesMs, 99)),
      },
      cpuMsPerBooking: { bff: perBooking(after.bff - before.bff), mariadb: perBooking(after.mariadb - before.mariadb) },
      retriedTransactions: retries.reduce((a, b) => a + b, 0),
      refusals: storm.refusals,
      serverErrors: storm.failures,
      ...inconsistencies,
    };
  } finally {
    await Promise.all(bffs.map((b) => b.stop()));
    await db.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Two storms run at once, as one: the last booking of either ends the selling. */
function combine(storms: StormResult[]) {
  const refusals: Record<string, number> = {};
  for (const s of storms)
    for (const [code, n] of Object.entries(s.refusals)) refusals[code] = (refusals[code] ?? 0) + n;
  return {
    created: storms.reduce((sum, s) => sum + s.created, 0),
    lastBookingMs: Math.max(...storms.map((s) => s.lastBookingMs)),
    latenciesMs: storms.flatMap((s) => s.latenciesMs),
    failures: storms.reduce((sum, s) => sum + s.failures, 0),
    refusals,
  };
}

async function main() {
  if (!galeraInstalled()) throw new Error('needs mariadbd, galera-4 and rsync (apt-get install -y galera-4 rsync)');
  const primary = await startMariadbNode({ serverId: 1 });
  const galera = await startGaleraCluster(3, 'cityhealth-bench');
  const [n1, n2] = galera.nodes as [MariadbNode, MariadbNode];
  try {
    const figures = [];
    figures.push(await stormOn({ name: 'single primary', writers: [primary, primary], servers: [primary] }, 'single'));
    figures.push(await stormOn({ name: 'galera, two writing nodes', writers: [n1, n2], servers: galera.nodes }, 'two'));
    figures.push(await stormOn({ name: 'galera, one writing node', writers: [n1, n1], servers: galera.nodes }, 'one'));
    process.stdout.write(`${JSON.stringify({ slots: S, patients: P, concurrency: C, figures }, null, 2)}\n`);
  } finally {
    await galera.stop();
    await primary.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
