import type { BinlogPoint } from './manifest.js';
import { binaryLogs, gtidAt, normalGtidState } from './server-binlog.js';
import type { Queryable } from './tables.js';

/**
 * Where in this server's log the events after `base` begin. The base's own file and position
 * when the server still has them and (with GTIDs) its GTID state there is the base's: after a
 * failover the promoted standby has logs of the same names holding other offsets, so a name alone
 * proves nothing. Otherwise the place of the base's GTID state in this server's logs. Neither:
 * the events are gone (purged) and no incremental can continue this chain.
 */
export async function startOnServer(server: Queryable, base: BinlogPoint): Promise<BinlogPoint> {
  const logs = await binaryLogs(server);
  const hasPosition = logs.some((l) => l.file === base.file && l.bytes >= base.position);
  if (hasPosition && (!base.gtid || sameState(await gtidAt(server, base), base.gtid))) return base;
  const found = base.gtid ? await placeOfGtidState(server, logs, base.gtid) : null;
  if (found) return found;
  const where = `${base.file}:${base.position}${base.gtid ? `, GTID ${base.gtid}` : ''}`;
  throw new Error(
    `the base's position (${where}) is no longer in the server's binary logs ` +
      `(they begin at ${logs[0]?.file ?? 'nothing'}; purged?): take a new full backup to start a new chain, ` +
      'and keep binary logs longer than the time between backups (binlog_expire_logs_seconds)',
  );
}

const sameState = (a: string | undefined, b: string | undefined) => normalGtidState(a) === normalGtidState(b);

/**
 * The start of the first transaction the GTID state does not hold, if the server's state right
 * there is that one (else transactions in between are gone); or the log's end when it holds all.
 * Reads the events in pages (`SHOW BINLOG EVENTS … LIMIT`), oldest log first.
 */
async function placeOfGtidState(
  server: Queryable,
  logs: { file: string }[],
  state: string,
): Promise<BinlogPoint | null> {
  const held = new Map(
    normalGtidState(state)
      .split(',')
      .filter(Boolean)
      .map((g) => g.split('-').map(Number) as [number, number, number])
      .map(([domain, , seq]) => [domain, seq]),
  );
  const candidateAt = async (at: BinlogPoint) => (sameState(await gtidAt(server, at), state) ? at : null);
  for (const { file } of logs) {
    for (let from = 4; ; ) {
      const events = await server.query<{ Pos: unknown; End_log_pos: unknown; Event_type: string; Info: string }>(
        'SHOW BINLOG EVENTS IN ? FROM ? LIMIT 1000',
        [file, from],
      );
      for (const e of events) {
        const gtid = e.Event_type === 'Gtid' ? /GTID (\d+)-\d+-(\d+)/.exec(e.Info) : null;
        if (gtid && !(Number(gtid[2]) <= (held.get(Number(gtid[1])) ?? -1)))
          return candidateAt({ file, position: Number(e.Pos), gtid: state });
      }
      if (events.length < 1000) break;
      from = Number(events.at(-1)!.End_log_pos);
    }
  }
  const [status] = await server.query<{ File: string; Position: unknown }>('SHOW MASTER STATUS');
  return status ? candidateAt({ file: status.File, position: Number(status.Position), gtid: state }) : null;
}
