import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startBffProcess, type BffProcess } from '../../../bff/test/support/processes.js';
import { h5Dir, type Edition } from './editions.js';
import { CONSOLE_DIST } from './paths.js';

/** The draw window of the e2e BFF's drawn sessions (type 'special'). */
export const FAIR_RELEASE_WINDOW_MS = 3000;

export interface E2eBff {
  url: string;
  /** Its DATA_DIR (the sandbox secret material the demo console logins derive from). */
  dataDir: string;
  stop(): Promise<void>;
}

/**
 * The real BFF entry point as its own process, in sandbox mode (the protocol emulators on a free
 * port of their own), on a fresh embedded SQLite database in a temporary folder seeded with the
 * demo hospitals (and the demo console logins), serving the edition's H5 build at `/` and the
 * staff console's build at `/console`. DATABASE_URL is never passed on: the
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
        CONSOLE_DIR: CONSOLE_DIST,
        SANDBOX_PORT: '0',
        SEED_DEMO: 'true',
        // The journeys sign staff in many times a minute from one address.
        RATE_STAFF_LOGIN_PER_IP_MINUTE: '1000',
        // and book whole sessions full from it (the waitlist's journey)
        RATE_BOOKING_PER_IP_MINUTE: '2000',
        // The fair release journey's draw: only 'special' sessions are drawn, and only one it publishes
        // itself releases during a run (the seeded ones were released long before, their windows past).
        FAIR_RELEASE_WINDOW_MS: String(FAIR_RELEASE_WINDOW_MS),
        FAIR_RELEASE_TYPES: 'special',
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
    dataDir,
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

/** Environment variable through which the global set-up hands each edition's BFF data folder to the tests. */
export const bffDataDirVar = (edition: Edition): string => `E2E_BFF_DATA_DIR_${edition.toUpperCase()}`;

export function bffDataDir(edition: Edition): string {
  const dir = process.env[bffDataDirVar(edition)];
  if (!dir) throw new Error(`${bffDataDirVar(edition)} is not set: run the browser tests through their jest config`);
  return dir;
}
