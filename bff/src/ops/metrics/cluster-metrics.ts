import { AggregatorRegistry, type Registry } from 'prom-client';

/**
 * A cluster worker answers its primary's requests for figures (prom-client's IPC messages) with
 * these registries.
 */
export function answerPrimary(registries: Registry[]): void {
  AggregatorRegistry.setRegistries(registries);
  // constructing one adds the worker's message listener (once, whatever the count)
  new AggregatorRegistry();
}

/**
 * The primary's scrape: every connected worker's registries, summed per series (counters,
 * histograms, pools) or kept by the metric's own aggregator (`max` for figures read from the
 * shared database, prom-client's choices for the Node figures).
 */
export function clusterRender(): () => Promise<{ contentType: string; text: string }> {
  const aggregator = new AggregatorRegistry();
  return async () => ({ contentType: aggregator.contentType, text: await aggregator.clusterMetrics() });
}
