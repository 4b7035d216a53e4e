import { collectDefaultMetrics, Registry } from 'prom-client';

let registry: Registry | null = null;

/**
 * prom-client's Node figures (CPU, memory, event-loop lag, GC, handles): one set per process,
 * started on first use, whichever services the process builds.
 */
export function processRegistry(): Registry {
  if (!registry) {
    registry = new Registry();
    collectDefaultMetrics({ register: registry });
  }
  return registry;
}

/**
 * A cluster primary's own Node figures, named apart (`cityhealth_primary_…`): summed into the
 * workers' they would hide both, and the primary runs the supervisor, the demo jobs and the emulators.
 */
export function primaryProcessRegistry(): Registry {
  const own = new Registry();
  collectDefaultMetrics({ register: own, prefix: 'cityhealth_primary_' });
  return own;
}
