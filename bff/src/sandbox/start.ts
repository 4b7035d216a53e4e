import { loadConfig, type Config } from '../config/config.js';
import type { Logger } from '../shared/logger.js';
import { sandboxCredentials } from './credentials.js';
import { startSandbox } from './server.js';

/**
 * Starts the emulators for a sandbox configuration on SANDBOX_PORT (before any worker serves).
 * Port 0 picks a free port, published to the workers through the environment. A port already
 * taken is assumed to be a shared emulator of another process on this data folder.
 */
export async function startSandboxFor(
  config: Config,
  logger: Logger,
): Promise<{ config: Config; close(): Promise<void>; bffServesAt(url: string): void }> {
  const none = { config, close: async () => undefined, bffServesAt: () => undefined };
  if (!config.sandbox || !config.env.SANDBOX_EMULATOR) return none;
  // The emulated HIS read credentials from the BFF, which listens only later (PORT 0: on a port told then).
  let bffUrl = bffBaseUrl(config.env.HOST, config.env.PORT);
  try {
    const sandbox = await startSandbox({
      port: config.env.SANDBOX_PORT,
      credentials: sandboxCredentials(config),
      bffUrl: () => bffUrl,
    });
    logger.info({ url: sandbox.url }, 'sandbox emulators started');
    if (config.env.SANDBOX_PORT !== sandbox.port) {
      process.env.SANDBOX_PORT = String(sandbox.port);
      config = loadConfig();
    }
    return { config, close: () => sandbox.close(), bffServesAt: (url) => (bffUrl = url) };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw e;
    logger.warn({ port: config.env.SANDBOX_PORT }, 'sandbox port in use: using the emulators already listening there');
    return none;
  }
}

/** The BFF as a process on this machine reaches it (sandbox mode listens on loopback only). */
export function bffBaseUrl(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}
