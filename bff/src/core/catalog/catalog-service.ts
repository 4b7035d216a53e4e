import type { Database } from '../../db/database.js';
import { AppError } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import { JsonCache } from '../cache/json-cache.js';
import { CatalogIndex, type HospitalFilter } from './catalog-index.js';
import { loadCatalogRows } from './catalog-rows.js';

export interface CatalogServiceOptions {
  db: Database;
  logger?: Logger;
  /** How long the in-memory index serves before it is rebuilt in the background (other processes' changes). */
  indexTtlMs?: number;
  /** Lifetime of a serialised view (list page, detail, search answer). */
  viewTtlMs?: number;
}

/**
 * Hospital list, detail, districts and search, answered from an in-memory index of the catalog
 * as pre-serialised JSON. A writer of catalog data calls `invalidate()`; changes made by other
 * processes show up once the index's lifetime has passed (it is then rebuilt while the old one
 * keeps answering).
 */
const listKey = (f: HospitalFilter) =>
  JSON.stringify(['list', f.q ?? '', f.district ?? '', f.level ?? '', f.page, f.pageSize]);

export class CatalogService {
  readonly views: JsonCache;
  private index?: CatalogIndex;
  private builtAt = 0;
  private building?: Promise<CatalogIndex>;
  private readonly indexTtlMs: number;

  constructor(private readonly o: CatalogServiceOptions) {
    this.indexTtlMs = o.indexTtlMs ?? 60_000;
    this.views = new JsonCache({ ttlMs: o.viewTtlMs ?? 30_000, maxEntries: 2_000 });
  }

  /** The current index; a missing one is built now, an old one is refreshed in the background. */
  async current(): Promise<CatalogIndex> {
    if (!this.index) return this.rebuild();
    if (performance.now() - this.builtAt > this.indexTtlMs && !this.building) {
      this.rebuild().catch((err) =>
        this.o.logger?.warn({ err }, 'catalog index refresh failed; serving the previous one'),
      );
    }
    return this.index;
  }

  /** Drops the index and every cached view: the next read sees the database as it is. */
  invalidate(): void {
    this.index = undefined;
    this.building = undefined;
    this.views.clear();
  }

  listHospitals(f: HospitalFilter): Promise<string> {
    return this.views.get(listKey(f), async () => ({ value: (await this.current()).list(f) }));
  }

  /** The cached list text, without loading (for the raw fast path); null on a miss. */
  peekHospitals(f: HospitalFilter): string | null {
    return this.views.peek(listKey(f));
  }

  peekHospitalDetail(id: string): string | null {
    return this.views.peek(`hospital:${id}`);
  }

  districts(): Promise<string> {
    return this.views.get('districts', async () => ({ value: (await this.current()).districts() }));
  }

  hospitalDetail(id: string): Promise<string> {
    return this.views.get(`hospital:${id}`, async () => {
      const detail = (await this.current()).detail(id);
      if (!detail) throw new AppError('NOT_FOUND', '医院不存在');
      return { value: detail };
    });
  }

  search(q: string, limit: number): Promise<string> {
    return this.views.get(JSON.stringify(['search', q.trim().toLowerCase(), limit]), async () => ({
      value: (await this.current()).search(q, limit),
    }));
  }

  private rebuild(): Promise<CatalogIndex> {
    if (this.building) return this.building;
    let run: Promise<CatalogIndex> | undefined;
    run = (async () => {
      const index = new CatalogIndex(await loadCatalogRows(this.o.db));
      if (this.building === run) {
        this.index = index;
        this.builtAt = performance.now();
        this.views.clear();
      }
      return index;
    })();
    this.building = run;
    run.then(
      () => {
        if (this.building === run) this.building = undefined;
      },
      () => {
        if (this.building === run) this.building = undefined;
      },
    );
    return run;
  }
}
