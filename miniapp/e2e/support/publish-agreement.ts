import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Edition } from './editions.js';
import { REPO_ROOT } from './paths.js';
import { bffDataDir } from './real-bff.js';

/** The browser tests' BFF runs on SQLite in its DATA_DIR, whatever database this shell points at. */
function sqliteEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { DATABASE_URL: _ignored, ...rest } = env;
  return rest;
}

/**
 * Publishes a new version of an agreement the way the commission does, with the staff command
 * (`npm run staff -w bff -- agreement-publish …`), on the edition's BFF database.
 */
export function publishAgreement(
  edition: Edition,
  a: { kind: 'terms' | 'privacy'; version: string; title: string; body: string },
): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cityhealth-agreement-'));
  try {
    const file = path.join(dir, 'text.txt');
    fs.writeFileSync(file, a.body);
    const bff = path.join(REPO_ROOT, 'bff');
    const r = spawnSync(
      process.execPath,
      [
        '--conditions=cityhealth-source',
        '--import',
        'tsx',
        'src/console/staff-cli.ts',
        'agreement-publish',
        '--kind',
        a.kind,
        '--version',
        a.version,
        '--title',
        a.title,
        '--file',
        file,
      ],
      {
        cwd: bff,
        encoding: 'utf8',
        env: sqliteEnv({ ...process.env, NODE_ENV: 'test', DATA_DIR: bffDataDir(edition), LOG_LEVEL: 'silent' }),
      },
    );
    if (r.status !== 0) throw new Error(`agreement-publish failed: ${r.stderr || r.stdout}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
