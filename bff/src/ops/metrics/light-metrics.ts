import type { Metric, Registry } from 'prom-client';

/** One line of an exposition, as prom-client's own metrics answer `get()` (its type is not exported). */
interface Value {
  labels: Record<string, string | number>;
  value: number;
  metricName?: string;
}

/**
 * Counters and histograms for the release storm's paths. prom-client's own hash their labels and
 * allocate on every update (about a microsecond each); here a series is an object bound once, an
 * update adds to its numbers, and the registry reads them only when scraped (as prom-client's own
 * metrics, so the cluster's aggregation sums them the same way).
 */
abstract class LightFamily<S> {
  private readonly series: { labels: Record<string, string>; s: S }[] = [];
  private readonly byKey = new Map<string, S>();

  constructor(
    registry: Registry,
    readonly name: string,
    readonly help: string,
    readonly type: 'counter' | 'histogram',
    private readonly labelNames: readonly string[],
  ) {
    const metric = {
      name,
      help,
      type,
      aggregator: 'sum',
      get: async () => ({
        name,
        help,
        type,
        aggregator: 'sum',
        values: this.series.flatMap(({ labels, s }) => this.values(labels, s)),
      }),
      reset: () => {
        for (const { s } of this.series) this.zero(s);
      },
    };
    registry.registerMetric(metric as unknown as Metric);
  }

  /** The series of these label values (in labelNames' order): made once, then the same object. */
  child(...values: string[]): S {
    const key = values.join('\u0000');
    let s = this.byKey.get(key);
    if (!s) {
      s = this.make();
      this.byKey.set(key, s);
      this.series.push({ labels: Object.fromEntries(this.labelNames.map((n, i) => [n, values[i]!])), s });
    }
    return s;
  }

  protected abstract make(): S;
  protected abstract zero(s: S): void;
  protected abstract values(labels: Record<string, string>, s: S): Value[];
}

export class CounterSeries {
  n = 0;
  inc(by = 1): void {
    this.n += by;
  }
}

export class LightCounter extends LightFamily<CounterSeries> {
  constructor(registry: Registry, name: string, help: string, labelNames: readonly string[] = []) {
    super(registry, name, help, 'counter', labelNames);
  }
  protected make() {
    return new CounterSeries();
  }
  protected zero(s: CounterSeries) {
    s.n = 0;
  }
  // a series not yet counted is left out, as prom-client does
  protected values(labels: Record<string, string>, s: CounterSeries) {
    return s.n ? [{ labels, value: s.n }] : [];
  }
}

export class HistogramSeries {
  /** Observations per bucket (not cumulative); the last is +Inf. */
  readonly counts: Float64Array;
  sum = 0;
  count = 0;
  constructor(private readonly bounds: readonly number[]) {
    this.counts = new Float64Array(bounds.length + 1);
  }
  observe(value: number): void {
    let b = 0;
    while (b < this.bounds.length && value > this.bounds[b]!) b++;
    this.counts[b]!++;
    this.sum += value;
    this.count++;
  }
}

export class LightHistogram extends LightFamily<HistogramSeries> {
  constructor(
    registry: Registry,
    name: string,
    help: string,
    private readonly bounds: readonly number[],
    labelNames: readonly string[] = [],
  ) {
    super(registry, name, help, 'histogram', labelNames);
  }
  protected make() {
    return new HistogramSeries(this.bounds);
  }
  protected zero(s: HistogramSeries) {
    s.counts.fill(0);
    s.sum = 0;
    s.count = 0;
  }
  protected values(labels: Record<string, string>, s: HistogramSeries) {
    if (!s.count) return [];
    const out: Value[] = [];
    let cumulative = 0;
    for (let b = 0; b <= this.bounds.length; b++) {
      cumulative += s.counts[b]!;
      const le = b < this.bounds.length ? this.bounds[b]! : '+Inf';
      out.push({ labels: { ...labels, le }, value: cumulative, metricName: `${this.name}_bucket` });
    }
    out.push({ labels, value: s.sum, metricName: `${this.name}_sum` });
    out.push({ labels, value: s.count, metricName: `${this.name}_count` });
    return out;
  }
}
