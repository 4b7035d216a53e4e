import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { AuditLog } from '../../audit/audit-log.js';
import { loadConfig } from '../../config/config.js';
import { Database } from '../../db/database.js';
import { Pii } from '../../identity/pii.js';
import { systemClock } from '../../shared/clock.js';
import { exportData } from './export-data.js';

/**
 * `npm run export -- --to <folder> [--pii-key-file <file>] [--by <administrator>]`: the hand-over
 * export of the configured database (docs/operations.md). With the key file (the PII_KEY, base64,
 * as the administrator holds it) personal data is written decrypted; either way the export is
 * written to the audit log.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { to: { type: 'string' }, 'pii-key-file': { type: 'string' }, by: { type: 'string' } },
  });
  if (!values.to) throw new Error('--to <folder> is required');
  const config = loadConfig();
  const keyFile = values['pii-key-file'];
  const pii = keyFile ? new Pii(Buffer.from(fs.readFileSync(keyFile, 'utf8').trim(), 'base64')) : undefined;
  const db = await Database.open(config.database, { migrate: false });
  try {
    const dir = path.resolve(values.to);
    const manifest = await exportData(db, dir, { pii });
    await new AuditLog(db, systemClock).record({
      actorType: 'admin',
      actorId: values.by ?? null,
      action: 'data.export',
      targetType: 'database',
      targetId: null,
      detail: {
        personalData: manifest.personalData,
        tables: manifest.tables.length,
        schemaVersion: manifest.schemaVersion,
      },
    });
    process.stdout.write(`${JSON.stringify({ export: dir, ...manifest, files: manifest.files.length }, null, 2)}\n`);
  } finally {
    await db.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
