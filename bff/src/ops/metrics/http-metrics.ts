import type { Registry } from 'prom-client';
import { type CounterSeries, type HistogramSeries, LightCounter, LightHistogram } from './light-metrics.js';

/** The operation label of every request that is not a contract operation (static files, health, 404s). */
export const UNMATCHED = 'unmatched';

const STATUS_CLASSES = ['1xx', '2xx', '3xx', '4xx', '5xx'] as const;
const classIndex = (status: number) => Math.min(4, Math.max(0, Math.trunc(status / 100) - 1));

/** One operation's series, bound once: a finished request adds to a few numbers and allocates nothing. */
export interface OperationTrack {
  /** `startedMs`: performance.now() when the request arrived. */
  done(status: number, startedMs: number): void;
}

class Track implements OperationTrack {
  constructor(
    readonly byClass: CounterSeries[],
    private readonly latency: HistogramSeries,
  ) {}
  done(status: number, startedMs: number): void {
    this.byClass[classIndex(status)]!.inc();
    this.latency.observe((performance.now() - startedMs) / 1000);
  }
}

/** Requests and their latency per contract operation (its id in the shared contract) and status class. */
export class HttpMetrics {
  private readonly requests: LightCounter;
  private readonly duration: LightHistogram;
  private readonly tracks = new Map<string, Track>();

  constructor(registry: Registry) {
    this.requests = new LightCounter(
      registry,
      'cityhealth_http_requests_total',
      'HTTP requests answered, by contract operation and status class',
      ['operation', 'status_class'],
    );
    this.duration = new LightHistogram(
      registry,
      'cityhealth_http_request_duration_seconds',
      'Time from a request’s arrival to its answer, by contract operation',
      [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      ['operation'],
    );
  }

  /** The track of an operation id (or UNMATCHED): made once, then the same object. */
  operation(name: string): OperationTrack {
    let track = this.tracks.get(name);
    if (!track) {
      track = new Track(
        STATUS_CLASSES.map((c) => this.requests.child(name, c)),
        this.duration.child(name),
      );
      this.tracks.set(name, track);
    }
    return track;
  }

  /** Every request this process has answered so far, and how many of them with a 5xx. */
  answered(): { requests: number; serverErrors: number } {
    let requests = 0;
    let serverErrors = 0;
    for (const track of this.tracks.values()) {
      for (const series of track.byClass) requests += series.n;
      serverErrors += track.byClass[4]!.n;
    }
    return { requests, serverErrors };
  }
}
