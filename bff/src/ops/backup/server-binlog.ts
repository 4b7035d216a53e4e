import type { BinlogPoint } from './manifest.js';
import type { Queryable } from './tables.js';

/** Whether the server writes a binary log (`log_bin`). */
export async function binlogOn(q: Queryable): Promise<boolean> {
  const [row] = await q.query<{ Value: string }>("SHOW VARIABLES LIKE 'log_bin'");
  return row?.Value === 'ON';
}

/** The server's binary log files, oldest first, with their sizes. */
export async function binaryLogs(q: Queryable): Promise<{ file: string; bytes: number }[]> {
  const rows = await q.query<{ Log_name: string; File_size: unknown }>('SHOW BINARY LOGS');
  return rows.map((r) => ({ file: r.Log_name, bytes: Number(r.File_size) }));
}

/** The GTID state at a place in the server's log, if it has the file and GTIDs there. */
export async function gtidAt(q: Queryable, at: Pick<BinlogPoint, 'file' | 'position'>): Promise<string | undefined> {
  const [row] = await q.query<{ gtid: string | null }>('SELECT BINLOG_GTID_POS(?, ?) AS gtid', [at.file, at.position]);
  return row?.gtid || undefined;
}

/** A GTID state's domains in order (`0-1-9,1-2-4`), so that two states compare as strings. */
export function normalGtidState(state: string | undefined): string {
  return (state ?? '')
    .split(',')
    .map((g) => g.trim())
    .filter(Boolean)
    .sort((a, b) => Number(a.split('-')[0]) - Number(b.split('-')[0]))
    .join(',');
}
