import { parseArgs } from 'node:util';
import { loadConfig } from '../../config/config.js';
import { Database } from '../../db/database.js';
import { Pii } from '../../identity/pii.js';
import { reencrypt } from './reencrypt.js';

/**
 * `npm run reencrypt -w bff [-- --batch 200 --pause-ms 50]`: rewrites stored personal data to the
 * configured PII_CIPHER while the platform runs (docs/operations.md, 国密). Safe to stop and rerun.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { batch: { type: 'string' }, 'pause-ms': { type: 'string' } } });
  const config = loadConfig();
  const db = await Database.open(config.database, { migrate: false });
  try {
    const pii = new Pii(config.piiKey, config.piiCipher);
    console.log(`re-encrypting to ${pii.version} (PII_CIPHER=${pii.cipher})`);
    const passes = await reencrypt(db, pii, {
      batch: values.batch ? Number(values.batch) : undefined,
      pauseMs: values['pause-ms'] ? Number(values['pause-ms']) : undefined,
      onProgress: (p) =>
        console.log(
          `  ${p.pass}: ${p.scanned} scanned, ${p.rewritten} rewritten, ${p.raced} raced, ${p.unreadable} unreadable`,
        ),
    });
    for (const p of passes)
      console.log(`${p.pass}: ${p.rewritten} of ${p.scanned} rewritten, ${p.raced} raced, ${p.unreadable} unreadable`);
    const left = passes.reduce((n, p) => n + p.raced, 0);
    console.log(left ? `done; ${left} rows changed meanwhile: run again` : 'done');
  } finally {
    await db.close();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
