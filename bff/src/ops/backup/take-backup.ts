import fs from 'node:fs';
import path from 'node:path';
import { Database, type DatabaseTarget } from '../../db/database.js';
import { runToFile } from './client-programs.js';
import { clientArgs } from './connection-args.js';
import { readDump } from './dump-rows.js';
import { gtidAt } from './server-binlog.js';
import { type BackupManifest, describeFile, writeManifest } from './manifest.js';
import { rowCounts, schemaVersionOf, tablesOf } from './tables.js';

export const SQLITE_FILE = 'database.sqlite';

/** The online backup API of better-sqlite3's connection. */
interface SqliteBackupSource {
  backup(destination: string): Promise<unknown>;
}
export const DUMP_FILE = 'dump.sql';

/**
 * A consistent snapshot of the running database into `dir` (new or empty), with its manifest:
 * SQLite through the online backup API on the application's own connection (its writes during
 * the copy reach the copy too), MariaDB through `mariadb-dump --single-transaction` (one InnoDB
 * snapshot, no locks; with binary logging on, the log position of that snapshot is recorded).
 */
export async function takeBackup(db: Database, target: DatabaseTarget, dir: string): Promise<BackupManifest> {
  fs.mkdirSync(dir, { recursive: true });
  if (fs.readdirSync(dir).length) throw new Error(`${dir} is not empty: a backup goes into a folder of its own`);
  const takenAt = new Date().toISOString();
  if (target.kind === 'sqlite') {
    // better-sqlite3's connection under TypeORM's driver
    const connection = (db.ds.driver as unknown as { databaseConnection: SqliteBackupSource }).databaseConnection;
    await connection.backup(path.join(dir, SQLITE_FILE));
    const copy = await Database.open({ kind: 'sqlite', file: path.join(dir, SQLITE_FILE) }, { migrate: false });
    let described: Pick<BackupManifest, 'schemaVersion' | 'rows'>;
    try {
      described = { schemaVersion: await schemaVersionOf(copy), rows: await rowCounts(copy, await tablesOf(copy)) };
    } finally {
      await copy.close(); // only read: the file is as the backup wrote it
    }
    const manifest: BackupManifest = {
      format: 1,
      takenAt,
      engine: 'sqlite',
      ...described,
      files: [await describeFile(dir, SQLITE_FILE)],
      binlog: null,
    };
    writeManifest(dir, manifest);
    return manifest;
  }
  const schemaVersion = await schemaVersionOf(db);
  const [logBin] = await db.query<{ Value: string }>("SHOW VARIABLES LIKE 'log_bin'");
  const { args, env, database } = clientArgs(target.url);
  await runToFile(
    {
      program: 'mariadb-dump',
      args: [
        ...args,
        '--single-transaction',
        '--quick',
        '--hex-blob',
        '--no-tablespaces',
        '--skip-dump-date',
        ...(logBin?.Value === 'ON' ? ['--master-data=2'] : []),
        database,
      ],
      env,
    },
    path.join(dir, DUMP_FILE),
  );
  const { rows, binlog: position } = await readDump(path.join(dir, DUMP_FILE));
  const gtid = position ? await gtidAt(db, position) : undefined;
  const binlog = position && { ...position, ...(gtid ? { gtid } : {}) };
  const manifest: BackupManifest = {
    format: 1,
    takenAt,
    engine: 'mariadb',
    schemaVersion,
    files: [await describeFile(dir, DUMP_FILE)],
    rows,
    binlog,
    database,
  };
  writeManifest(dir, manifest);
  return manifest;
}
