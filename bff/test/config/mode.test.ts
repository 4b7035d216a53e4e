import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../src/config/config.js';

/**
 * One switch decides the mode, and a sandbox (where `sandbox:<name>`
 * logs anyone in) stays on this machine unless asked for.
 */
describe('the mode switch', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cityhealth-mode-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  const load = (env: Record<string, string>) => loadConfig({ DATA_DIR: dataDir, ...env });

  it('is sandbox on a loopback HOST when nothing is set, as `npm start` runs it', () => {
    expect(load({}).mode).toBe('sandbox');
    expect(load({ HOST: '127.0.0.1' }).sandbox).toBe(true);
    expect(load({ HOST: '::1' }).sandbox).toBe(true);
    expect(load({ HOST: 'localhost' }).sandbox).toBe(true);
  });

  it('refuses to start a sandbox nobody asked for on a public interface, and says how to choose', () => {
    for (const HOST of ['0.0.0.0', '::', '10.1.2.3', 'booking.internal']) {
      expect(() => load({ HOST })).toThrow(ConfigError);
      expect(() => load({ HOST })).toThrow(/APP_MODE=production.*APP_MODE=sandbox/);
    }
    // NODE_ENV alone is no switch for the sandbox on a public interface either.
    expect(() => load({ HOST: '0.0.0.0', NODE_ENV: 'development' })).toThrow(ConfigError);
  });

  it('exposes a sandbox on a public interface only when APP_MODE=sandbox says so', () => {
    expect(load({ HOST: '0.0.0.0', APP_MODE: 'sandbox' })).toMatchObject({ mode: 'sandbox', sandbox: true });
  });

  it('reads TRUSTED_PROXIES as a list of addresses and CIDRs, empty by default, and refuses anything else', () => {
    expect(load({}).trustedProxies).toEqual([]);
    expect(load({ TRUSTED_PROXIES: ' 10.0.0.0/8, 192.168.1.10 ,::1' }).trustedProxies).toEqual([
      '10.0.0.0/8',
      '192.168.1.10',
      '::1',
    ]);
    expect(() => load({ TRUSTED_PROXIES: 'gateway.example' })).toThrow(/TRUSTED_PROXIES/);
    expect(() => load({ TRUSTED_PROXIES: '10.0.0.0/99' })).toThrow(/TRUSTED_PROXIES/);
  });
});
