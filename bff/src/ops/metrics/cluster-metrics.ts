import cluster, { type Worker } from 'node:cluster';
import { AggregatorRegistry, type Registry } from 'prom-client';
import { primaryProcessRegistry } from './process-metrics.js';

const READY = 'cityhealth:metrics-ready';
const ASK = 'cityhealth:metrics-ask';
const ANSWER = 'cityhealth:metrics-answer';
/** A worker silent this long is left out of that scrape (it may be busy or dying), never the whole scrape. */
const WORKER_TIMEOUT_MS = 3000;

type Json = Awaited<ReturnType<Registry['getMetricsAsJSON']>>;
type Message = { type?: string; id?: number; metrics?: Json[] };

/**
 * A cluster worker answers its primary's requests for figures over the cluster's IPC channel with
 * these registries, and says once that it can: a worker still starting is not asked.
 */
export function answerPrimary(registries: Registry[]): void {
  process.on('message', (m: Message) => {
    if (m?.type !== ASK) return;
    Promise.all(registries.map((r) => r.getMetricsAsJSON())).then(
      (metrics) => process.send?.({ type: ANSWER, id: m.id, metrics }),
      () => process.send?.({ type: ANSWER, id: m.id, metrics: [] }),
    );
  });
  process.send?.({ type: READY });
}

/**
 * The primary's scrape: every ready worker's registries merged by prom-client's aggregation
 * (`AggregatorRegistry.aggregate`): counters, histograms and pools summed, the figures read from
 * the shared database kept once (`max`), the Node figures by prom-client's rules. The answer says
 * how many workers it holds (`cityhealth_cluster_workers{state}`), so a short one is visible; the
 * primary's own Node figures follow, under their own names.
 */
export function clusterRender(own: Registry = primaryProcessRegistry()): () => Promise<{
  contentType: string;
  text: string;
}> {
  const ready = new Set<Worker>();
  const waiting = new Map<number, (metrics: Json[]) => void>();
  let next = 0;
  cluster.on('message', (worker, m: Message) => {
    if (m?.type === READY) ready.add(worker);
    if (m?.type === ANSWER && m.id !== undefined) waiting.get(m.id)?.(m.metrics ?? []);
  });
  cluster.on('exit', (worker) => ready.delete(worker));

  const ask = (worker: Worker) =>
    new Promise<Json[] | null>((resolve) => {
      const id = next++;
      const timer = setTimeout(() => {
        waiting.delete(id);
        resolve(null);
      }, WORKER_TIMEOUT_MS);
      waiting.set(id, (metrics) => {
        clearTimeout(timer);
        waiting.delete(id);
        resolve(metrics);
      });
      worker.send({ type: ASK, id });
    });

  return async () => {
    const workers = [...ready].filter((w) => w.isConnected());
    const answers = await Promise.all(workers.map(ask));
    const answered = answers.filter((a): a is Json[] => a !== null);
    const merged = AggregatorRegistry.aggregate(answered.flat());
    const text = await merged.metrics();
    const count = [
      '# HELP cityhealth_cluster_workers Workers whose figures this scrape holds (answered) or lacks (silent)',
      '# TYPE cityhealth_cluster_workers gauge',
      `cityhealth_cluster_workers{state="answered"} ${answered.length}`,
      `cityhealth_cluster_workers{state="silent"} ${workers.length - answered.length}`,
    ].join('\n');
    return { contentType: merged.contentType, text: `${text}\n${count}\n${await own.metrics()}` };
  };
}
