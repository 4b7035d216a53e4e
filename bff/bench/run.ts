import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { Database } from '../src/db/database.js';
import { writeDemoCatalog } from '../src/db/seed/demo-catalog.js';
import { TokenService } from '../src/identity/tokens.js';
import { Pii } from '../src/identity/pii.js';
import { systemClock } from '../src/shared/clock.js';
import { freePort, startBffProcess } from '../test/support/processes.js';
import { benchDatabase } from './bench-database.js';
import { createPatients, createRelease } from './release-setup.js';
import { verifyRelease } from './verify-release.js';
import { percentile, round } from './stats.js';
import { READ_CLIENT_ADDRESSES, readPath } from './read-path.js';
import { buildNotifies, notifyStorm, openPayments } from './payment-notifies.js';
import { loadConfig } from '../src/config/config.js';
import { sandboxCredentials } from '../src/sandbox/credentials.js';
import { releaseStorm } from './storm.js';
import { fairReleaseBench } from './fair-release.js';
import { startHisReceiver } from './his-receiver.js';
import { deliveryLag } from './delivery-lag.js';
import { publishSessions } from './publish-sessions.js';
import { recordsBench } from './records.js';
import { localDatabasePid, processTreeCpuSeconds } from './cpu-time.js';

/**
 * `npm run bench`: prints JSON figures for the release storm (and the read path). Runs on the
 * MariaDB of DATABASE_URL (a database of its own, dropped afterwards) or on SQLite when unset.
 * Options: --slots S --patients P --concurrency C --workers W --per-session N --lanes L --batch-max B
 *          --warm-up N (a release of N slots booked first and not measured: the storm meets a warm server)
 *          --read-seconds N --read-connections N --skip-storm --skip-read
 *          --pay-orders N --skip-pay (payment notifies: N paid orders, each notify with duplicates mixed in)
 *          --skip-publish (a hospital publishing 14 days × 300 sessions in one call)
 *          --skip-records, --records-patients N (200), --his-delay-ms N (100): report lists and rendered images
 *          --storm-draw-window-ms N (0): the main server with fair release on (the storm comes after the window)
 *          --skip-fair, --fair-slots N (100), --fair-patients N (1000): fair release (docs/fair-release.md), the
 *          draw off and on, 10 % of the patients scripts that send at the release time and retry every 20 ms
 * The server runs from the compiled build (npm run build) when present, else (or with --source) from the sources.
 */
const { values } = parseArgs({
  options: {
    slots: { type: 'string', default: process.env.BENCH_SLOTS ?? '50000' },
    patients: { type: 'string', default: process.env.BENCH_PATIENTS ?? '100000' },
    concurrency: { type: 'string', default: process.env.BENCH_CONCURRENCY ?? '256' },
    // SQLite has one writer: one worker there, two (both cores) on MariaDB
    workers: { type: 'string', default: process.env.BENCH_WORKERS ?? (process.env.DATABASE_URL ? '2' : '1') },
    'per-session': { type: 'string', default: '100' },
    source: { type: 'boolean', default: false },
    'read-seconds': { type: 'string', default: '10' },
    'read-connections': { type: 'string', default: '100' },
    'skip-read': { type: 'boolean', default: false },
    'skip-storm': { type: 'boolean', default: false },
    'skip-pay': { type: 'boolean', default: false },
    'skip-publish': { type: 'boolean', default: false },
    'skip-records': { type: 'boolean', default: false },
    'skip-fair': { type: 'boolean', default: false },
    'storm-draw-window-ms': { type: 'string', default: '0' },
    'fair-slots': { type: 'string', default: '100' },
    'fair-patients': { type: 'string', default: '1000' },
    'records-patients': { type: 'string', default: '200' },
    'his-delay-ms': { type: 'string', default: '100' },
    'pay-orders': { type: 'string', default: '5000' },
    'warm-up': { type: 'string', default: '20000' },
    'batch-max': { type: 'string', default: process.env.BOOKING_BATCH_MAX ?? '256' },
    lanes: { type: 'string', default: process.env.BOOKING_LANES ?? '2' },
  },
});
const S = Number(values.slots);
const P = Number(values.patients);
const C = Number(values.concurrency);
const W = Number(values.workers);
const BFF_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

