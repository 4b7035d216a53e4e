import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import mysql from 'mysql2/promise';
import { Database, type DatabaseTarget } from '../../src/db/database.js';

export interface TestDatabase {
  name: 'sqlite' | 'mariadb';
  target: DatabaseTarget;
  drop(): Promise<void>;
}

/** A fresh, empty database of each kind available: SQLite always, MariaDB when DATABASE_URL is set. */
export function databaseKinds(): ('sqlite' | 'mariadb')[] {
  return process.env.DATABASE_URL ? ['sqlite', 'mariadb'] : ['sqlite'];
}

/** `server`: a MariaDB server's URL (default DATABASE_URL), e.g. a throwaway mariadbd of the test's own. */
export async function createTestDatabase(
  kind: 'sqlite' | 'mariadb',
  server = process.env.DATABASE_URL,
): Promise<TestDatabase> {
  const tag = `t_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
  if (kind === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cityhealth-'));
    return {
      name: kind,
      target: { kind: 'sqlite', file: path.join(dir, `${tag}.sqlite`) },
      drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  }
  const url = new URL(server!);
  const admin = await mysql.createConnection({ uri: url.toString() });
  await admin.query(`CREATE DATABASE \`${tag}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  const own = new URL(url);
  own.pathname = `/${tag}`;
  return {
    name: kind,
    target: { kind: 'mysql', url: own.toString(), poolSize: 16 },
    drop: async () => {
      const c = await mysql.createConnection({ uri: url.toString() });
      await c.query(`DROP DATABASE IF EXISTS \`${tag}\``);
      await c.end();
    },
  };
}

/** Opens a migrated database of the given kind; returns it and a disposer. */
export async function openTestDatabase(
  kind: 'sqlite' | 'mariadb',
  server?: string,
): Promise<{ db: Database; testDb: TestDatabase; dispose(): Promise<void> }> {
  const testDb = await createTestDatabase(kind, server);
  const db = await Database.open(testDb.target);
  return {
    db,
    testDb,
    dispose: async () => {
      await db.close();
      await testDb.drop();
    },
  };
}
