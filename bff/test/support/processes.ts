import crypto from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const BFF_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

export interface BffProcess {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Starts the real BFF entry point (src/main.ts) as its own process and waits until it is ready. */
export interface StartOptions {
  timeoutMs?: number;
  nodeArgs?: string[];
  /** Run the compiled build (dist/main.js, production shape) instead of the TypeScript sources. */
  compiled?: boolean;
}

/**
 * What a test's BFF process needs besides its database: the test's JWT secret (so the test issues
 * tokens it accepts), a fresh PII key, its data folder, no demo data, and no per-address booking
 * limit (the test's clients share one address).
 */
export function bffEnv(secret: string, dataDir: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    JWT_SECRET: secret,
    PII_KEY: crypto.randomBytes(32).toString('base64'),
    SEED_DEMO: 'false',
    DATA_DIR: dataDir,
    NODE_ENV: 'test',
    RATE_BOOKING_PER_IP_MINUTE: '1000000',
    ...extra,
  };
}

export async function startBffProcess(env: Record<string, string>, options: StartOptions = {}): Promise<BffProcess> {
  // A cold start under tsx on a busy two-core machine has been seen to take over 30 s.
  const { timeoutMs = 60_000, nodeArgs = [], compiled = false } = options;
  const port = Number(env.PORT ?? (await freePort()));
  const child = spawn(
    process.execPath,
    [
      ...nodeArgs,
      ...(compiled ? ['dist/main.js'] : ['--conditions=cityhealth-source', '--import', 'tsx', 'src/main.ts']),
    ],
    {
      cwd: BFF_DIR,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        LOG_LEVEL: 'warn',
        // Stopped at once unless a test measures the drain itself.
        SHUTDOWN_DRAIN_MS: '0',
        ...env,
        PORT: String(port),
        HOST: '127.0.0.1',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += String(d)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`BFF exited with ${child.exitCode}: ${stderr}`);
    try {
      if ((await fetch(`${url}/readyz`)).ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`BFF not ready after ${timeoutMs} ms: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}
