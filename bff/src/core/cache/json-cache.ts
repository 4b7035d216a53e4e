/** Monotonic milliseconds: cache lifetimes follow the process clock, never the domain clock. */
const monotonic = (): number => performance.now();

interface Entry {
  text: string;
  expiresAt: number;
  tags: readonly string[];
}

export interface JsonCacheOptions {
  /** Lifetime of an entry in milliseconds. */
  ttlMs: number;
  /** Upper bound on entries (oldest evicted first): keys can come from query strings. */
  maxEntries?: number;
  now?: () => number;
}

/**
 * A per-process cache of pre-serialised JSON views with a short lifetime. Concurrent misses of
 * one key share a single load; tags let a writer drop every view that shows a changed record
 * (e.g. `schedule:<id>`). A load that was running when its tag was invalidated still answers
 * its callers but is not kept, so an invalidation is never undone by an older read.
 */
export class JsonCache {
  private readonly entries = new Map<string, Entry>();
  private readonly byTag = new Map<string, Set<string>>();
  private readonly loading = new Map<string, Promise<string>>();
  private readonly loadStartedAt = new Map<string, number>();
  /** Bumped by every invalidation; a load only stores its result if no invalidation touched it meanwhile. */
  private generation = 0;
  private readonly touched = new Map<string, number>();
  private readonly now: () => number;
  private readonly maxEntries: number;
  hits = 0;
  misses = 0;

  constructor(private readonly options: JsonCacheOptions) {
    this.now = options.now ?? monotonic;
    this.maxEntries = options.maxEntries ?? 5_000;
  }

  /** The cached text of `key`, or null when absent or expired. */
  peek(key: string): string | null {
    const e = this.entries.get(key);
    if (!e) return null;
    if (e.expiresAt <= this.now()) {
      this.drop(key);
      return null;
    }
    return e.text;
  }

  /**
   * The text of `key`, loading it on a miss. `load` returns the view and the tags it depends on;
   * a load that throws (e.g. NOT_FOUND) is not cached.
   */
  async get(key: string, load: () => Promise<{ value: unknown; tags?: string[] }>): Promise<string> {
    const cached = this.peek(key);
    if (cached !== null) {
      this.hits++;
      return cached;
    }
    const running = this.loading.get(key);
    if (running) return running;
    this.misses++;
    const startedAt = this.generation;
    const promise = (async () => {
      const { value, tags = [] } = await load();
      const text = JSON.stringify(value);
      if (!this.invalidatedSince(startedAt, key, tags)) this.set(key, text, tags);
      return text;
    })();
    this.loading.set(key, promise);
    this.loadStartedAt.set(key, startedAt);
    try {
      return await promise;
    } finally {
      this.loading.delete(key);
      this.loadStartedAt.delete(key);
    }
  }

  set(key: string, text: string, tags: readonly string[] = []): void {
    this.drop(key);
    while (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.drop(oldest);
    }
    this.entries.set(key, { text, expiresAt: this.now() + this.options.ttlMs, tags });
    for (const tag of tags) (this.byTag.get(tag) ?? this.byTag.set(tag, new Set()).get(tag)!).add(key);
  }

  /** Drops every view that carries the tag. */
  invalidateTag(tag: string): void {
    this.mark(tag);
    const keys = this.byTag.get(tag);
    if (!keys) return;
    for (const key of [...keys]) this.drop(key);
    this.byTag.delete(tag);
  }

  invalidateKey(key: string): void {
    this.mark(key);
    this.drop(key);
  }

  clear(): void {
    this.generation++;
    this.touched.clear();
    this.touched.set('*', this.generation);
    this.entries.clear();
    this.byTag.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  private mark(name: string): void {
    this.generation++;
    this.touched.set(name, this.generation);
    // Marks only matter to loads in flight; forget those older than every running load.
    if (this.loading.size === 0) this.touched.clear();
    else if (this.touched.size > 1_000) {
      const oldest = Math.min(...this.loadStartedAt.values());
      for (const [n, g] of this.touched) if (g <= oldest) this.touched.delete(n);
    }
  }

  private invalidatedSince(startedAt: number, key: string, tags: readonly string[]): boolean {
    if (this.generation === startedAt) return false;
    for (const name of ['*', key, ...tags]) if ((this.touched.get(name) ?? 0) > startedAt) return true;
    return false;
  }

  private drop(key: string): void {
    const e = this.entries.get(key);
    if (!e) return;
    this.entries.delete(key);
    for (const tag of e.tags) {
      const keys = this.byTag.get(tag);
      if (!keys) continue;
      keys.delete(key);
      if (!keys.size) this.byTag.delete(tag);
    }
  }
}
