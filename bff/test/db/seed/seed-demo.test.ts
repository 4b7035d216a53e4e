import crypto from 'node:crypto';
import { loadConfig } from '../../../src/config/config.js';
import { BEIJING_DISTRICTS } from '../../../src/core/catalog/districts.js';
import type { Database } from '../../../src/db/database.js';
import { rollDemoForward } from '../../../src/db/seed/roll-forward.js';
import { seedDemoIfEmpty, type SeedResult } from '../../../src/db/seed/seed-demo.js';
import { addDays, DAY_MS, shanghaiDate } from '../../../src/shared/time.js';
import { databaseKinds, openTestDatabase } from '../../support/databases.js';

const rules = loadConfig({
  NODE_ENV: 'test',
  JWT_SECRET: crypto.randomBytes(32).toString('hex'),
  PII_KEY: crypto.randomBytes(32).toString('base64'),
}).rules;
const count = async (db: Database, sql: string, params: unknown[] = []) =>
  Number((await db.query<{ n: number }>(sql, params))[0]!.n);

describe.each(databaseKinds())('demo seed on %s', (kind) => {
  let db: Database;
  let dispose: () => Promise<void>;
  let first: SeedResult;
  const now = Date.now();
  const today = shanghaiDate(now);

  beforeAll(async () => {
    ({ db, dispose } = await openTestDatabase(kind));
    first = await seedDemoIfEmpty(db, { now, rules });
    console.info(`demo seed on ${kind}: ${JSON.stringify(first)}`);
  }, 120_000);
  afterAll(async () => dispose());

  it('writes at least 30 demo hospitals over all 16 districts, with both levels and payment modes', async () => {
    expect(first.seeded).toBe(true);
    expect(first.hospitals).toBeGreaterThanOrEqual(30);
    expect(await count(db, 'SELECT COUNT(*) AS n FROM hospital WHERE demo = 1')).toBe(first.hospitals);
    const districts = (await db.query<{ district: string }>('SELECT DISTINCT district FROM hospital')).map(
      (r) => r.district,
    );
    expect(new Set(districts)).toEqual(new Set(BEIJING_DISTRICTS));
    const levels = (await db.query<{ level: string }>('SELECT DISTINCT level FROM hospital')).map((r) => r.level);
    expect(levels).toEqual(expect.arrayContaining(['3A', '2A']));
    const online = await count(db, 'SELECT COUNT(*) AS n FROM hospital WHERE online_payment = 1');
    expect(online).toBeGreaterThan(0);
    expect(online).toBeLessThan(first.hospitals / 2);
    const [xh] = await db.query<{ name_pinyin: string; name_initials: string; district: string }>(
      "SELECT name_pinyin, name_initials, district FROM hospital WHERE name = '北京协和医院'",
    );
    expect(xh).toMatchObject({ name_initials: 'bjxhyy', district: '东城区' });
  });

  it('gives every hospital two-level departments and titled doctors in leaf departments', async () => {
    expect(
      await count(
        db,
        `SELECT COUNT(*) AS n FROM hospital h WHERE NOT EXISTS (SELECT 1 FROM department d WHERE d.hospital_id = h.id
          AND d.parent_id IS NOT NULL)`,
      ),
    ).toBe(0);
    expect(
      await count(
        db,
        'SELECT COUNT(*) AS n FROM department c JOIN department p ON p.id = c.parent_id WHERE p.parent_id IS NOT NULL',
      ),
    ).toBe(0);
    const titles = (await db.query<{ title: string }>('SELECT DISTINCT title FROM doctor')).map((r) => r.title).sort();
    expect(titles).toEqual(['主任医师', '主治医师', '副主任医师'].sort());
    expect(
      await count(
        db,
        'SELECT COUNT(*) AS n FROM doctor doc JOIN department d ON d.id = doc.department_id WHERE d.parent_id IS NULL',
      ),
    ).toBe(0);
    expect(await count(db, "SELECT COUNT(*) AS n FROM department WHERE name_initials = '' OR name_pinyin = ''")).toBe(
      0,
    );
  });

  it('publishes 7 days of sessions, already released, with realistic fees and capacities', async () => {
    const dates = (await db.query<{ date: string }>('SELECT DISTINCT date FROM schedule ORDER BY date')).map(
      (r) => r.date,
    );
    expect(dates).toEqual(Array.from({ length: 7 }, (_, i) => addDays(today, i)));
    expect(first.schedules).toBe(await count(db, 'SELECT COUNT(*) AS n FROM schedule'));
    expect(first.slots).toBe(await count(db, 'SELECT COUNT(*) AS n FROM slot'));
    expect(await count(db, 'SELECT COUNT(*) AS n FROM schedule WHERE release_at > ?', [now])).toBe(0);
    expect(await count(db, 'SELECT COUNT(*) AS n FROM schedule WHERE capacity < 10 OR capacity > 60')).toBe(0);
    expect(
      await count(
        db,
        "SELECT COUNT(*) AS n FROM schedule WHERE type = 'general' AND (fee_fen < 500 OR fee_fen > 5000)",
      ),
    ).toBe(0);
    expect(await count(db, "SELECT COUNT(*) AS n FROM schedule WHERE type <> 'general' AND fee_fen <= 5000")).toBe(0);
    const kinds = await db.query<{ type: string; period: string }>('SELECT DISTINCT type, period FROM schedule');
    expect(new Set(kinds.map((k) => k.type))).toEqual(new Set(['general', 'expert', 'special']));
    expect(new Set(kinds.map((k) => k.period))).toEqual(new Set(['morning', 'afternoon', 'evening']));
    // Every hospital has bookable sessions on the weekdays of the window.
    const weekday = addDays(
      today,
      [1, 2, 3].find((i) => ![0, 6].includes(new Date(`${addDays(today, i)}T00:00:00Z`).getUTCDay()))!,
    );
    expect(await count(db, 'SELECT COUNT(DISTINCT hospital_id) AS n FROM schedule WHERE date = ?', [weekday])).toBe(
      first.hospitals,
    );
    expect(await count(db, 'SELECT COUNT(*) AS n FROM announcement WHERE hospital_id IS NULL')).toBeGreaterThan(3);
    // the demo content is published: patients see it without anyone publishing it in the console
    expect(await count(db, "SELECT COUNT(*) AS n FROM announcement WHERE status <> 'published'")).toBe(0);
    expect(await count(db, "SELECT COUNT(*) AS n FROM help_article WHERE status <> 'published'")).toBe(0);
    const categories = (await db.query<{ category: string }>('SELECT DISTINCT category FROM help_article')).map(
      (r) => r.category,
    );
    expect(categories).toEqual(
      expect.arrayContaining(['登录', '实名认证', '预约', '取消', '爽约与黑名单', '支付与退款', '敬老版']),
    );
  });

  it('adds nothing when called again', async () => {
    const before = await count(db, 'SELECT COUNT(*) AS n FROM slot');
    const again = await seedDemoIfEmpty(db, { now, rules });
    expect(again.seeded).toBe(false);
    expect(await count(db, 'SELECT COUNT(*) AS n FROM hospital')).toBe(first.hospitals);
    expect(await count(db, 'SELECT COUNT(*) AS n FROM slot')).toBe(before);
    expect(await count(db, 'SELECT COUNT(*) AS n FROM help_article')).toBe(first.helpArticles);
  });

  it('rolls forward one day at a time, idempotently, also when two runs race', async () => {
    const same = await rollDemoForward(db, { now, rules });
    expect(same.schedules).toBe(0);
    const tomorrow = await rollDemoForward(db, { now: now + DAY_MS, rules });
    expect(tomorrow.schedules).toBeGreaterThan(0);
    expect(await count(db, 'SELECT COUNT(*) AS n FROM schedule WHERE date = ?', [addDays(today, 7)])).toBe(
      tomorrow.schedules,
    );
    expect((await rollDemoForward(db, { now: now + DAY_MS, rules })).schedules).toBe(0);

    const [a, b] = await Promise.all([
      rollDemoForward(db, { now: now + 2 * DAY_MS, rules }),
      rollDemoForward(db, { now: now + 2 * DAY_MS, rules }),
    ]);
    const published = await count(db, 'SELECT COUNT(*) AS n FROM schedule WHERE date = ?', [addDays(today, 8)]);
    expect(a.schedules + b.schedules).toBe(published);
    expect(
      await count(
        db,
        `SELECT COUNT(*) AS n FROM (SELECT hospital_id FROM schedule WHERE date = ?
          GROUP BY hospital_id, department_id, doctor_id, period, type HAVING COUNT(*) > 1) d`,
        [addDays(today, 8)],
      ),
    ).toBe(0);
  }, 60_000);
});
