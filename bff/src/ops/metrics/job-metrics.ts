import { Counter, Histogram, type Registry } from 'prom-client';
import type { JobMetrics } from './ports.js';

/** Every run of a background job (the payment window, sweeps, the outbox's relay and senders…). */
export function jobMetrics(registry: Registry): JobMetrics {
  const runs = new Counter({
    name: 'cityhealth_job_runs_total',
    help: 'Runs of background jobs, by job',
    labelNames: ['job'],
    registers: [registry],
  });
  const failures = new Counter({
    name: 'cityhealth_job_failures_total',
    help: 'Runs of background jobs that failed, by job',
    labelNames: ['job'],
    registers: [registry],
  });
  const durations = new Histogram({
    name: 'cityhealth_job_duration_seconds',
    help: 'Time of one run of a background job, by job',
    labelNames: ['job'],
    buckets: [0.001, 0.01, 0.05, 0.1, 0.5, 1, 5, 30, 120],
    registers: [registry],
  });
  return {
    run: async (job, work) => {
      const started = performance.now();
      runs.labels(job).inc();
      try {
        return await work();
      } catch (e) {
        failures.labels(job).inc();
        throw e;
      } finally {
        durations.labels(job).observe((performance.now() - started) / 1000);
      }
    },
  };
}