async function main() {
  const log = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);
  const benchDb = await benchDatabase();
  const db = await Database.open(benchDb.target);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cityhealth-bench-data-'));
  const secret = crypto.randomBytes(32).toString('hex');
  const piiKey = crypto.randomBytes(32);
  const pii = new Pii(piiKey);
  let bff: Awaited<ReturnType<typeof startBffProcess>> | undefined;
  let his: Awaited<ReturnType<typeof startHisReceiver>> | undefined;
  try {
    let t = performance.now();
    // The demo catalog (40 hospitals) makes the hospital list a realistic page for the read path.
    await db.write((tx) => writeDemoCatalog(tx, Date.now()));
    const release = await createRelease(db, S, Number(values['per-session']), Date.now() - 1000);
    const patients = await createPatients(db, P, pii);
    const tokens = new TokenService(new Uint8Array(Buffer.from(secret, 'utf8')), 6 * 3600_000, systemClock);
    const stormPatients = await Promise.all(
      patients.map(async (p) => ({ patientId: p.patientId, token: (await tokens.issue(p.accountId)).token })),
    );
    // A server at 08:30 has been serving all morning: its hot code is compiled before the release.
    const warmUpSlots = values['skip-storm'] ? 0 : Number(values['warm-up']);
    const warmUpRelease = warmUpSlots
      ? await createRelease(db, warmUpSlots, Number(values['per-session']), Date.now() - 1000, { code: 'BENCH0003' })
      : null;
    const warmUpPatients = warmUpSlots
      ? await Promise.all(
          (await createPatients(db, warmUpSlots, pii)).map(async (p) => ({
            patientId: p.patientId,
            token: (await tokens.issue(p.accountId)).token,
          })),
        )
      : [];
    const payOrders = values['skip-pay'] ? 0 : Number(values['pay-orders']);
    const payRelease = payOrders
      ? await createRelease(db, payOrders, Number(values['per-session']), Date.now() - 1000, {
          onlinePayment: true,
          code: 'BENCH0002',
        })
      : null;
    const payPatients = payOrders
      ? await Promise.all(
          (await createPatients(db, payOrders, pii)).map(async (p) => ({
            patientId: p.patientId,
            token: (await tokens.issue(p.accountId)).token,
          })),
        )
      : [];
    const recordsCount = values['skip-records'] ? 0 : Number(values['records-patients']);
    const recordsRelease = recordsCount
      ? await createRelease(db, recordsCount, 100, Date.now() - 1000, { code: 'BENCH0004' })
      : null;
    const recordsPatients = recordsCount
      ? await Promise.all(
          (await createPatients(db, recordsCount, pii, { realIds: true })).map(async (p) => ({
            patientId: p.patientId,
            token: (await tokens.issue(p.accountId)).token,
          })),
        )
      : [];
    log(
      `set up ${S} slots in ${release.scheduleIds.length} sessions and ${P} verified patients ` +
        `in ${round((performance.now() - t) / 1000)} s`,
    );

    const env: Record<string, string> = {
      NODE_ENV: 'production',
      APP_MODE: 'sandbox',
      WEB_CONCURRENCY: String(W),
      JWT_SECRET: secret,
      PII_KEY: piiKey.toString('base64'),
      SEED_DEMO: 'false',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      // The load generator plays the city's gateway: clients are named in X-Forwarded-For, and the
      // throttles count them (shared through Redis when REDIS_URL is set, as in production).
      TRUSTED_PROXIES: '127.0.0.1,::1,::ffff:127.0.0.1',
      ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
      BOOKING_BATCH_MAX: values['batch-max']!,
      BOOKING_LANES: values.lanes!,
      DB_POOL_SIZE: '24',
      FAIR_RELEASE_WINDOW_MS: values['storm-draw-window-ms']!,
      SANDBOX_PORT: String(await freePort()),
      ...benchDb.serverEnv,
    };
    const compiled = fs.existsSync(path.join(BFF_DIR, 'dist', 'main.js')) && !values.source;
    bff = await startBffProcess(env, {
      timeoutMs: 60_000,
      compiled,
      nodeArgs: process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean),
    });
    log(
      `BFF (${compiled ? 'compiled' : 'sources'}) up at ${bff.url} with ${W} worker(s); ` +
        `storm: ${P} patients at concurrency ${C}`,
    );

    const figures: Record<string, unknown> = {
      database: benchDb.target.kind === 'mysql' ? 'mariadb' : 'sqlite',
      workers: W,
      lanes: Number(values.lanes),
      batchMax: Number(values['batch-max']),
      stormDrawWindowMs: Number(values['storm-draw-window-ms']),
      // The throttles are on, at their defaults; every storm patient and read client has an address of its own.
      throttles: { sharedThroughRedis: Boolean(process.env.REDIS_URL), readClientAddresses: READ_CLIENT_ADDRESSES },
    };
    // The storm's figure depends on the server's buffer pool holding the working set: print it.
    if (benchDb.target.kind === 'mysql') {
      const [row] = await db.query<{ size: number | string }>('SELECT @@innodb_buffer_pool_size AS size');
      figures.mariadbBufferPoolMiB = Math.round(Number(row!.size) / 2 ** 20);
    }
    // The storm hospital's system takes the pushes (the outbox is on, as in production).
    his = await startHisReceiver();
    const stormHospitalCode = 'BENCH0001';
    await fetch(`${bff.url}/sandbox/hospitals/${stormHospitalCode}/credentials`).then((r) => r.arrayBuffer());
    await db.write((tx) =>
      tx.query('UPDATE hospital SET webhook_url = ? WHERE code = ?', [his!.url, stormHospitalCode]),
    );
    // What is still to deliver: the outbox, the storm hospital's undelivered events, the queued notices.
    const pendingDelivery = async () => {
      const [o] = await db.query<{ n: number }>('SELECT COUNT(*) AS n FROM outbox');
      const [u] = await db.query<{ n: number }>(
        'SELECT COUNT(*) AS n FROM hospital_event WHERE hospital_id = ? AND pending = 1',
        [release.hospitalId],
      );
      const [q] = await db.query<{ n: number }>("SELECT COUNT(*) AS n FROM notice WHERE status = 'queued'");
      return { pushes: Number(o!.n) + Number(u!.n), notices: Number(o!.n) + Number(q!.n) };
    };
    if (warmUpRelease) {
      const warmUp = await releaseStorm(bff.url, warmUpPatients, warmUpRelease.scheduleIds, C);
      // The morning's notices are out before the release: the storm meets an idle sender.
      const drained = await deliveryLag(pendingDelivery);
      figures.warmUp = {
        slots: warmUpSlots,
        booked: warmUp.created,
        serverErrors: warmUp.failures,
        deliveredInSeconds: drained.noticesSeconds === null ? 'not drained' : round(drained.noticesSeconds, 1),
      };
    }
    if (!values['skip-storm']) {
      const dbPid =
        benchDb.target.kind === 'mysql' && /@(127\.0\.0\.1|localhost)[:/]/.test(benchDb.target.url)
          ? localDatabasePid()
          : null;
      const cpuBefore = {
        bff: processTreeCpuSeconds(bff.child.pid!),
        db: dbPid ? processTreeCpuSeconds(dbPid) : null,
        load: process.cpuUsage(),
      };
      t = performance.now();
      const storm = await releaseStorm(bff.url, stormPatients, release.scheduleIds, C);
      const wallMs = performance.now() - t;
      const load = process.cpuUsage(cpuBefore.load);
      const cpuAfter = { bff: processTreeCpuSeconds(bff.child.pid!), db: dbPid ? processTreeCpuSeconds(dbPid) : null };
      const perBooking = (before: number | null, after: number | null) =>
        before === null || after === null ? undefined : round(((after - before) * 1000) / storm.created, 3);
      const check = await verifyRelease(db, release.scheduleIds);
      const sellingMs = storm.lastBookingMs;
      const lag = await deliveryLag(pendingDelivery);
      const [sentNotices] = await db.query<{ n: number }>("SELECT COUNT(*) AS n FROM notice WHERE status = 'sent'");
      const cpuDrained = {
        bff: processTreeCpuSeconds(bff.child.pid!),
        db: dbPid ? processTreeCpuSeconds(dbPid) : null,
      };
      figures.releaseStorm = {
        slots: S,
        patients: P,
        concurrency: C,
        sold: check.sold,
        bookingsPerSecond: round(storm.created / (sellingMs / 1000)),
        secondsToSellOut: round(sellingMs / 1000, 2),
        requests: storm.requests,
        requestsPerSecond: round(storm.requests / (wallMs / 1000)),
        latencyMs: {
          p50: round(percentile(storm.latenciesMs, 50)),
          p90: round(percentile(storm.latenciesMs, 90)),
          p99: round(percentile(storm.latenciesMs, 99)),
          max: round(percentile(storm.latenciesMs, 100)),
        },
        refusals: storm.refusals,
        serverErrors: storm.failures,
        oversold: check.oversold,
        doubleBooked: check.doubleBooked,
        freeCountMismatches: check.freeCountMismatches,
        unsoldWhileDemandRemained: storm.patientsServed < P || storm.patientsGaveUp > 0 ? S - check.sold : 0,
        // After the last booking, until every booking's event was relayed and taken by the hospital's system
        delivery: {
          hospitalEventsTaken: his.received(),
          noticesSent: Number(sentNotices!.n),
          lagSecondsUntilHospitalHasAll: lag.pushesSeconds === null ? 'not drained' : round(lag.pushesSeconds, 2),
          lagSecondsUntilEveryNoticeSent: lag.noticesSeconds === null ? 'not drained' : round(lag.noticesSeconds, 2),
        },
        // CPU time per booking made (user + system), from /proc where the processes are local
        cpuMsPerBooking: {
          bff: perBooking(cpuBefore.bff, cpuAfter.bff),
          mariadb: perBooking(cpuBefore.db, cpuAfter.db),
          loadGenerator: round((load.user + load.system) / 1000 / storm.created, 3),
        },
        // The same, counted until every push and notice of the storm went out (delivery included)
        cpuMsPerBookingDelivered: {
          bff: perBooking(cpuBefore.bff, cpuDrained.bff),
          mariadb: perBooking(cpuBefore.db, cpuDrained.db),
        },
      };
    }
    if (!values['skip-read']) {
      log('read path: hospital list and schedule view, BFF vs bare node:http');
      figures.readPath = await readPath(
        bff.url,
        {
          hospitalList: '/api/v1/hospitals?page=1&pageSize=20',
          scheduleView: `/api/v1/schedules/${release.scheduleIds[0]}`,
        },
        Number(values['read-connections']),
        Number(values['read-seconds']),
      );
    }
    if (!values['skip-publish']) {
      log('publishing: one hospital, 14 days × 300 sessions in one PUT /schedules');
      figures.publishSessions = await publishSessions(bff.url, 'BENCH0001', { days: 14, perDay: 300, capacity: 30 });
    }
    if (recordsRelease) {
      figures.records = await recordsBench(
        {
          bffUrl: bff.url,
          sandboxUrl: `http://127.0.0.1:${env.SANDBOX_PORT}`,
          db,
          hospitalId: recordsRelease.hospitalId,
          hospitalCode: 'BENCH0004',
          scheduleIds: recordsRelease.scheduleIds,
          patients: recordsPatients,
          hisDelayMs: Number(values['his-delay-ms']),
          imageSeconds: 10,
          cpuSeconds: () => processTreeCpuSeconds(bff!.child.pid!) ?? 0,
        },
        log,
      );
    }
    if (payRelease) {
      log(`payment notifies: ${payOrders} unpaid orders with open WeChat Pay trades`);
      const pending = await openPayments(bff.url, db, payRelease.hospitalId, payPatients, payRelease.scheduleIds, 32);
      const creds = sandboxCredentials(loadConfig(env)).wechatPay!;
      const deliveries = buildNotifies(pending, creds, { redelivered: 0.3, replayed: 0.1 });
      figures.paymentNotifies = { concurrency: 64, ...(await notifyStorm(bff.url, db, deliveries, 64)) };
    }
    if (!values['skip-fair']) {
      // servers of its own (draw off, then on): this one stops first, so on SQLite it holds no write lock meanwhile
      await bff.stop();
      bff = undefined;
      figures.fairRelease = await fairReleaseBench({
        db,
        tokens,
        pii,
        env,
        compiled,
        slots: Number(values['fair-slots']),
        patients: Number(values['fair-patients']),
        fastShare: 0.1,
        windowMs: 3000,
        spreadMs: 2000,
        log,
      });
    }
    process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
  } finally {
    await bff?.stop();
    await his?.close();
    await db.close();
    await benchDb.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
