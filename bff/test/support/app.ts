import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Koa from 'koa';
import supertest from 'supertest';
import { loadConfig, type Config } from '../../src/config/config.js';
import { createApp } from '../../src/http/app.js';
import { closeServices, createServices, type Services } from '../../src/services.js';
import { ManualClock } from '../../src/shared/clock.js';
import { createLogger } from '../../src/shared/logger.js';
import { openTestDatabase } from './databases.js';

export interface TestApp {
  services: Services;
  app: Koa;
  http: supertest.Agent;
  clock: ManualClock;
  config: Config;
  close(): Promise<void>;
}

export interface TestAppOptions {
  env?: Record<string, string>;
  /** Start of the manual clock (defaults to now). */
  now?: number;
}

/** A BFF on a fresh database of the given kind, driven in-process through supertest. */
export async function startTestApp(kind: 'sqlite' | 'mariadb', options: TestAppOptions = {}): Promise<TestApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cityhealth-data-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    JWT_SECRET: crypto.randomBytes(32).toString('hex'),
    PII_KEY: crypto.randomBytes(32).toString('base64'),
    H5_DIR: path.join(dataDir, 'no-h5'),
    ...options.env,
  });
  const { db, dispose } = await openTestDatabase(kind);
  const clock = new ManualClock(options.now ?? Date.now());
  const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
  const services = createServices({ config, db, logger, clock });
  const app = createApp(services);
  return {
    services,
    app,
    http: supertest.agent(app.callback()),
    clock,
    config,
    close: async () => {
      await closeServices(services);
      await dispose();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
