import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type Koa from 'koa';
import supertest from 'supertest';
import { loadConfig, type Config } from '../../src/config/config.js';
import { createApp } from '../../src/http/app.js';
import { createHttpHandler } from '../../src/http/handler.js';
import { sandboxCredentials } from '../../src/sandbox/credentials.js';
import { startSandbox, type RunningSandbox, type SandboxOptions } from '../../src/sandbox/server.js';
import { closeServices, createServices, type Services } from '../../src/services.js';
import { ManualClock } from '../../src/shared/clock.js';
import { createLogger } from '../../src/shared/logger.js';
import { openTestDatabase } from './databases.js';

export interface TestApp {
  services: Services;
  app: Koa;
  /** What the server runs: the fast paths in front of `app`. */
  handler: http.RequestListener;
  http: supertest.Agent;
  clock: ManualClock;
  config: Config;
  /** The protocol emulators of this app (sandbox mode), on their own free port. */
  sandbox: RunningSandbox | null;
  /** Where the app listens when started with `listen` (payment notifies arrive there). */
  url: string | null;
  close(): Promise<void>;
}

export interface TestAppOptions {
  env?: Record<string, string>;
  /** Start of the manual clock (defaults to now). */
  now?: number;
  /** Emulator settings (flow control, quotas) for this app. */
  sandbox?: Partial<Omit<SandboxOptions, 'credentials' | 'clock'>>;
  /** Also serve the app on a loopback port (PUBLIC_BASE_URL points there), for emulator callbacks. */
  listen?: boolean;
  /** The MariaDB server to create the app's database on (default DATABASE_URL's). */
  mariadbServer?: string;
}

/** A BFF on a fresh database of the given kind, driven in-process through supertest. */
export async function startTestApp(kind: 'sqlite' | 'mariadb', options: TestAppOptions = {}): Promise<TestApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cityhealth-data-'));
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    JWT_SECRET: crypto.randomBytes(32).toString('hex'),
    PII_KEY: crypto.randomBytes(32).toString('base64'),
    H5_DIR: path.join(dataDir, 'no-h5'),
    CONSOLE_DIR: path.join(dataDir, 'no-console'),
    // The suites sign staff in by the dozen from one address (a test of the limit sets its own).
    RATE_STAFF_LOGIN_PER_IP_MINUTE: '100000',
    ...options.env,
  };
  let server: http.Server | null = null;
  if (options.listen) {
    server = http.createServer();
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    env.PUBLIC_BASE_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }
  const clock = new ManualClock(options.now ?? Date.now());
  let config = loadConfig(env);
  const sandbox = config.sandbox
    ? await startSandbox({
        // the emulated HIS read their credentials from the app when it listens
        bffUrl: env.PUBLIC_BASE_URL,
        ...options.sandbox,
        port: 0,
        credentials: sandboxCredentials(config),
        clock,
      })
    : null;
  if (sandbox) config = loadConfig({ ...env, SANDBOX_PORT: String(sandbox.port) });
  const { db, dispose } = await openTestDatabase(kind, options.mariadbServer);
  const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
  const services = createServices({ config, db, logger, clock });
  const app = createApp(services);
  const handler = createHttpHandler(services, app);
  server?.on('request', handler);
  return {
    services,
    app,
    handler,
    // the server's own handler: the fast paths in front of Koa, as in production
    http: supertest.agent(handler),
    clock,
    config,
    sandbox,
    url: env.PUBLIC_BASE_URL ?? null,
    close: async () => {
      if (server) {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server!.close(() => resolve()));
      }
      await closeServices(services);
      await sandbox?.close();
      await dispose();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
