import fs from 'node:fs';
import path from 'node:path';
import type { DatabaseTarget } from '../../db/database.js';
import { serverArgs } from './connection-args.js';
import { copyBinlog } from './copy-binlog.js';
import { snapshotEndPoint } from './end-point.js';
import {
  describeFile,
  endPointOf,
  type IncrementalManifest,
  MANIFEST,
  readManifest,
  sha256Of,
  writeManifest,
} from './manifest.js';
import { binlogOn } from './server-binlog.js';
import { openServerConnection } from './server-connection.js';
import { startOnServer } from './start-point.js';

export const NO_SQLITE_INCREMENTALS = 'SQLite has no incremental backup: take full backups; they are online and cheap';

/**
 * An incremental backup of the configured MariaDB database into `dir`, next to its base (a full
 * backup or the previous incremental): the binary log from the base's end point to now, with a
 * manifest naming the base and both points, and the rows per table at the end point.
 */
export async function takeIncremental(
  target: DatabaseTarget,
  baseDir: string,
  dir: string,
): Promise<IncrementalManifest> {
  if (target.kind === 'sqlite') throw new Error(NO_SQLITE_INCREMENTALS);
  if (path.dirname(baseDir) !== path.dirname(dir))
    throw new Error('an incremental backup goes next to its base (in the same folder): the chain is followed by name');
  if (fs.existsSync(dir) && fs.readdirSync(dir).length)
    throw new Error(`${dir} is not empty: a backup goes into a folder of its own`);
  const base = readManifest(baseDir);
  const baseLink = { folder: path.basename(baseDir), manifestSha256: await sha256Of(path.join(baseDir, MANIFEST)) };
  const { database } = serverArgs(target.url);
  const server = await openServerConnection(target.url);
  try {
    if (!(await binlogOn(server)))
      throw new Error(
        'the server writes no binary log (log_bin is OFF), which incremental backups copy: ' +
          'turn on log_bin (docs/operations.md), then take a full backup as the first base',
      );
    if (base.engine !== 'mariadb') throw new Error(`${baseDir} is a backup of ${base.engine}, not of MariaDB`);
    if (base.database && base.database !== database)
      throw new Error(`${baseDir} is a backup of the database ${base.database}, not of ${database}`);
    const baseEnd = endPointOf(base);
    if (!baseEnd)
      throw new Error(`${baseDir} was taken without binary logging and records no log position to continue from`);
    const start = await startOnServer(server, baseEnd);
    const takenAt = new Date().toISOString();
    const { end, rows, schemaVersion } = await snapshotEndPoint(server);
    fs.mkdirSync(dir, { recursive: true });
    const names = await copyBinlog(target.url, start, end, dir);
    const manifest: IncrementalManifest = {
      format: 2,
      kind: 'incremental',
      takenAt,
      engine: 'mariadb',
      database,
      schemaVersion,
      base: baseLink,
      start,
      end,
      files: await Promise.all(names.map((n) => describeFile(dir, n))),
      rows,
    };
    writeManifest(dir, manifest);
    return manifest;
  } finally {
    await server.end();
  }
}
