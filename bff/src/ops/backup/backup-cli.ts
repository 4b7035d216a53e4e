import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../config/config.js';
import { Database, type DatabaseTarget } from '../../db/database.js';
import { findInconsistencies } from '../consistency.js';
import { restoreBackup } from './restore-backup.js';
import { takeBackup } from './take-backup.js';

/**
 * `npm run backup [-- --to <folder>]`: a consistent snapshot of the configured database (SQLite by
 * default, MariaDB with DATABASE_URL) into a new folder (default DATA_DIR/backups/<time>), with its
 * manifest. `npm run restore -- --from <folder> [--into mysql://… | --into <file.sqlite>]`: checks
 * the backup's files, restores it into an empty database (default: the configured one), checks the
 * rows against the manifest and the bookings' consistency, and prints both.
 */
async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { to: { type: 'string' }, from: { type: 'string' }, into: { type: 'string' } },
  });
  const config = loadConfig();
  const configured: DatabaseTarget =
    config.database.kind === 'sqlite' ? config.database : { ...config.database, poolSize: 4 };
  const [command] = positionals;
  if (command === 'backup') {
    const dir = values.to ?? path.join(config.env.DATA_DIR, 'backups', new Date().toISOString().replace(/[:.]/g, '-'));
    const db = await Database.open(configured, { migrate: false });
    try {
      const manifest = await takeBackup(db, configured, path.resolve(dir));
      print({ backup: path.resolve(dir), ...manifest });
    } finally {
      await db.close();
    }
    return;
  }
  if (command === 'restore') {
    if (!values.from) throw new Error('--from <backup folder> is required');
    const into: DatabaseTarget = !values.into
      ? configured
      : values.into.startsWith('mysql://')
        ? { kind: 'mysql', url: values.into, poolSize: 4 }
        : { kind: 'sqlite', file: path.resolve(values.into) };
    const { manifest, db } = await restoreBackup(path.resolve(values.from), into);
    try {
      print({
        restored: manifest.rows,
        schemaVersion: manifest.schemaVersion,
        inconsistencies: await findInconsistencies(db),
      });
    } finally {
      await db.close();
    }
    return;
  }
  throw new Error('usage: backup-cli backup [--to <folder>] | restore --from <folder> [--into <url or file>]');
}

function print(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
