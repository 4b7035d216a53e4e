import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';
import type { DatabaseTarget } from '../src/db/database.js';

/** A database of its own for one benchmark run: a fresh MariaDB database, or an SQLite file. */
export async function benchDatabase(): Promise<{ target: DatabaseTarget; url?: string; drop(): Promise<void> }> {
  const tag = `bench_${Date.now()}_${crypto.randomBytes(3).toString('hex')}`;
  if (!process.env.DATABASE_URL) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cityhealth-bench-'));
    return { target: { kind: 'sqlite', file: path.join(dir, `${tag}.sqlite`) }, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const admin = new URL(process.env.DATABASE_URL);
  const c = await mysql.createConnection({ uri: admin.toString() });
  await c.query(`CREATE DATABASE \`${tag}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await c.end();
  const own = new URL(admin);
  own.pathname = `/${tag}`;
  return {
    target: { kind: 'mysql', url: own.toString(), poolSize: 16 },
    url: own.toString(),
    drop: async () => {
      const d = await mysql.createConnection({ uri: admin.toString() });
      await d.query(`DROP DATABASE IF EXISTS \`${tag}\``);
      await d.end();
    },
  };
}
