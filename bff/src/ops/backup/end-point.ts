import type { BinlogPoint } from './manifest.js';
import { gtidAt } from './server-binlog.js';
import type { ServerConnection } from './server-connection.js';
import { rowCounts, schemaVersionOf, tablesOf } from './tables.js';

/**
 * Where the server's log stands now, read in one consistent InnoDB snapshot together with the rows
 * per table and the schema there: MariaDB reports the log position of such a snapshot
 * (`binlog_snapshot_file/position`), so the counts are exactly those of the database at that point.
 */
export async function snapshotEndPoint(
  server: ServerConnection,
): Promise<{ end: BinlogPoint; rows: Record<string, number>; schemaVersion: string }> {
  await server.query('SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ');
  await server.query('START TRANSACTION WITH CONSISTENT SNAPSHOT');
  let read: { file: string; position: number; rows: Record<string, number>; schemaVersion: string };
  try {
    const status = await server.query<{ Variable_name: string; Value: string }>("SHOW STATUS LIKE 'binlog_snapshot_%'");
    const value = (name: string) => status.find((s) => s.Variable_name.toLowerCase() === name)?.Value;
    read = {
      file: value('binlog_snapshot_file') ?? '',
      position: Number(value('binlog_snapshot_position')),
      rows: await rowCounts(server, await tablesOf(server)),
      schemaVersion: await schemaVersionOf(server),
    };
  } finally {
    await server.query('COMMIT');
  }
  if (!read.file || !Number.isFinite(read.position)) throw new Error('the server reports no binary log position');
  const gtid = await gtidAt(server, read);
  return {
    end: { file: read.file, position: read.position, ...(gtid ? { gtid } : {}) },
    rows: read.rows,
    schemaVersion: read.schemaVersion,
  };
}
