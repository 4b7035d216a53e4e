import { Counter, Histogram, type Registry } from 'prom-client';

/** The operation label of every request that is not a contract operation (static files, health, 404s). */
export const UNMATCHED = 'unmatched';

const STATUS_CLASSES = ['1xx', '2xx', '3xx', '4xx', '5xx'] as const;
const classIndex = (status: number) => Math.min(4, Math.max(0, Math.trunc(status / 100) - 1));

/** One operation's pre-bound series: a finished request costs two increments, no label objects of its own. */
export interface OperationTrack {
  /** `startedMs`: performance.now() when the request arrived. */
  done(status: number, startedMs: number): void;
}

/** Requests and their latency per contract operation (its id in the shared contract) and status class. */
export class HttpMetrics {
  private readonly requests: Counter<'operation' | 'status_class'>;
  private readonly duration: Histogram<'operation'>;
  private readonly tracks = new Map<string, OperationTrack>();

  constructor(registry: Registry) {
    this.requests = new Counter({
      name: 'cityhealth_http_requests_total',
      help: 'HTTP requests answered, by contract operation and status class',
      labelNames: ['operation', 'status_class'],
      registers: [registry],
    });
    this.duration = new Histogram({
      name: 'cityhealth_http_request_duration_seconds',
      help: 'Time from a request’s arrival to its answer, by contract operation',
      labelNames: ['operation'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
  }

  /** The track of an operation id (or UNMATCHED): made once, then the same object. */
  operation(name: string): OperationTrack {
    let track = this.tracks.get(name);
    if (!track) {
      const counters = STATUS_CLASSES.map((c) => this.requests.labels(name, c));
      const { observe } = this.duration.labels(name);
      track = {
        done: (status, startedMs) => {
          counters[classIndex(status)]!.inc();
          observe((performance.now() - startedMs) / 1000);
        },
      };
      this.tracks.set(name, track);
    }
    return track;
  }
}
