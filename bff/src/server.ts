import cluster from 'node:cluster';
import type http from 'node:http';
import type { Config } from './config/config.js';
import { Database } from './db/database.js';
import { createHttpHandler } from './http/handler.js';
import { DrainingServer } from './ops/lifecycle/draining-server.js';
import { answerPrimary } from './ops/metrics/cluster-metrics.js';
import { startMetricsListener } from './ops/metrics/metrics-listener.js';
import { closeServices, createServices, type Services } from './services.js';
import type { Logger } from './shared/logger.js';

export interface RunningServer {
  services: Services;
  server: http.Server;
  port: number;
  /** The admin listener's port (GET /metrics) when this process serves it; null otherwise. */
  metricsPort: number | null;
  close(): Promise<void>;
}

/** Opens the database (migrations already applied by the caller) and serves the BFF. */
export async function startServer(config: Config, logger: Logger): Promise<RunningServer> {
  const db = await Database.open(config.database, {
    migrate: false,
    onFailover: (event) =>
      event.kind === 'lost'
        ? logger.error({ database: event.host }, 'database primary lost; looking for it among the standbys')
        : logger.warn({ database: event.host, ms: Math.round(event.ms) }, `database primary ${event.kind}`),
  });
  const services = createServices({ config, db, logger });
  // Every worker may run the payment-window job: closing an order is idempotent under its schedule lock.
  services.booking.startJobs();
  // Every worker may serve the queues: a place is booked once, under its session's lock.
  services.waitlist.startJobs();
  services.payments.startJobs();
  services.outbox.start();
  // Every worker may queue the timed notices: the unique key keeps one per order and kind.
  services.notices.sender.startJobs();
  // One process reconciles (a day's run replaces the day's result; two at once would collide).
  if (!cluster.worker || cluster.worker.id === 1) services.reconciliation.startJobs();
  services.serviceMinutes.start();
  const drain = new DrainingServer(createHttpHandler(services), {
    drainMs: config.env.SHUTDOWN_DRAIN_MS,
    timeoutMs: config.env.SHUTDOWN_TIMEOUT_MS,
  });
  const { server } = drain;
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.env.PORT, config.env.HOST, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.env.PORT;
  // A worker's figures are scraped through its primary (which sums every worker's); a lone process serves its own.
  if (cluster.isWorker) answerPrimary(services.metrics.registries);
  const metrics =
    !cluster.isWorker && config.env.METRICS_PORT !== undefined
      ? await startMetricsListener({
          host: config.env.METRICS_HOST,
          port: config.env.METRICS_PORT,
          token: config.env.METRICS_TOKEN,
          render: services.metrics.render,
          logger,
        })
      : null;
  return {
    services,
    server,
    port,
    metricsPort: metrics?.port ?? null,
    // The answers first (their batches and payments finish inside them), then the jobs and deliveries.
    close: async () => {
      await drain.drain();
      await metrics?.close();
      await closeServices(services);
      await db.close();
    },
  };
}
