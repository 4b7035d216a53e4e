import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { Database } from '../src/db/database.js';
import { Pii } from '../src/identity/pii.js';
import { TokenService } from '../src/identity/tokens.js';
import { systemClock } from '../src/shared/clock.js';
import { benchDatabase } from './bench-database.js';
import { fairReleaseBench } from './fair-release.js';

/**
 * `npm run bench:fair`: the fair-release scenario of `npm run bench` alone (the draw off, then on).
 * Options: --slots S (100) --patients P (1000) --fast-share F (0.1) --window-ms W (3000) --spread-ms M (2000)
 *          --workers N (2 on MariaDB, 1 on SQLite)
 */
const { values } = parseArgs({
  options: {
    slots: { type: 'string', default: '100' },
    patients: { type: 'string', default: '1000' },
    'fast-share': { type: 'string', default: '0.1' },
    'window-ms': { type: 'string', default: '3000' },
    'spread-ms': { type: 'string', default: '2000' },
    workers: { type: 'string', default: process.env.DATABASE_URL ? '2' : '1' },
    source: { type: 'boolean', default: false },
  },
});
const BFF_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

async function main() {
  const log = (msg: string) => process.stderr.write(`[bench:fair] ${msg}\n`);
  const benchDb = await benchDatabase();
  const db = await Database.open(benchDb.target);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cityhealth-bench-data-'));
  const secret = crypto.randomBytes(32).toString('hex');
  const piiKey = crypto.randomBytes(32);
  try {
    const env: Record<string, string> = {
      NODE_ENV: 'production',
      APP_MODE: 'sandbox',
      WEB_CONCURRENCY: values.workers!,
      JWT_SECRET: secret,
      PII_KEY: piiKey.toString('base64'),
      SEED_DEMO: 'false',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      TRUSTED_PROXIES: '127.0.0.1,::1,::ffff:127.0.0.1',
      ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
      DB_POOL_SIZE: '24',
      ...benchDb.serverEnv,
    };
    const figures = await fairReleaseBench({
      db,
      tokens: new TokenService(new Uint8Array(Buffer.from(secret, 'utf8')), 6 * 3600_000, systemClock),
      pii: new Pii(piiKey),
      env,
      compiled: fs.existsSync(path.join(BFF_DIR, 'dist', 'main.js')) && !values.source,
      slots: Number(values.slots),
      patients: Number(values.patients),
      fastShare: Number(values['fast-share']),
      windowMs: Number(values['window-ms']),
      spreadMs: Number(values['spread-ms']),
      log,
    });
    process.stdout.write(`${JSON.stringify({ database: benchDb.target.kind, fairRelease: figures }, null, 2)}\n`);
  } finally {
    await db.close();
    await benchDb.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
