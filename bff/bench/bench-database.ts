import type { DatabaseTarget } from '../src/db/database.js';
import { createTestDatabase } from '../test/support/databases.js';

/** A database of its own for one benchmark run: a fresh MariaDB database (DATABASE_URL), or an SQLite file. */
export async function benchDatabase(): Promise<{ target: DatabaseTarget; url?: string; drop(): Promise<void> }> {
  const db = await createTestDatabase(process.env.DATABASE_URL ? 'mariadb' : 'sqlite');
  return { target: db.target, url: db.target.kind === 'mysql' ? db.target.url : undefined, drop: db.drop };
}
