import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Database, type DatabaseTarget } from '../../db/database.js';
import { clientArgs } from './connection-args.js';
import { type BackupManifest, readVerifiedManifest } from './manifest.js';
import { rowCounts, schemaVersionOf, tablesOf } from './tables.js';
import { DUMP_FILE, SQLITE_FILE } from './take-backup.js';

/**
 * Restores a backup into an empty database of the same engine, after checking its files against
 * the manifest, and checks what was restored against it: the same tables, row counts and schema.
 * Answers the restored database, open.
 */
export async function restoreBackup(
  dir: string,
  target: DatabaseTarget,
): Promise<{ manifest: BackupManifest; db: Database }> {
  const manifest = await readVerifiedManifest(dir);
  const engine = target.kind === 'sqlite' ? 'sqlite' : 'mariadb';
  if (manifest.engine !== engine) throw new Error(`a ${manifest.engine} backup cannot be restored into ${engine}`);
  if (target.kind === 'sqlite') {
    if (fs.existsSync(target.file) && fs.statSync(target.file).size > 0)
      throw new Error(`${target.file} exists: restore into a new file`);
    fs.mkdirSync(path.dirname(target.file), { recursive: true });
    fs.copyFileSync(path.join(dir, SQLITE_FILE), target.file);
  } else {
    const empty = await Database.open(target, { migrate: false });
    try {
      if ((await tablesOf(empty)).length) throw new Error('the target database has tables: restore into an empty one');
    } finally {
      await empty.close();
    }
    const { args, env, database } = clientArgs(target.url);
    await runFromFile('mariadb', [...args, database], env, path.join(dir, DUMP_FILE));
  }
  const db = await Database.open(target, { migrate: false });
  try {
    const counted = await rowCounts(db, await tablesOf(db));
    const differ = [...new Set([...Object.keys(counted), ...Object.keys(manifest.rows)])].filter(
      (t) => counted[t] !== manifest.rows[t],
    );
    if (differ.length)
      throw new Error(
        `restored rows differ from the manifest in ${differ.map((t) => `${t} (${counted[t]} ≠ ${manifest.rows[t]})`)}`,
      );
    const version = await schemaVersionOf(db);
    if (version !== manifest.schemaVersion)
      throw new Error(`restored schema ${version} is not the manifest's ${manifest.schemaVersion}`);
    return { manifest, db };
  } catch (e) {
    await db.close();
    throw e;
  }
}

function runFromFile(program: string, args: string[], env: NodeJS.ProcessEnv, file: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { env, stdio: ['pipe', 'ignore', 'pipe'] });
    let errors = '';
    child.stderr.on('data', (d: Buffer) => {
      errors += d.toString();
    });
    fs.createReadStream(file).pipe(child.stdin);
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`${program} failed (${code}): ${errors.trim()}`)),
    );
  });
}
