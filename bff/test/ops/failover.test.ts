import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildNotifies, openPayments, signNotify } from '../../bench/payment-notifies.js';
import { loadConfig } from '../../src/config/config.js';
import { Database } from '../../src/db/database.js';
import { TokenService } from '../../src/identity/tokens.js';
import { findInconsistencies, NO_INCONSISTENCIES } from '../../src/ops/consistency.js';
import { sandboxCredentials } from '../../src/sandbox/credentials.js';
import { systemClock } from '../../src/shared/clock.js';
import { createClinic, createPatients, createSession } from '../support/fixtures.js';
import { mariadbInstalled, promote, startMariadbPair, type MariadbPair } from '../support/mariadb-pair.js';
import { bffEnv, freePort, startBffProcess, type BffProcess } from '../support/processes.js';

/**
 * The failover drill: two BFF workers on a MariaDB primary with a semi-synchronous GTID standby,
 * a booking storm and WeChat Pay notifies under way; the primary crashes, the standby is promoted,
 * and the BFF finds it by itself (DATABASE_STANDBY_URLS), without a restart. Afterwards, on the
 * promoted server: every booking a patient was answered 201 for and every payment the platform
 * acknowledged is there, nothing is oversold or double-booked. The time the platform refused
 * bookings is printed.
 */
const drill = process.env.DATABASE_URL && mariadbInstalled() ? describe : describe.skip;

const secret = crypto.randomBytes(32).toString('hex');
const tokens = new TokenService(new Uint8Array(Buffer.from(secret, 'utf8')), 3600_000, systemClock);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Past this the clients stop sending again, and the drill fails instead of waiting for ever. */
const GIVE_UP_MS = 120_000;

