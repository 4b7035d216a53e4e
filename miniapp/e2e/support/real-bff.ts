import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startBffProcess, type BffProcess } from '../../../bff/test/support/processes.js';
import { h5Dir, type Edition } from './editions.js';

export interface E2eBff {
  url: string;
  stop(): Promise<void>;
}

/**
 * The real BFF entry point as its own process, in sandbox mode (the protocol emulators on a free
 * port of their own), on a fresh embedded SQLite database in a temporary folder seeded with the
 * demo hospitals, serving the edition's H5 build at `/`. DATABASE_URL is never passed on: the
 * browser tests always get a database of their own.
 */
export async function startE2eBff(edition: Edition): Promise<E2eBff> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `cityhealth-e2e-${edition}-`));
  let bff: BffProcess;
  try {
    bff = await startBffProcess(
      {
        NODE_ENV: 'test',
        DATA_DIR: dataDir,
        H5_DIR: h5Dir(edition),
        SANDBOX_PORT: '0',
        SEED_DEMO: 'true',
        TZ: 'Asia/Shanghai',
      },
      { timeoutMs: 60_000 },
    );
  } catch (e) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw e;
  }
  return {
    url: bff.url,
    stop: async () => {
      await bff.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Environment variable through which the global set-up hands each edition's BFF address to the tests. */
export const bffUrlVar = (edition: Edition): string => `E2E_BFF_URL_${edition.toUpperCase()}`;

export function bffUrl(edition: Edition): string {
  const url = process.env[bffUrlVar(edition)];
  if (!url)
    throw new Error(
      `${bffUrlVar(edition)} is not set: run the browser tests through their jest config (global set-up)`,
    );
  return url;
}
