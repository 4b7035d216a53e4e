import fs from 'node:fs';
import path from 'node:path';
import { Database, type DatabaseTarget } from '../../db/database.js';
import { type ChainLink, readChain } from './chain.js';
import { runFromFile } from './client-programs.js';
import { clientArgs } from './connection-args.js';
import { type AnyManifest, type BackupManifest, isIncremental } from './manifest.js';
import { replayIncrement } from './replay-binlog.js';
import { rowCounts, schemaVersionOf, tablesOf } from './tables.js';
import { DUMP_FILE, SQLITE_FILE } from './take-backup.js';

/**
 * Restores a backup into an empty database of the same engine: the full backup, then (when `dir`
 * is an incremental) every increment of its chain in order, after checking every folder's files
 * and links (chain.ts). After each step the rows per table must be the manifest's, and at the end
 * the schema the last one's. Answers the chain and the restored database, open.
 */
export async function restoreBackup(
  dir: string,
  target: DatabaseTarget,
): Promise<{ chain: ChainLink[]; manifest: AnyManifest; db: Database }> {
  const chain = await readChain(dir);
  const [full, ...increments] = chain as [ChainLink & { manifest: BackupManifest }, ...ChainLink[]];
  const last = chain.at(-1)!.manifest;
  const engine = target.kind === 'sqlite' ? 'sqlite' : 'mariadb';
  if (last.engine !== engine) throw new Error(`a ${last.engine} backup cannot be restored into ${engine}`);
  await loadFull(full.dir, target);
  const db = await Database.open(target, { migrate: false });
  try {
    await expectRows(db, full.manifest.rows, full.dir);
    for (const { dir: at, manifest } of increments) {
      if (!isIncremental(manifest) || target.kind !== 'mysql') throw new Error(`${at} is not an increment`);
      await replayIncrement(at, manifest, target.url);
      await expectRows(db, manifest.rows, at);
    }
    const version = await schemaVersionOf(db);
    if (version !== last.schemaVersion)
      throw new Error(`restored schema ${version} is not the manifest's ${last.schemaVersion}`);
    return { chain, manifest: last, db };
  } catch (e) {
    await db.close();
    throw e;
  }
}

async function loadFull(dir: string, target: DatabaseTarget): Promise<void> {
  if (target.kind === 'sqlite') {
    if (fs.existsSync(target.file) && fs.statSync(target.file).size > 0)
      throw new Error(`${target.file} exists: restore into a new file`);
    fs.mkdirSync(path.dirname(target.file), { recursive: true });
    fs.copyFileSync(path.join(dir, SQLITE_FILE), target.file);
    return;
  }
  const empty = await Database.open(target, { migrate: false });
  try {
    if ((await tablesOf(empty)).length) throw new Error('the target database has tables: restore into an empty one');
  } finally {
    await empty.close();
  }
  const { args, env, database } = clientArgs(target.url);
  await runFromFile({ program: 'mariadb', args: [...args, database], env }, path.join(dir, DUMP_FILE));
}

async function expectRows(db: Database, expected: Record<string, number>, dir: string): Promise<void> {
  const counted = await rowCounts(db, await tablesOf(db));
  const differ = [...new Set([...Object.keys(counted), ...Object.keys(expected)])].filter(
    (t) => counted[t] !== expected[t],
  );
  if (differ.length)
    throw new Error(
      `restored rows differ from the manifest of ${path.basename(dir)} in ` +
        `${differ.map((t) => `${t} (${counted[t]} ≠ ${expected[t]})`)}`,
    );
}
