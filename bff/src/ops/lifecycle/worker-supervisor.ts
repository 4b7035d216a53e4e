import cluster, { type Worker } from 'node:cluster';
import { once } from 'node:events';
import type { Logger } from '../../shared/logger.js';

export interface WorkerSupervisor {
  /** Replaces every worker, one at a time: the new one listens before the old one drains. */
  rollingRestart(): Promise<void>;
  /** Drains and stops every worker (each finishes its answers, batches and deliveries). */
  stop(): Promise<void>;
}

/**
 * The primary's care of its workers: `count` of them, a crashed one replaced, a rolling restart
 * (SIGHUP, e.g. after a deploy: the new workers run the code on disk), and a graceful stop.
 */
export function superviseWorkers(count: number, logger: Logger): WorkerSupervisor {
  const retiring = new Set<Worker>();
  let stopping = false;
  let restarting: Promise<void> | null = null;

  const fork = async (): Promise<Worker> => {
    const worker = cluster.fork();
    await Promise.race([
      once(worker, 'listening'),
      once(worker, 'exit').then(() => {
        throw new Error(`worker ${worker.process.pid} exited before listening`);
      }),
    ]);
    return worker;
  };
  const retire = async (worker: Worker): Promise<void> => {
    retiring.add(worker);
    const exited = once(worker, 'exit');
    worker.process.kill('SIGTERM');
    await exited;
    retiring.delete(worker);
  };

  cluster.on('exit', (worker, code, signal) => {
    if (stopping || retiring.has(worker)) return;
    logger.error({ worker: worker.process.pid, code, signal }, 'worker exited; starting another');
    cluster.fork();
  });
  for (let i = 0; i < count; i++) cluster.fork();

  const live = () => Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w && !retiring.has(w));

  return {
    rollingRestart() {
      restarting ??= (async () => {
        const old = live();
        logger.info({ workers: old.length }, 'rolling restart started');
        for (const worker of old) {
          if (stopping) break;
          const fresh = await fork();
          await retire(worker);
          logger.info({ retired: worker.process.pid, started: fresh.process.pid }, 'worker replaced');
        }
        logger.info('rolling restart done');
      })()
        .catch((e: unknown) => logger.error({ err: e }, 'rolling restart failed; the remaining workers keep serving'))
        .finally(() => {
          restarting = null;
        });
      return restarting;
    },
    async stop() {
      stopping = true;
      await restarting;
      await Promise.all(live().map(retire));
    },
  };
}
