import type { Announcement, HelpArticle } from '@cityhealth/shared-types';
import type { Database } from '../../db/database.js';
import type { Clock } from '../../shared/clock.js';
import { AppError } from '../../shared/errors.js';
import { iso } from '../../shared/time.js';
import { JsonCache } from '../cache/json-cache.js';

export interface AnnouncementFilter {
  hospitalId?: string;
  page: number;
  pageSize: number;
}

export interface ContentServiceOptions {
  db: Database;
  clock: Clock;
  ttlMs?: number;
}

type Raw = Record<string, unknown>;

const toAnnouncement = (r: Raw): Announcement => ({
  id: String(r.id),
  title: String(r.title),
  body: String(r.body),
  hospitalId: r.hospital_id == null ? null : String(r.hospital_id),
  publishedAt: iso(Number(r.published_at)),
});

/**
 * Announcements (platform-wide, or one hospital's) newest first, and the help centre grouped by
 * category. Both are read far more than written: answered as cached JSON text.
 */
export class ContentService {
  readonly cache: JsonCache;

  constructor(private readonly o: ContentServiceOptions) {
    this.cache = new JsonCache({ ttlMs: o.ttlMs ?? 30_000, maxEntries: 1_000 });
  }

  /** Only published announcements whose time has come (published_at ≤ now) are shown: no draft, none withdrawn. */
  announcements(f: AnnouncementFilter): Promise<string> {
    // The clock is part of the key at minute precision, so scheduled announcements appear on time.
    const minute = Math.floor(this.o.clock.now() / 60_000);
    const key = JSON.stringify(['ann', f.hospitalId ?? '', f.page, f.pageSize, minute]);
    return this.cache.get(key, async () => ({ value: await this.loadAnnouncements(f, (minute + 1) * 60_000 - 1) }));
  }

  /** One announcement by id, only once it is published; NOT_FOUND otherwise. */
  announcement(id: string): Promise<string> {
    const minute = Math.floor(this.o.clock.now() / 60_000);
    // A miss throws, and a load that throws is not cached: made-up ids cannot crowd the cache.
    return this.cache.get(JSON.stringify(['ann-one', id, minute]), async () => {
      const found = await this.loadAnnouncement(id, (minute + 1) * 60_000 - 1);
      if (!found) throw new AppError('NOT_FOUND', '公告不存在或已撤下');
      return { value: found };
    });
  }

  help(): Promise<string> {
    return this.cache.get('help', async () => ({ value: { items: await this.loadHelp() } }));
  }

  /** Call after writing announcements or help articles. */
  invalidate(): void {
    this.cache.clear();
  }

  private async loadAnnouncement(id: string, now: number): Promise<Announcement | null> {
    const [r] = await this.o.db.query<Raw>(
      `SELECT id, hospital_id, title, body, published_at FROM announcement
        WHERE id = ? AND status = 'published' AND published_at <= ?`,
      [id, now],
    );
    return r ? toAnnouncement(r) : null;
  }

  private async loadAnnouncements(f: AnnouncementFilter, now: number) {
    const where = `${f.hospitalId ? 'hospital_id = ?' : 'hospital_id IS NULL'} AND status = 'published'`;
    const params: unknown[] = f.hospitalId ? [f.hospitalId, now] : [now];
    const [count] = await this.o.db.query<{ n: number }>(
      `SELECT COUNT(*) AS n FROM announcement WHERE ${where} AND published_at <= ?`,
      params,
    );
    const rows = await this.o.db.query<Raw>(
      `SELECT id, hospital_id, title, body, published_at FROM announcement WHERE ${where} AND published_at <= ?
        ORDER BY published_at DESC, id DESC LIMIT ${f.pageSize} OFFSET ${(f.page - 1) * f.pageSize}`,
      params,
    );
    const items: Announcement[] = rows.map(toAnnouncement);
    return { items, page: f.page, pageSize: f.pageSize, total: Number(count?.n ?? 0) };
  }

  /** Published articles in `sort` order; a category sits where its first article does. */
  private async loadHelp(): Promise<HelpArticle[]> {
    const rows = await this.o.db.query<Raw>(
      "SELECT id, category, question, answer, sort FROM help_article WHERE status = 'published' ORDER BY sort, id",
    );
    const categories = new Map<string, HelpArticle[]>();
    for (const r of rows) {
      const a: HelpArticle = {
        id: String(r.id),
        category: String(r.category),
        question: String(r.question),
        answer: String(r.answer),
      };
      (categories.get(a.category) ?? categories.set(a.category, []).get(a.category)!).push(a);
    }
    return [...categories.values()].flat();
  }
}
