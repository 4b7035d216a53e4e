import type { BookingRules } from '../../config/config.js';
import type { Database } from '../database.js';
import { writeDemoCatalog } from './demo-catalog.js';
import { writeDemoContent } from './demo-content.js';
import { DEMO_DAYS, rollDemoForward } from './roll-forward.js';

export interface SeedOptions {
  now: number;
  rules: BookingRules;
  /** Days of sessions to publish (today included); default 7. */
  days?: number;
  /** Demo hospitals whose departments, doctors and sessions their emulated HIS publishes instead. */
  leaveToHis?: readonly string[];
}

export interface SeedResult {
  seeded: boolean;
  hospitals: number;
  departments: number;
  doctors: number;
  schedules: number;
  slots: number;
  announcements: number;
  helpArticles: number;
  ms: number;
}

/** Runs `work` holding a database-wide named lock on MariaDB (hosts starting together take turns). */
async function exclusively<T>(db: Database, name: string, work: () => Promise<T>): Promise<T> {
  if (db.dialect !== 'mysql') return work();
  const holder = db.ds.createQueryRunner();
  await holder.connect();
  try {
    const [got] = (await holder.query('SELECT GET_LOCK(?, 120) AS ok', [name])) as { ok: number }[];
    if (Number(got?.ok) !== 1) throw new Error(`timed out waiting for the ${name} lock`);
    return await work();
  } finally {
    await holder.query('SELECT RELEASE_LOCK(?)', [name]).catch(() => undefined);
    await holder.release();
  }
}

/**
 * Writes realistic demo data (marked demo) when the hospital table is empty: 40 hospitals over
 * Beijing's 16 districts with two-level departments and doctors, their sessions for the next
 * days (published through the schedule publisher, already released), announcements and the help
 * centre. Deterministic; a second call finds hospitals and adds nothing.
 */
export async function seedDemoIfEmpty(db: Database, o: SeedOptions): Promise<SeedResult> {
  const started = performance.now();
  const empty: SeedResult = {
    seeded: false,
    hospitals: 0,
    departments: 0,
    doctors: 0,
    schedules: 0,
    slots: 0,
    announcements: 0,
    helpArticles: 0,
    ms: 0,
  };
  return exclusively(db, 'cityhealth_seed', async () => {
    const [row] = await db.query<{ n: number }>('SELECT COUNT(*) AS n FROM hospital');
    if (Number(row?.n ?? 0) > 0) return { ...empty, ms: Math.round(performance.now() - started) };
    const written = await db.write(async (tx) => {
      const catalog = await writeDemoCatalog(tx, o.now, new Set(o.leaveToHis));
      const hospitals = (await tx.query('SELECT id, name FROM hospital WHERE demo = 1 ORDER BY code')) as {
        id: string;
        name: string;
      }[];
      const content = await writeDemoContent(tx, o.now, o.rules, hospitals);
      return { ...catalog, ...content };
    });
    const sessions = await rollDemoForward(db, { now: o.now, rules: o.rules, days: o.days ?? DEMO_DAYS });
    return {
      seeded: true,
      ...written,
      schedules: sessions.schedules,
      slots: sessions.slots,
      ms: Math.round(performance.now() - started),
    };
  });
}
