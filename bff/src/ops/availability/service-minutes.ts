import type { Database } from '../../db/database.js';

export const MINUTE_MS = 60_000;

/** One process's answers within one minute (its start, UTC ms). */
export interface MinuteCount {
  minuteStart: number;
  requests: number;
  serverErrors: number;
}

/** Adds the counts to their minutes: every process adds its own, so a minute's row is the platform's. */
export async function addServiceMinutes(db: Database, counts: MinuteCount[]): Promise<void> {
  if (counts.length === 0) return;
  const values = counts.map(() => '(?, ?, ?, 1)').join(', ');
  const add =
    db.dialect === 'mysql'
      ? ` ON DUPLICATE KEY UPDATE requests = requests + VALUES(requests),
          server_errors = server_errors + VALUES(server_errors), reports = reports + 1`
      : ` ON CONFLICT (minute_start) DO UPDATE SET requests = requests + excluded.requests,
          server_errors = server_errors + excluded.server_errors, reports = reports + 1`;
  await db.write((tx) =>
    tx.query(
      `INSERT INTO service_minute (minute_start, requests, server_errors, reports) VALUES ${values}${add}`,
      counts.flatMap((c) => [c.minuteStart, c.requests, c.serverErrors]),
    ),
  );
}
