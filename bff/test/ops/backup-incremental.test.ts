import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { buildNotifies, openPayments } from '../../bench/payment-notifies.js';
import { Database } from '../../src/db/database.js';
import { readChain } from '../../src/ops/backup/chain.js';
import {
  type BackupManifest,
  type IncrementalManifest,
  MANIFEST,
  readManifest,
} from '../../src/ops/backup/manifest.js';
import { restoreBackup } from '../../src/ops/backup/restore-backup.js';
import { gtidAt } from '../../src/ops/backup/server-binlog.js';
import { openServerConnection } from '../../src/ops/backup/server-connection.js';
import { startOnServer } from '../../src/ops/backup/start-point.js';
import { takeBackup } from '../../src/ops/backup/take-backup.js';
import { NO_SQLITE_INCREMENTALS, takeIncremental } from '../../src/ops/backup/take-incremental.js';
import { tablesOf } from '../../src/ops/backup/tables.js';
import { findInconsistencies, NO_INCONSISTENCIES } from '../../src/ops/consistency.js';
import { sandboxCredentials } from '../../src/sandbox/credentials.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { type BookingStorm, startBookingStorm } from '../support/booking-storm.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { createClinic, createPatients, createSession } from '../support/fixtures.js';
import { mariadbInstalled, type MariadbNode, startMariadbNode } from '../support/mariadb-pair.js';

const execFileAsync = promisify(execFile);
const installed = mariadbInstalled();
/** The incrementals copy a binary log: the local server has none, so the test starts a mariadbd of its own. */
const suite = installed ? describe : describe.skip;
const skipped = installed ? '' : ' (skipped: no mariadbd and mariadb-install-db here to start a binlogged server)';
const seconds = (since: number) => Math.round(performance.now() - since) / 1000;
const figures: string[] = [];

