import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startBffProcess } from '../../../bff/test/support/processes.js';

/** The real BFF entry point in sandbox mode on a fresh SQLite database in a temporary folder. */
export async function startPageTestBff(): Promise<{ url: string; stop(): Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cityhealth-pages-'));
  const bff = await startBffProcess(
    {
      NODE_ENV: 'test',
      DATA_DIR: dataDir,
      SANDBOX_PORT: '0',
      SEED_DEMO: 'true',
      TZ: 'Asia/Shanghai',
      // every page test books from this one address, some filling whole sessions (the waitlist's)
      RATE_BOOKING_PER_IP_MINUTE: '2000',
    },
    { timeoutMs: 60_000 },
  );
  return {
    url: bff.url,
    stop: async () => {
      await bff.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