drill('failover of the database primary during a booking storm', () => {
  let pair: MariadbPair;
  let bff: BffProcess | undefined;
  let dataDir: string;

  beforeAll(async () => {
    pair = await startMariadbPair();
    await pair.primary.query('CREATE DATABASE drill CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci');
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cityhealth-drill-'));
  }, 120_000);
  afterAll(async () => {
    await bff?.stop();
    await pair?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }, 120_000);

  it('loses no acknowledged booking or payment, oversells nothing, and prints the time without bookings', async () => {
    const primaryUrl = pair.primary.url('drill');
    const standbyUrl = pair.standby.url('drill');
    // Configured standby first: the BFF still takes the server that takes writes, and reads what may be
    // stale from the standby.
    const db = await Database.open({ kind: 'mysql', url: standbyUrl, poolSize: 4, standbyUrls: [primaryUrl] });
    const serverId = async (read: Promise<{ id: number }[]>) => Number((await read)[0]!.id);
    expect(await serverId(db.query('SELECT @@server_id AS id'))).toBe(1);
    expect(await serverId(db.staleRead('SELECT @@server_id AS id'))).toBe(2);
    const now = Date.now();
    const free = await createClinic(db, { now });
    const storm = await createSession(db, free, { now, capacity: 1000, feeFen: 0 });
    const paying = await createClinic(db, { now, onlinePayment: true });
    const paid = await createSession(db, paying, { now, capacity: 200 });
    const people = await createPatients(db, 1700, { now });
    const issued = await Promise.all(people.map((p) => tokens.issue(p.accountId)));
    const patients = people.map((p, i) => ({ patientId: p.patientId, token: issued[i]!.token }));
    const stormPatients = patients.slice(0, 1500);
    const payPatients = patients.slice(1500);
    await db.close();

    const env = bffEnv(secret, dataDir, {
      DATABASE_URL: primaryUrl,
      DATABASE_STANDBY_URLS: standbyUrl,
      DB_POOL_SIZE: '8',
      WEB_CONCURRENCY: '2',
      // Sent again every 100 ms while the database moves: not a patient hammering the button.
      RATE_BOOKING_PER_ACCOUNT_MINUTE: '1000000',
      SANDBOX_PORT: String(await freePort()),
    });
    bff = await startBffProcess(env, { timeoutMs: 90_000 });
    const progress = (what: string) => process.stdout.write(`[drill ${Math.round(performance.now())}] ${what}\n`);
    progress('BFF up');
    const url = bff.url;

    // Unpaid orders with open WeChat Pay trades, and the notifies WeChat Pay will send for them.
    const setupDb = await Database.open({ kind: 'mysql', url: primaryUrl, poolSize: 4 }, { migrate: false });
    const pending = await openPayments(url, setupDb, paying.hospitalId, payPatients, [paid.id], 16);
    await setupDb.close();
    const creds = sandboxCredentials(loadConfig({ ...process.env, ...env, PORT: '0', HOST: '127.0.0.1' })).wechatPay!;
    const notifies = buildNotifies(pending, creds, { redelivered: 0, replayed: 0 });
    progress(`${pending.length} payments open`);
    const payOrders = new Set(pending.map((p) => p.orderId));
    expect(payOrders.size).toBeGreaterThan(190);

    const started = performance.now();
    const at = () => performance.now() - started;
    const refusedAt: number[] = [];
    const bookedAt: number[] = [];
    const booked = new Map<string, string>();
    const refusedFinally = new Map<string, string>();
    let crashedAt = Number.POSITIVE_INFINITY;

    // Each patient books once, and sends the same request again (same Idempotency-Key) while the
    // platform answers 503, as the app does.
    let nextPatient = 0;
    const bookers = Array.from({ length: 24 }, async () => {
      while (nextPatient < stormPatients.length) {
        const p = stormPatients[nextPatient++]!;
        const key = crypto.randomUUID();
        for (;;) {
          let status = 0;
          let body: { id?: string; error?: { code: string } } = {};
          try {
            const r = await fetch(`${url}/api/v1/orders`, {
              method: 'POST',
              headers: {
                'content-type': 'application/json',
                authorization: `Bearer ${p.token}`,
                'idempotency-key': key,
              },
              body: JSON.stringify({ scheduleId: storm.id, patientId: p.patientId }),
            });
            status = r.status;
            body = (await r.json()) as typeof body;
          } catch {
            status = 0;
          }
          if (status === 201) {
            booked.set(p.patientId, body.id!);
            bookedAt.push(at());
            break;
          }
          if ((status === 0 || status >= 500) && at() < GIVE_UP_MS) {
            refusedAt.push(at());
            await sleep(100);
            continue;
          }
          refusedFinally.set(p.patientId, body.error?.code ?? String(status));
          break;
        }
        await sleep(60);
      }
    });

    // WeChat Pay sends each notify until it is acknowledged (2xx), signed afresh each time.
    const acknowledged = new Set<string>();
    const lastNotifyAnswer = new Map<string, string>();
    let nextNotify = 0;
    const notifiers = Array.from({ length: 4 }, async () => {
      while (nextNotify < notifies.length) {
        const n = notifies[nextNotify++]!;
        for (let attempt = 0; ; attempt++) {
          const ok = await fetch(`${url}/api/v1/payments/notify/wechat`, {
            method: 'POST',
            headers: attempt === 0 ? n.headers : signNotify(n.body, creds),
            body: n.body,
          }).then(
            async (r) => {
              lastNotifyAnswer.set(n.orderId, `${r.status} ${await r.text()}`);
              return r.ok;
            },
            (e: unknown) => {
              lastNotifyAnswer.set(n.orderId, String(e));
              return false;
            },
          );
          if (ok || at() > GIVE_UP_MS) break;
          await sleep(200);
        }
        if (at() <= GIVE_UP_MS) acknowledged.add(n.orderId);
        await sleep(40);
      }
    });

    await sleep(1500);
    await pair.primary.crash();
    crashedAt = at();
    progress(`primary crashed; ${booked.size} booked so far`);
    await promote(pair.standby);
    const promotedAt = at();
    progress('standby promoted');
    const watch = setInterval(
      () => progress(`${booked.size} booked, ${refusedAt.length} refused, ${acknowledged.size} paid`),
      5_000,
    );
    await Promise.all([...bookers, ...notifiers]).finally(() => clearInterval(watch));

    const firstBookingAfter = bookedAt.filter((t) => t > crashedAt).sort((a, b) => a - b)[0];
    const withoutBookingsMs = Math.round((firstBookingAfter ?? Number.NaN) - crashedAt);
    const check = await Database.open({ kind: 'mysql', url: standbyUrl, poolSize: 4 }, { migrate: false });
    const orderIds = [...booked.values()];
    const rows = await check.query<{ id: string }>(
      `SELECT id FROM booking_order WHERE live = 1 AND id IN (${orderIds.map(() => '?').join(',')})`,
      orderIds,
    );
    const lostBookings = orderIds.length - rows.length;
    const paidIds = [...acknowledged];
    const paidRows = await check.query<{ order_id: string }>(
      `SELECT p.order_id FROM payment p JOIN booking_order o ON o.id = p.order_id
        WHERE p.status = 'paid' AND o.status = 'booked' AND p.order_id IN (${paidIds.map(() => '?').join(',')})`,
      paidIds,
    );
    const lostPaid = acknowledged.size - paidRows.length;
    const inconsistencies = await findInconsistencies(check);
    await check.close();

    const figures = [
      `primary crashed at ${Math.round(crashedAt)} ms`,
      `standby promoted ${Math.round(promotedAt - crashedAt)} ms later`,
      `no booking answered for ${withoutBookingsMs} ms after the crash ` +
        `(${Math.round((firstBookingAfter ?? Number.NaN) - promotedAt)} ms after the promotion)`,
      `${refusedAt.length} answers 503 or none, each sent again`,
      `${booked.size} booked, ${refusedFinally.size} refused ${JSON.stringify(countBy([...refusedFinally.values()]))}`,
      `${acknowledged.size} payments acknowledged`,
      `lost: ${lostBookings} bookings, ${lostPaid} paid orders`,
      JSON.stringify(inconsistencies),
    ];
    process.stdout.write(`failover drill: ${figures.join('; ')}\n`);
    expect(booked.size).toBe(1000);
    expect([...refusedFinally.values()].every((c) => c === 'SLOT_GONE')).toBe(true);
    expect(lostBookings).toBe(0);
    expect([...payOrders].filter((id) => !acknowledged.has(id)).map((id) => lastNotifyAnswer.get(id))).toEqual([]);
    expect(lostPaid).toBe(0);
    expect(inconsistencies).toEqual(NO_INCONSISTENCIES);
    expect(Number.isFinite(withoutBookingsMs)).toBe(true);
  }, 300_000);
});

function countBy(values: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}
