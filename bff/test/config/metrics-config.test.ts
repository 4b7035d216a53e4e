import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../src/config/config.js';

/** The metrics' admin listener: off unless asked, this machine only unless a key guards it. */
describe('the metrics settings', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cityhealth-metrics-config-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  const load = (env: Record<string, string>) => loadConfig({ DATA_DIR: dataDir, ...env });
  const token = 'a-scrape-key-of-32-characters-ok';

  it('serves no metrics by default, and binds to loopback when asked', () => {
    expect(load({}).env.METRICS_PORT).toBeUndefined();
    expect(load({ METRICS_PORT: '9464' }).env).toMatchObject({ METRICS_PORT: 9464, METRICS_HOST: '127.0.0.1' });
  });

  it('refuses an admin listener reachable from other machines without a key', () => {
    expect(() => load({ METRICS_PORT: '9464', METRICS_HOST: '0.0.0.0' })).toThrow(ConfigError);
    expect(() => load({ METRICS_PORT: '9464', METRICS_HOST: '0.0.0.0' })).toThrow(/METRICS_TOKEN/);
    expect(load({ METRICS_PORT: '9464', METRICS_HOST: '0.0.0.0', METRICS_TOKEN: token }).env.METRICS_TOKEN).toBe(token);
  });

  it('refuses a short key and reads the readiness thresholds with their defaults', () => {
    expect(() => load({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN/);
    expect(load({}).env).toMatchObject({ READY_HOSPITAL_BACKLOG: 1000, READY_HOSPITAL_LAG_SECONDS: 900 });
    expect(() => load({ READY_HOSPITAL_BACKLOG: '0' })).toThrow(ConfigError);
  });
});
