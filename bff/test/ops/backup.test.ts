import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Database, type DatabaseTarget } from '../../src/db/database.js';
import { MIGRATIONS } from '../../src/db/migrations/index.js';
import { findInconsistencies, NO_INCONSISTENCIES } from '../../src/ops/consistency.js';
import { scanValues } from '../../src/ops/backup/dump-rows.js';
import { readVerifiedManifest } from '../../src/ops/backup/manifest.js';
import { restoreBackup } from '../../src/ops/backup/restore-backup.js';
import { takeBackup } from '../../src/ops/backup/take-backup.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/databases.js';
import { createClinic, createPatients, createSession, idemKey } from '../support/fixtures.js';
import { listen, postJson } from '../support/http-client.js';

const execFileAsync = promisify(execFile);
const CLI = 'src/ops/backup/backup-cli.ts';

describe('counting the rows of a dump', () => {
  it('counts tuples, not the parentheses and quotes inside strings, on one line or one per row', () => {
    const line = "INSERT INTO `t` VALUES ('a(b','it\\'s (1)',NULL),('x\\\\',2),(3,'))(('),(4,0x28);";
    expect(scanValues(line, 'INSERT INTO `t` VALUES '.length)).toEqual({ tuples: 4, ended: true });
    expect(scanValues("('b\\'(;',2),", 0)).toEqual({ tuples: 1, ended: false });
    expect(scanValues("('c;',3);", 0)).toEqual({ tuples: 1, ended: true });
  });
});

describe.each(databaseKinds())('a backup taken during a booking storm on %s', (kind) => {
  let t: TestApp;
  let server: { url: string; close(): Promise<void> };
  let restoredInto: TestDatabase;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cityhealth-backup-'));

  beforeAll(async () => {
    t = await startTestApp(kind, { env: { RATE_BOOKING_PER_IP_MINUTE: '100000' } });
    server = await listen(t.handler);
    restoredInto = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await server.close();
    await t.close();
    await restoredInto.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('restores into a fresh database consistent, with the manifest’s counts', async () => {
    const clinic = await createClinic(t.services.db, { now: t.clock.now(), departments: 10 });
    const sessions: { id: string }[] = [];
    for (const departmentId of clinic.departmentIds)
      sessions.push(await createSession(t.services.db, clinic, { now: t.clock.now(), capacity: 40, departmentId }));
    const patients = await createPatients(t.services.db, 600, { now: t.clock.now() });
    const tokens = await Promise.all(patients.map((p) => t.services.tokens.issue(p.accountId)));

    let answered = 0;
    let backup: Promise<Awaited<ReturnType<typeof takeBackup>>> | null = null;
    const storm = Promise.all(
      patients.map(async (p, i) => {
        const r = await postJson(
          `${server.url}/api/v1/orders`,
          { scheduleId: sessions[i % sessions.length]!.id, patientId: p.patientId },
          { authorization: `Bearer ${tokens[i]!.token}`, 'idempotency-key': idemKey() },
        );
        // some change their mind at once: cancellations in the snapshot too
        if (r.status === 201 && i % 7 === 0)
          await postJson(
            `${server.url}/api/v1/orders/${r.body.id}/cancel`,
            {},
            {
              authorization: `Bearer ${tokens[i]!.token}`,
            },
          );
        // the snapshot is taken while the storm goes on
        if (++answered === 100) backup = takeBackup(t.services.db, targetOf(t), dir);
        return r.status;
      }),
    );
    const statuses = await storm;
    const manifest = await backup!;
    // 400 places, and those freed by the cancellations booked again
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThan(400);

    const [final] = await t.services.db.query<{ n: unknown }>('SELECT COUNT(*) AS n FROM booking_order');
    // a snapshot from the middle of the storm: some bookings in it, not all
    expect(manifest.rows.booking_order).toBeGreaterThan(0);
    expect(manifest.rows.booking_order).toBeLessThan(Number(final!.n));
    expect(manifest.schemaVersion).toBe(MIGRATIONS.at(-1)!.name);
    expect(manifest.engine).toBe(kind);
    expect(manifest.binlog).toBeNull();
    await readVerifiedManifest(dir);

    const { db } = await restoreBackup(dir, restoredInto.target);
    try {
      expect(await findInconsistencies(db)).toEqual(NO_INCONSISTENCIES);
      const [restored] = await db.query<{ n: unknown }>('SELECT COUNT(*) AS n FROM booking_order');
      expect(Number(restored!.n)).toBe(manifest.rows.booking_order);
    } finally {
      await db.close();
    }
    // into a database that is not empty: refused, nothing changed
    await expect(restoreBackup(dir, restoredInto.target)).rejects.toThrow(/exists|has tables/);
  }, 60_000);

  it('refuses a damaged backup', async () => {
    const damaged = fs.mkdtempSync(path.join(os.tmpdir(), 'cityhealth-damaged-'));
    try {
      for (const f of fs.readdirSync(dir)) fs.copyFileSync(path.join(dir, f), path.join(damaged, f));
      const data = fs.readdirSync(damaged).find((f) => f !== 'manifest.json')!;
      fs.appendFileSync(path.join(damaged, data), 'x');
      await expect(readVerifiedManifest(damaged)).rejects.toThrow(/damaged/);
    } finally {
      fs.rmSync(damaged, { recursive: true, force: true });
    }
  });
});

/** The database the test app runs on (a fresh one of its own, not the configured default). */
function targetOf(t: TestApp): DatabaseTarget {
  const o = t.services.db.ds.options as { database?: string; url?: string };
  return t.services.db.dialect === 'sqlite'
    ? { kind: 'sqlite', file: String(o.database) }
    : { kind: 'mysql', url: String(o.url), poolSize: 4 };
}

describe('npm run backup / npm run restore', () => {
  it('backs up the configured SQLite database and restores it into a new file, checked', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cityhealth-cli-'));
    try {
      const db = await Database.open({ kind: 'sqlite', file: path.join(dataDir, 'platform.sqlite') });
      const clinic = await createClinic(db, { now: Date.now() });
      await createSession(db, clinic, { now: Date.now(), capacity: 5 });
      await db.close();
      const { DATABASE_URL: _mariadb, ...inherited } = process.env;
      const env = { ...inherited, DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
      const run = (...args: string[]) =>
        execFileAsync(process.execPath, ['--conditions=cityhealth-source', '--import', 'tsx', CLI, ...args], {
          env,
          cwd: path.join(import.meta.dirname, '../..'),
        });
      const backup = JSON.parse((await run('backup', '--to', path.join(dataDir, 'b1'))).stdout);
      expect(backup).toMatchObject({ engine: 'sqlite', rows: { schedule: 1, slot: 5, hospital: 1 } });
      const restored = JSON.parse(
        (await run('restore', '--from', path.join(dataDir, 'b1'), '--into', path.join(dataDir, 'r.sqlite'))).stdout,
      );
      expect(restored.restored).toEqual(backup.rows);
      expect(restored.inconsistencies).toEqual(NO_INCONSISTENCIES);
      // the same folder again: refused, with the reason on standard error
      await expect(run('backup', '--to', path.join(dataDir, 'b1'))).rejects.toMatchObject({
        stderr: expect.stringContaining('is not empty'),
      });
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
