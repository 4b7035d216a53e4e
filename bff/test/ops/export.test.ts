import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Database } from '../../src/db/database.js';
import { Pii } from '../../src/identity/pii.js';
import { sha256Of } from '../../src/ops/backup/manifest.js';
import { tablesOf } from '../../src/ops/backup/tables.js';
import { exportData } from '../../src/ops/export/export-data.js';
import { TABLE_DESCRIPTIONS } from '../../src/ops/export/table-descriptions.js';
import { bookThroughApi } from '../support/booking.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/databases.js';
import { createClinic, createPatients, createSession } from '../support/fixtures.js';
import { auth, loginAs, makeIdNumber, makePhone, patientBody } from '../support/identity.js';

describe.each(databaseKinds())('the hand-over export on %s', (kind) => {
  let t: TestApp;
  let exporter: Database;
  const dirs: string[] = [];
  const newDir = () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'cityhealth-export-'));
    dirs.push(d);
    return path.join(d, 'out');
  };

  beforeAll(async () => {
    t = await startTestApp(kind);
    const o = t.services.db.ds.options as { database?: string; url?: string };
    // a connection of its own, as the command has
    exporter = await Database.open(
      kind === 'sqlite'
        ? { kind: 'sqlite', file: String(o.database) }
        : { kind: 'mysql', url: String(o.url), poolSize: 4 },
      { migrate: false },
    );
    const clinic = await createClinic(t.services.db, { now: t.clock.now() });
    const s = await createSession(t.services.db, clinic, { now: t.clock.now(), capacity: 3 });
    for (const p of await createPatients(t.services.db, 2, { now: t.clock.now() })) {
      // the fixtures' rows hold no real ciphertexts: give them some, as registration writes them
      const pii = t.services.identity.pii;
      await t.services.db.write((tx) =>
        tx.query('UPDATE patient SET id_enc = ?, phone_enc = ? WHERE id = ?', [
          pii.encrypt('id-number', makeIdNumber()),
          pii.encrypt('phone', makePhone()),
          p.patientId,
        ]),
      );
      await bookThroughApi(t, p, s.id);
    }
    const { token } = await loginAs(t, 'export-test');
    await t.http
      .post('/api/v1/patients')
      .set(auth(token))
      .send(patientBody({ name: '郑秀兰', phone: '13987654321' }));
  });
  afterAll(async () => {
    await exporter.close();
    await t.close();
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  const readRows = (dir: string, table: string) =>
    fs
      .readFileSync(path.join(dir, `${table}.jsonl`), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>);

  it('writes every table as JSON Lines with a dictionary and checksums, personal data encrypted', async () => {
    const dir = newDir();
    const manifest = await exportData(exporter, dir);
    const tables = await tablesOf(exporter);
    expect(manifest.tables.map((x) => x.name)).toEqual(tables);
    expect(manifest.personalData).toBe('encrypted');
    for (const f of manifest.files) expect(await sha256Of(path.join(dir, f.name))).toBe(f.sha256);
    for (const { name, rows } of manifest.tables) expect(readRows(dir, name)).toHaveLength(rows);
    expect(manifest.tables.find((x) => x.name === 'booking_order')!.rows).toBe(2);

    const patients = readRows(dir, 'patient');
    const mine = patients.find((p) => p.name === '郑秀兰')!;
    expect(String(mine.phone_enc)).toMatch(/^v1\./);
    expect(JSON.stringify(patients)).not.toContain('13987654321');

    const dictionary = JSON.parse(fs.readFileSync(path.join(dir, 'dictionary.json'), 'utf8')) as {
      name: string;
      description: string;
      columns: { name: string; note?: string }[];
    }[];
    // every table is described, and its columns' units named
    expect(dictionary.filter((d) => !d.description).map((d) => d.name)).toEqual([]);
    const order = dictionary.find((d) => d.name === 'booking_order')!;
    expect(order.columns.find((c) => c.name === 'fee_fen')!.note).toMatch(/fen/);
    expect(order.columns.find((c) => c.name === 'created_at')!.note).toMatch(/UTC milliseconds/);
    expect(fs.readFileSync(path.join(dir, 'DICTIONARY.md'), 'utf8')).toContain('## booking_order');
    expect(Object.keys(TABLE_DESCRIPTIONS)).toEqual(expect.arrayContaining(tables));
  });

  it('writes personal data in the clear only with the administrator’s key, never the secrets', async () => {
    const dir = newDir();
    const manifest = await exportData(exporter, dir, { pii: new Pii(t.config.piiKey) });
    expect(manifest.personalData).toBe('decrypted');
    const mine = readRows(dir, 'patient').find((p) => p.name === '郑秀兰')!;
    expect(mine.phone).toBe('13987654321');
    expect(mine).not.toHaveProperty('phone_enc');
    expect(String(mine.id_number)).toMatch(/^\d{17}[\dX]$/);
    expect(readRows(dir, 'account').every((a) => 'phone' in a && !('phone_enc' in a))).toBe(true);
    // a folder already used is refused
    await expect(exportData(exporter, dir)).rejects.toThrow(/not empty/);
  });
});

describe('an export with the wrong key', () => {
  it('stops, naming the row it cannot decrypt, rather than hand over garbage', async () => {
    const t = await startTestApp('sqlite');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cityhealth-export-'));
    try {
      const { token } = await loginAs(t, 'wrong-key');
      await t.http.post('/api/v1/patients').set(auth(token)).send(patientBody());
      const wrong = new Pii(Buffer.alloc(32, 7));
      await expect(exportData(t.services.db, path.join(dir, 'out'), { pii: wrong })).rejects.toThrow(
        /patient .* cannot be decrypted/,
      );
    } finally {
      await t.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
