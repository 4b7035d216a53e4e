import fs from 'node:fs';
import path from 'node:path';
import type { QueryRunner } from 'typeorm';
import type { Database } from '../../db/database.js';
import type { Pii } from '../../identity/pii.js';
import { describeFile } from '../backup/manifest.js';
import { schemaVersionOf, tablesOf } from '../backup/tables.js';
import { dictionaryMarkdown, dictionaryOf, PERSONAL_CIPHERTEXTS, type TableEntry } from './dictionary.js';

export interface ExportManifest {
  format: 1;
  exportedAt: string;
  schemaVersion: string;
  /** `decrypted` only when an administrator's key was given. */
  personalData: 'encrypted' | 'decrypted';
  tables: { name: string; rows: number }[];
  files: { name: string; bytes: number; sha256: string }[];
}

const PAGE = 2000;

/**
 * The hand-over export (tender 002 §3.2.6): every table as JSON Lines, from one consistent
 * snapshot, with a data dictionary (JSON and Markdown) and a manifest of row counts and SHA-256,
 * so the commission can load the platform's data elsewhere without this code. Personal data stays
 * encrypted unless `pii` (an administrator's key) is given; secrets are never decrypted.
 */
export async function exportData(db: Database, dir: string, o: { pii?: Pii } = {}): Promise<ExportManifest> {
  fs.mkdirSync(dir, { recursive: true });
  if (fs.readdirSync(dir).length) throw new Error(`${dir} is not empty: an export goes into a folder of its own`);
  const runner = db.ds.createQueryRunner();
  await runner.connect();
  try {
    await beginSnapshot(runner, db.dialect);
    const tables = await tablesOf(db);
    const dictionary = dictionaryOf(db, tables);
    const counted: ExportManifest['tables'] = [];
    for (const table of dictionary)
      counted.push({ name: table.name, rows: await exportTable(runner, db, table, dir, o.pii) });
    const schemaVersion = await schemaVersionOf(db);
    await runner.query('COMMIT');
    fs.writeFileSync(path.join(dir, 'dictionary.json'), `${JSON.stringify(dictionary, null, 2)}\n`);
    fs.writeFileSync(path.join(dir, 'DICTIONARY.md'), dictionaryMarkdown(dictionary));
    const files = [];
    for (const name of [...dictionary.map((t) => `${t.name}.jsonl`), 'dictionary.json', 'DICTIONARY.md'])
      files.push(await describeFile(dir, name));
    const manifest: ExportManifest = {
      format: 1,
      exportedAt: new Date().toISOString(),
      schemaVersion,
      personalData: o.pii ? 'decrypted' : 'encrypted',
      tables: counted,
      files,
    };
    fs.writeFileSync(path.join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    return manifest;
  } finally {
    await runner.release();
  }
}

/** One snapshot for every table: InnoDB's consistent read, or one SQLite read transaction. */
async function beginSnapshot(runner: QueryRunner, dialect: Database['dialect']): Promise<void> {
  if (dialect === 'sqlite') {
    await runner.query('BEGIN');
    return;
  }
  await runner.query('SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ');
  await runner.query('START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY');
}

/** Writes a table's rows in primary-key order, a page at a time; answers how many. */
async function exportTable(runner: QueryRunner, db: Database, t: TableEntry, dir: string, pii?: Pii): Promise<number> {
  const q = (name: string) => (db.dialect === 'sqlite' ? `"${name}"` : `\`${name}\``);
  const key = t.primaryKey.length ? t.primaryKey : t.columns.map((c) => c.name);
  const order = key.map(q).join(', ');
  const file = path.join(dir, `${t.name}.jsonl`);
  fs.writeFileSync(file, '');
  const ciphertexts = pii ? Object.entries(PERSONAL_CIPHERTEXTS[t.name] ?? {}) : [];
  let after: unknown[] | null = null;
  let rows = 0;
  for (;;) {
    const where = after ? ` WHERE (${order}) > (${key.map(() => '?').join(', ')})` : '';
    const page = (await runner.query(
      `SELECT * FROM ${q(t.name)}${where} ORDER BY ${order} LIMIT ${PAGE}`,
      after ?? [],
    )) as Record<string, unknown>[];
    if (!page.length) return rows;
    const lines = page.map((row) => {
      for (const [column, { field, as }] of ciphertexts) {
        const stored = row[column];
        delete row[column];
        row[as] =
          typeof stored === 'string' ? decrypted(pii!, field, stored, `${t.name} ${key.map((k) => row[k])}`) : null;
      }
      return JSON.stringify(row);
    });
    fs.appendFileSync(file, `${lines.join('\n')}\n`);
    rows += page.length;
    const last = page.at(-1)!;
    after = key.map((k) => last[k]); // keys are never ciphertexts: still there after decrypting
    if (page.length < PAGE) return rows;
  }
}

function decrypted(pii: Pii, field: 'phone' | 'id-number', stored: string, where: string): string {
  try {
    return pii.decrypt(field, stored);
  } catch {
    throw new Error(`${where}: its ${field} cannot be decrypted with this key (the wrong key, or a damaged value)`);
  }
}