suite(`incremental backups of MariaDB during a booking storm${skipped}`, () => {
  let node: MariadbNode;
  let t: TestApp;
  let restoredInto: TestDatabase;
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cityhealth-incremental-'));
  const full = path.join(root, '1-full');
  const first = path.join(root, '2-incremental');
  const second = path.join(root, '3-incremental');

  beforeAll(async () => {
    node = await startMariadbNode({ serverId: 1 });
    t = await startTestApp('mariadb', {
      mariadbServer: node.url(),
      listen: true,
      env: { RATE_BOOKING_PER_IP_MINUTE: '1000000', RATE_BOOKING_PER_ACCOUNT_MINUTE: '1000000' },
    });
    restoredInto = await createTestDatabase('mariadb', node.url());
  }, 180_000);
  afterAll(async () => {
    await t?.close();
    await node?.stop();
    fs.rmSync(root, { recursive: true, force: true });
    process.stdout.write(`incremental backups: ${figures.join('; ')}\n`);
  }, 120_000);

  it('restores the full backup and both increments: all acknowledged orders, consistent, counts matching', async () => {
    const db = t.services.db;
    const now = t.clock.now();
    const clinic = await createClinic(db, { now, departments: 8 });
    const sessions: { id: string }[] = [];
    for (const departmentId of clinic.departmentIds)
      sessions.push(await createSession(db, clinic, { now, capacity: 100, departmentId }));
    const paying = await createClinic(db, { now, onlinePayment: true });
    const paid = await createSession(db, paying, { now, capacity: 200 });
    const people = await createPatients(db, 1000, { now });
    const tokens = await Promise.all(people.map((p) => t.services.tokens.issue(p.accountId)));
    const patients = people.map((p, i) => ({ ...p, token: tokens[i]!.token }));
    const payers = patients.slice(880);
    const scheduleIds = sessions.map((s) => s.id);
    const waves: BookingStorm[] = [];
    /** The next patients booking, on 8 connections, while the test goes on. */
    const wave = (from: number, to: number) => {
      waves.push(startBookingStorm(t.url!, patients.slice(from, to), scheduleIds, 8));
      return waves.at(-1)!;
    };
    const target = { kind: 'mysql' as const, url: urlOf(db), poolSize: 4 };

    const a = wave(0, 300);
    await a.reached(100);
    let since = performance.now();
    const fullManifest = await takeBackup(db, target, full);
    figures.push(`full backup ${fullManifest.files[0]!.bytes} bytes in ${seconds(since)} s`);
    expect(fullManifest.binlog?.gtid).toMatch(/^0-1-\d+$/);
    await a.done;

    // Payments: half acknowledged before the first increment, half after.
    const creds = sandboxCredentials(t.config).wechatPay!;
    const pending = await openPayments(t.url!, db, paying.hospitalId, payers, [paid.id], 4);
    const notifies = buildNotifies(pending, creds, { redelivered: 0, replayed: 0 });
    const paidOrders = new Set<string>();
    const pay = async (part: typeof notifies) => {
      for (const n of part) {
        const r = await fetch(`${t.url}/api/v1/payments/notify/wechat`, {
          method: 'POST',
          headers: n.headers,
          body: n.body,
        });
        if (r.ok) paidOrders.add(n.orderId);
      }
    };
    await pay(notifies.slice(0, 60));
    const b = wave(300, 550);
    await b.reached(80);
    since = performance.now();
    const one = await takeIncremental(target, full, first);
    figures.push(`increment 1 (bookings going on): ${describeIncrement(one)} in ${seconds(since)} s`);
    await b.done;

    await pay(notifies.slice(60));
    const c = wave(550, 800);
    await c.reached(60);
    // What the patients and WeChat Pay were told before the second increment was started.
    const before = new Map(waves.flatMap((w) => [...w.acknowledged]));
    const paidBefore = [...paidOrders];
    since = performance.now();
    const two = await backupCli(target.url, ['backup', '--incremental', '--base', first, '--to', second]);
    figures.push(`increment 2 (npm run backup -- --incremental): ${describeIncrement(two)} in ${seconds(since)} s`);
    await c.done;
    // and bookings after the second end point, which the restore must not hold
    const after = wave(800, 880);
    await after.done;

    expect(one).toMatchObject({ base: { folder: '1-full' }, start: fullManifest.binlog });
    expect(two).toMatchObject({ base: { folder: '2-incremental' }, start: one.end });
    const sourceOrders = await countOrders(db);
    expect(sourceOrders).toBeGreaterThan(two.rows.booking_order!);

    since = performance.now();
    const { chain, db: restored } = await restoreBackup(second, restoredInto.target);
    try {
      figures.push(`restore of the chain ${seconds(since)} s`);
      expect(chain.map((l) => path.basename(l.dir))).toEqual(['1-full', '2-incremental', '3-incremental']);
      expect(await findInconsistencies(restored)).toEqual(NO_INCONSISTENCIES);
      const rows = await restored.query<{ id: string; status: string }>('SELECT id, status FROM booking_order');
      const status = new Map(rows.map((r) => [r.id, r.status]));
      expect([...before.keys()].filter((id) => !status.has(id))).toEqual([]);
      expect([...before].filter(([id, s]) => s === 'cancelled' && status.get(id) !== 'cancelled')).toEqual([]);
      expect([...after.acknowledged.keys()].filter((id) => status.has(id))).toEqual([]);
      const payments = await restored.query<{ order_id: string }>("SELECT order_id FROM payment WHERE status = 'paid'");
      const paidRestored = new Set(payments.map((p) => p.order_id));
      expect(paidBefore.filter((id) => !paidRestored.has(id))).toEqual([]);
      expect(rows.length).toBe(two.rows.booking_order);
      figures.push(
        `${fullManifest.rows.booking_order} orders in the full backup, ${one.rows.booking_order} at increment 1, ` +
          `${two.rows.booking_order} at increment 2 (${before.size} acknowledged before it, all restored; ` +
          `${paidBefore.length} payments acknowledged, all paid), ${sourceOrders} in the source at the end`,
      );
    } finally {
      await restored.close();
    }

    const verified = await backupCli(target.url, ['backup', '--verify', second]);
    expect(verified.verified.map((v: { kind: string }) => v.kind)).toEqual(['full', 'incremental', 'incremental']);
  }, 300_000);

  it('finds the base by its GTID when the file names are not this server’s (after a failover)', async () => {
    const one = readManifest(first) as IncrementalManifest;
    const server = await openServerConnection(urlOf(t.services.db));
    try {
      const found = await startOnServer(server, { file: 'binlog.000999', position: 4, gtid: one.end.gtid });
      expect(await gtidAt(server, found)).toBe(one.end.gtid);
    } finally {
      await server.end();
    }
  });

  it('refuses a chain with a damaged file, a missing link or a replaced base, before touching the target', async () => {
    const copy = (to: string) => {
      for (const f of ['1-full', '2-incremental', '3-incremental'])
        fs.cpSync(path.join(root, f), path.join(to, f), { recursive: true });
      return to;
    };
    const scratch = (name: string) => copy(fs.mkdtempSync(path.join(root, `${name}-`)));

    const damaged = scratch('damaged');
    const log = (readManifest(path.join(damaged, '2-incremental')) as IncrementalManifest).files[0]!.name;
    const file = path.join(damaged, '2-incremental', log);
    const bytes = fs.readFileSync(file);
    bytes[bytes.length >> 1] = bytes[bytes.length >> 1]! ^ 0xff;
    fs.writeFileSync(file, bytes);
    await expect(readChain(path.join(damaged, '3-incremental'))).rejects.toThrow(
      `${log} in ${path.join(damaged, '2-incremental')} does not match the manifest (size or SHA-256): ` +
        'the backup is damaged',
    );
    const untouched = await createTestDatabase('mariadb', node.url());
    try {
      await expect(restoreBackup(path.join(damaged, '3-incremental'), untouched.target)).rejects.toThrow(/damaged/);
      const check = await Database.open(untouched.target, { migrate: false });
      expect(await tablesOf(check)).toEqual([]);
      await check.close();
    } finally {
      await untouched.drop();
    }

    const missing = scratch('missing');
    fs.rmSync(path.join(missing, '2-incremental'), { recursive: true });
    await expect(readChain(path.join(missing, '3-incremental'))).rejects.toThrow(
      'the chain is broken: 3-incremental continues 2-incremental, which is not next to it',
    );

    const replaced = scratch('replaced');
    const manifest = readManifest(path.join(replaced, '1-full')) as BackupManifest;
    fs.writeFileSync(path.join(replaced, '1-full', MANIFEST), JSON.stringify({ ...manifest, takenAt: 'another' }));
    await expect(readChain(path.join(replaced, '2-incremental'))).rejects.toThrow(
      'the chain is broken: 1-full/manifest.json is not the one 2-incremental was taken on (SHA-256 differs)',
    );
  }, 60_000);

  it('refuses SQLite, a server without binary log, and a base whose log is purged', async () => {
    const sqlite = { kind: 'sqlite' as const, file: path.join(root, 'x.sqlite') };
    await expect(takeIncremental(sqlite, full, path.join(root, 'never'))).rejects.toThrow(NO_SQLITE_INCREMENTALS);

    if (process.env.DATABASE_URL) {
      // The configured server runs without a binary log.
      const plain = await createTestDatabase('mariadb');
      try {
        await expect(takeIncremental(plain.target, full, path.join(root, 'plain'))).rejects.toThrow(
          'the server writes no binary log (log_bin is OFF)',
        );
      } finally {
        await plain.drop();
      }
    }

    await node.query('FLUSH BINARY LOGS');
    const [current] = await node.query<{ File: string }>('SHOW MASTER STATUS');
    // A log a binlog dump (the last increment's reader) still has open is kept by PURGE, with a
    // warning only: purge again until the dump has gone.
    for (let tries = 0; ; tries++) {
      await node.query(`PURGE BINARY LOGS TO '${current!.File}'`);
      const [oldest] = await node.query<{ Log_name: string }>('SHOW BINARY LOGS');
      if (oldest?.Log_name === current!.File || tries >= 50) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    await expect(takeIncremental(targetOf(t), full, path.join(root, 'too-late'))).rejects.toThrow(
      /the base's position \(binlog\.\d+:\d+, GTID 0-1-\d+\) is no longer in the server's binary logs/,
    );
    expect(fs.existsSync(path.join(root, 'too-late'))).toBe(false);
  }, 60_000);
});

function urlOf(db: Database): string {
  return String((db.ds.options as { url?: string }).url);
}

function targetOf(t: TestApp) {
  return { kind: 'mysql' as const, url: urlOf(t.services.db), poolSize: 4 };
}

async function countOrders(db: Database): Promise<number> {
  return Number((await db.query<{ n: unknown }>('SELECT COUNT(*) AS n FROM booking_order'))[0]!.n);
}

function describeIncrement(m: IncrementalManifest): string {
  const bytes = m.files.reduce((sum, f) => sum + f.bytes, 0);
  return `${m.files.length} log file(s), ${bytes} bytes, ${m.start.gtid} → ${m.end.gtid}`;
}

/** `npm run backup -- …` as an operator runs it, on the given database; answers its printed JSON. */
async function backupCli(url: string, args: string[]) {
  const { stdout } = await execFileAsync(
    process.execPath,
    ['--conditions=cityhealth-source', '--import', 'tsx', 'src/ops/backup/backup-cli.ts', ...args],
    { cwd: path.join(import.meta.dirname, '../..'), env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'silent' } },
  );
  return JSON.parse(stdout);
}
