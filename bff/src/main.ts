import cluster from 'node:cluster';
import { AuditLog } from './audit/audit-log.js';
import { ConfigError, loadConfig, type Config } from './config/config.js';
import { ensureSandboxStaff, sandboxStaffHelp, type SandboxStaffLogin } from './console/sandbox-staff.js';
import { StaffAccounts } from './console/staff-accounts.js';
import { Database } from './db/database.js';
import { prepareDemoData, startDemoJobs } from './db/seed/demo-jobs.js';
import { publishDemoHisInBackground } from './sandbox/his/publish-on-start.js';
import { bffBaseUrl, startSandboxFor } from './sandbox/start.js';
import { superviseWorkers } from './ops/lifecycle/worker-supervisor.js';
import { clusterRender } from './ops/metrics/cluster-metrics.js';
import { startMetricsListener } from './ops/metrics/metrics-listener.js';
import { startServer } from './server.js';
import { systemClock } from './shared/clock.js';
import { Pii } from './identity/pii.js';
import { createLogger, type Logger } from './shared/logger.js';

/**
 * Applies migrations (and seeds demo data in sandbox mode, with a console login per role) once,
 * before any worker serves. Answers the demo console login, when there is one.
 */
async function prepareDatabase(config: Config, logger: Logger): Promise<SandboxStaffLogin | null> {
  const db = await Database.open(config.database, { migrate: true });
  try {
    logger.info({ database: config.database.kind }, 'database migrated');
    if (!config.seedDemo) return null;
    await prepareDemoData(db, config, logger);
    const accounts = new StaffAccounts(
      db,
      new Pii(config.piiKey, config.piiCipher),
      new AuditLog(db, systemClock),
      systemClock,
    );
    const { created, login } = await ensureSandboxStaff(db, accounts, config.env.DATA_DIR);
    if (created.length) logger.info({ created }, 'sandbox console logins created');
    return login;
  } finally {
    await db.close();
  }
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }
  const logger = createLogger(config.env.LOG_LEVEL, { mode: config.mode });
  const workers = config.env.WEB_CONCURRENCY;

  let sandbox: Awaited<ReturnType<typeof startSandboxFor>> | null = null;
  let demoJobs: { stop(): Promise<void> } | null = null;
  let consoleLogin: SandboxStaffLogin | null = null;
  if (cluster.isPrimary) {
    consoleLogin = await prepareDatabase(config, logger);
    // The demo's daily roll-forward runs in the primary only (and is idempotent across hosts).
    if (config.seedDemo) demoJobs = await startDemoJobs(config, logger);
    const started = await startSandboxFor(config, logger);
    ({ config } = started);
    sandbox = started;
    if (workers > 1) {
      const render = clusterRender();
      const supervisor = superviseWorkers(workers, logger);
      const metrics =
        config.env.METRICS_PORT === undefined
          ? null
          : await startMetricsListener({
              host: config.env.METRICS_HOST,
              port: config.env.METRICS_PORT,
              token: config.env.METRICS_TOKEN,
              render,
              logger,
            });
      if (metrics) logger.info({ url: `http://${config.env.METRICS_HOST}:${metrics.port}/metrics` }, 'metrics served');
      onStopSignal(logger, async () => {
        await supervisor.stop();
        await metrics?.close();
        await sandbox?.close();
        await demoJobs?.stop();
      });
      process.on('SIGHUP', () => void supervisor.rollingRestart());
      logger.info({ url: `http://${config.env.HOST}:${config.env.PORT}`, workers }, 'platform started');
      if (consoleLogin)
        process.stdout.write(sandboxStaffHelp(bffBaseUrl(config.env.HOST, config.env.PORT), consoleLogin));
      if (config.seedDemo) void publishDemoHisInBackground(bffBaseUrl(config.env.HOST, config.env.PORT), logger);
      return;
    }
  }

  const running = await startServer(config, logger);
  if (cluster.isPrimary) {
    logger.info({ url: `http://${config.env.HOST}:${running.port}` }, 'platform started');
    if (running.metricsPort !== null)
      logger.info({ url: `http://${config.env.METRICS_HOST}:${running.metricsPort}/metrics` }, 'metrics served');
    const url = bffBaseUrl(config.env.HOST, running.port);
    sandbox?.bffServesAt(url);
    if (consoleLogin) process.stdout.write(sandboxStaffHelp(url, consoleLogin));
    if (config.seedDemo) void publishDemoHisInBackground(url, logger);
  }
  onStopSignal(logger, async () => {
    await running.close();
    await sandbox?.close();
    await demoJobs?.stop();
  });
}

/**
 * SIGTERM or SIGINT stops gracefully, once: a second signal (a terminal's Ctrl-C reaches the
 * primary and its workers alike) does not cut the stop short.
 */
function onStopSignal(logger: Logger, stop: () => Promise<void>): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down gracefully');
    stop().then(
      () => process.exit(0),
      (e: unknown) => {
        logger.error({ err: e }, 'graceful shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
