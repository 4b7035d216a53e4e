import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DatabaseTarget } from '../src/db/database.js';
import { createTestDatabase } from '../test/support/databases.js';

export interface BenchDatabase {
  target: DatabaseTarget;
  /** What the server under test needs to open the same database. */
  serverEnv: Record<string, string>;
  drop(): Promise<void>;
}

/** A database of its own for one benchmark run: a fresh MariaDB database (DATABASE_URL), or an SQLite file. */
export async function benchDatabase(): Promise<BenchDatabase> {
  if (process.env.DATABASE_URL) {
    const db = await createTestDatabase('mariadb');
    return { target: db.target, serverEnv: { DATABASE_URL: (db.target as { url: string }).url }, drop: db.drop };
  }
  // The server's embedded database is DATA_DIR/platform.sqlite: give it this run's folder.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cityhealth-bench-'));
  return {
    target: { kind: 'sqlite', file: path.join(dir, 'platform.sqlite') },
    serverEnv: { DATA_DIR: dir },
    drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
