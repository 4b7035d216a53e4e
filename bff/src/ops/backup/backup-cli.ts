import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../config/config.js';
import { Database, type DatabaseTarget } from '../../db/database.js';
import { findInconsistencies } from '../consistency.js';
import { describeChain, readChain } from './chain.js';
import { restoreBackup } from './restore-backup.js';
import { takeBackup } from './take-backup.js';
import { takeIncremental } from './take-incremental.js';

const USAGE =
  'usage: backup-cli backup [--to <folder>] | backup --incremental --base <folder> [--to <folder>] | ' +
  'backup --verify <folder> | restore --from <folder> [--into <url or file>]';

/**
 * `npm run backup [-- --to <folder>]`: a consistent snapshot of the configured database (SQLite by
 * default, MariaDB with DATABASE_URL) into a new folder (default DATA_DIR/backups/<time>), with its
 * manifest. `npm run backup -- --incremental --base <folder>`: MariaDB's binary log since the base
 * (a full backup or the previous incremental) into a new folder next to it. `npm run backup --
 * --verify <folder>`: checks a backup's files and, for an incremental, its whole chain (after an
 * off-site copy). `npm run restore -- --from <folder> [--into mysql://… | --into <file.sqlite>]`:
 * checks the backup (and chain), restores it into an empty database (default: the configured one),
 * checks the rows against the manifests and the bookings' consistency, and prints both.
 */
async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      to: { type: 'string' },
      from: { type: 'string' },
      into: { type: 'string' },
      incremental: { type: 'boolean' },
      base: { type: 'string' },
      verify: { type: 'string' },
    },
  });
  const config = loadConfig();
  const configured: DatabaseTarget =
    config.database.kind === 'sqlite' ? config.database : { ...config.database, poolSize: 4 };
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const [command] = positionals;
  if (command === 'backup' && values.verify) {
    print({ verified: describeChain(await readChain(path.resolve(values.verify))) });
  } else if (command === 'backup' && values.incremental) {
    if (!values.base) throw new Error('--incremental needs --base <the full or previous incremental backup>');
    const base = path.resolve(values.base);
    const dir = path.resolve(values.to ?? path.join(path.dirname(base), `${stamp}-incremental`));
    print({ backup: dir, ...(await takeIncremental(configured, base, dir)) });
  } else if (command === 'backup') {
    const dir = path.resolve(values.to ?? path.join(config.env.DATA_DIR, 'backups', stamp));
    const db = await Database.open(configured, { migrate: false });
    try {
      print({ backup: dir, ...(await takeBackup(db, configured, dir)) });
    } finally {
      await db.close();
    }
  } else if (command === 'restore') {
    if (!values.from) throw new Error('--from <backup folder> is required');
    await restore(path.resolve(values.from), intoTarget(values.into, configured));
  } else {
    throw new Error(USAGE);
  }
}

function intoTarget(into: string | undefined, configured: DatabaseTarget): DatabaseTarget {
  if (!into) return configured;
  return into.startsWith('mysql://')
    ? { kind: 'mysql', url: into, poolSize: 4 }
    : { kind: 'sqlite', file: path.resolve(into) };
}

async function restore(from: string, into: DatabaseTarget): Promise<void> {
  const { chain, manifest, db } = await restoreBackup(from, into);
  try {
    print({
      chain: describeChain(chain),
      restored: manifest.rows,
      schemaVersion: manifest.schemaVersion,
      inconsistencies: await findInconsistencies(db),
    });
  } finally {
    await db.close();
  }
}

function print(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
