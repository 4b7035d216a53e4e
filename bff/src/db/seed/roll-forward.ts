import { Cron } from 'croner';
import type { BookingRules } from '../../config/config.js';
import { publishSchedule } from '../../core/schedule/publish.js';
import type { Clock } from '../../shared/clock.js';
import type { Logger } from '../../shared/logger.js';
import { addDays, shanghaiDate } from '../../shared/time.js';
import type { Database } from '../database.js';
import { forUpdate } from '../sql/execute.js';
import { retryTransient } from '../sql/retry.js';
import { planDemoDay, type DemoHospitalInfo, type DemoLeaf } from './demo-sessions.js';

/** How many days of sessions the demo keeps published (today included). */
export const DEMO_DAYS = 7;
export const DEMO_PUBLISHER = 'demo-seed';

export interface RollForwardOptions {
  now: number;
  rules: BookingRules;
  days?: number;
}

export interface RollForwardResult {
  schedules: number;
  slots: number;
  /** (hospital, date) pairs published by this call. */
  hospitalDays: number;
}

type Raw = Record<string, unknown>;

async function loadDemoHospitals(db: Database): Promise<{ hospital: DemoHospitalInfo; leaves: DemoLeaf[] }[]> {
  const [hospitals, departments, doctors] = await Promise.all([
    // A hospital that publishes through the interface (its codes are known) keeps its own sessions.
    db.query<Raw>(
      `SELECT id, code, level, release_time, days_ahead FROM hospital h WHERE demo = 1
        AND NOT EXISTS (SELECT 1 FROM his_key k WHERE k.hospital_id = h.id) ORDER BY code`,
    ),
    db.query<Raw>(
      `SELECT d.id, d.hospital_id, d.parent_id, d.name, d.sort FROM department d JOIN hospital h ON h.id = d.hospital_id
        WHERE h.demo = 1 ORDER BY d.sort, d.id`,
    ),
    db.query<Raw>(
      `SELECT doc.id, doc.department_id, doc.name, doc.title FROM doctor doc JOIN hospital h ON h.id = doc.hospital_id
        WHERE h.demo = 1 ORDER BY doc.id`,
    ),
  ]);
  const parents = new Set(
    departments
      .map((d) => d.parent_id)
      .filter((p) => p != null)
      .map(String),
  );
  const doctorsOf = new Map<string, DemoLeaf['doctors']>();
  for (const d of doctors) {
    const list =
      doctorsOf.get(String(d.department_id)) ??
      doctorsOf.set(String(d.department_id), []).get(String(d.department_id))!;
    list.push({ id: String(d.id), name: String(d.name), title: String(d.title) });
  }
  return hospitals.map((h) => ({
    hospital: {
      id: String(h.id),
      code: String(h.code),
      level: String(h.level),
      releaseTime: String(h.release_time),
      daysAhead: Number(h.days_ahead),
    },
    leaves: departments
      .filter((d) => String(d.hospital_id) === String(h.id) && !parents.has(String(d.id)))
      .map((d) => ({ id: String(d.id), name: String(d.name), doctors: doctorsOf.get(String(d.id)) ?? [] })),
  }));
}

/**
 * Publishes the demo hospitals' sessions for every day of the window (today .. today + days - 1,
 * Asia/Shanghai) that a hospital has not published yet. Idempotent, also across processes: each
 * hospital is handled in one write transaction that first locks the hospital row, then skips the
 * dates that already have sessions.
 */
export async function rollDemoForward(db: Database, o: RollForwardOptions): Promise<RollForwardResult> {
  const today = shanghaiDate(o.now);
  const dates = Array.from({ length: o.days ?? DEMO_DAYS }, (_, i) => addDays(today, i));
  const result: RollForwardResult = { schedules: 0, slots: 0, hospitalDays: 0 };
  for (const { hospital, leaves } of await loadDemoHospitals(db)) {
    const done = await retryTransient(
      () =>
        db.write(async (tx) => {
          await tx.query(`SELECT id FROM hospital WHERE id = ?${forUpdate(db.dialect)}`, [hospital.id]);
          const existing = (await tx.query(
            `SELECT DISTINCT date FROM schedule WHERE hospital_id = ? AND date BETWEEN ? AND ?`,
            [hospital.id, dates[0], dates[dates.length - 1]],
          )) as { date: string }[];
          const published = new Set(existing.map((r) => String(r.date)));
          const out: RollForwardResult = { schedules: 0, slots: 0, hospitalDays: 0 };
          for (const date of dates) {
            if (published.has(date)) continue;
            const plans = planDemoDay(hospital, leaves, date);
            for (const p of plans) {
              await publishSchedule(tx, {
                hospitalId: hospital.id,
                departmentId: p.departmentId,
                doctorId: p.doctorId,
                date,
                period: p.period,
                type: p.type,
                feeFen: p.feeFen,
                capacity: p.capacity,
                releaseRule: { releaseTime: hospital.releaseTime, daysAhead: hospital.daysAhead },
                closesBeforeEndMs: o.rules.bookingClosesBeforeEndMs,
                publishedBy: DEMO_PUBLISHER,
                now: o.now,
              });
              out.slots += p.capacity;
            }
            out.schedules += plans.length;
            if (plans.length) out.hospitalDays++;
          }
          return out;
        }),
      { attempts: 5, pauseMs: 50 },
    );
    result.schedules += done.schedules;
    result.slots += done.slots;
    result.hospitalDays += done.hospitalDays;
  }
  return result;
}

export interface RollForwardJobOptions {
  db: Database;
  clock: Clock;
  logger: Logger;
  rules: BookingRules;
  /** Also run once right away (catches up after days the platform was down). */
  runNow?: boolean;
}

/**
 * A croner job that keeps the demo from running dry: shortly after midnight (Asia/Shanghai) it
 * publishes the day that has just entered the demo window. Safe to run in several processes.
 */
export function scheduleDemoRollForward(o: RollForwardJobOptions): Cron {
  const run = async () => {
    try {
      const r = await rollDemoForward(o.db, { now: o.clock.now(), rules: o.rules });
      if (r.schedules) o.logger.info(r, 'demo schedules rolled forward');
    } catch (err) {
      o.logger.error({ err }, 'demo roll-forward failed');
    }
  };
  const job = new Cron('5 0 * * *', { timezone: 'Asia/Shanghai', protect: true }, run);
  if (o.runNow) void job.trigger();
  return job;
}
