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
): Promise<{ config: Config; close(): Promise<void> }> {
  const none = { config, close: async () => undefined };
  if (!config.sandbox || !config.env.SANDBOX_EMULATOR) return none;
  try {
    const sandbox = await startSandbox({ port: config.env.SANDBOX_PORT, credentials: sandboxCredentials(config) });
    logger.info({ url: sandbox.url }, 'sandbox emulators started');
    if (config.env.SANDBOX_PORT !== sandbox.port) {
      process.env.SANDBOX_PORT = String(sandbox.port);
      config = loadConfig();
    }
    return { config, close: () => sandbox.close() };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw e;
    logger.warn({ port: config.env.SANDBOX_PORT }, 'sandbox port in use: using the emulators already listening there');
    return none;
  }
}
