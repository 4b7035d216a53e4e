import type { Period, ScheduleType } from '@cityhealth/shared-types';
import { DEPARTMENT_TEMPLATES } from './demo-departments.js';
import { hash32, Prng } from './prng.js';

export interface DemoHospitalInfo {
  id: string;
  code: string;
  level: string;
  releaseTime: string;
  daysAhead: number;
}

export interface DemoDoctor {
  id: string;
  name: string;
  title: string;
}

export interface DemoLeaf {
  id: string;
  name: string;
  doctors: DemoDoctor[];
}

export interface SessionPlan {
  departmentId: string;
  doctorId: string | null;
  period: Period;
  type: ScheduleType;
  feeFen: number;
  capacity: number;
}

const EVENING = new Set(
  Object.values(DEPARTMENT_TEMPLATES).flatMap((groups) =>
    groups.flatMap((g) => g.children.filter((c) => c.evening).map((c) => c.name)),
  ),
);

/** 普通号 fee of a hospital: ¥50 at level-3 hospitals, ¥5–¥30 at level-2 ones (fen). */
export function generalFee(h: DemoHospitalInfo): number {
  if (h.level.startsWith('3')) return 5000;
  return [500, 1000, 3000][hash32(h.code) % 3]!;
}

/** A doctor's fixed weekly clinic half-days (weekday 1–5, morning/afternoon), stable across days. */
function weeklyClinics(
  h: DemoHospitalInfo,
  leaf: DemoLeaf,
  d: DemoDoctor,
): { expert: string[]; special: string | null } {
  const x = hash32(`${h.code}|${leaf.name}|${d.name}`);
  const p = (bit: number): Period => ((x >>> bit) & 1 ? 'afternoon' : 'morning');
  const day1 = 1 + (x % 5);
  let day2 = 1 + ((x >>> 5) % 5);
  if (day2 === day1) day2 = (day1 % 5) + 1;
  const expert = d.title === '主治医师' ? [`${day1}|${p(3)}`] : [`${day1}|${p(3)}`, `${day2}|${p(8)}`];
  const special =
    h.level === '3A' && d.title === '主任医师' && (x >>> 11) % 3 === 0
      ? `${day1}|${p(3) === 'morning' ? 'afternoon' : 'morning'}`
      : null;
  return { expert, special };
}

/**
 * The sessions a demo hospital holds on a date: a 普通号 clinic per department every weekday
 * morning (afternoons on some days, a reduced weekend service at the larger hospitals, evening
 * clinics for paediatrics), plus each doctor's weekly 专家号 (or named 普通号 for 主治医师) and a
 * few 特需号 at 三甲 hospitals. Deterministic for (hospital, date).
 */
export function planDemoDay(h: DemoHospitalInfo, leaves: DemoLeaf[], date: string): SessionPlan[] {
  const rng = new Prng(`${h.code}|${date}`);
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  const big = h.level.startsWith('3');
  const fee = generalFee(h);
  const plans: SessionPlan[] = [];
  const general = (departmentId: string, period: Period, min: number, max: number) =>
    plans.push({ departmentId, doctorId: null, period, type: 'general', feeFen: fee, capacity: rng.step(min, max, 5) });

  for (const leaf of leaves) {
    if (weekday >= 1 && weekday <= 5) {
      general(leaf.id, 'morning', big ? 20 : 10, big ? 35 : 25);
      if (rng.chance(0.3)) general(leaf.id, 'afternoon', 10, big ? 30 : 20);
    } else if (big && rng.chance(weekday === 6 ? 0.5 : 0.2)) {
      general(leaf.id, 'morning', 10, 30);
    }
    if (EVENING.has(leaf.name) && weekday !== 0) general(leaf.id, 'evening', 20, 30);

    for (const d of leaf.doctors) {
      const { expert, special } = weeklyClinics(h, leaf, d);
      for (const clinic of expert) {
        const [day, period] = clinic.split('|') as [string, Period];
        if (Number(day) !== weekday) continue;
        if (d.title === '主治医师')
          plans.push({
            departmentId: leaf.id,
            doctorId: d.id,
            period,
            type: 'general',
            feeFen: fee,
            capacity: rng.step(10, 20, 5),
          });
        else
          plans.push({
            departmentId: leaf.id,
            doctorId: d.id,
            period,
            type: 'expert',
            feeFen: d.title === '主任医师' ? (big ? 10_000 : 8_000) : 6_000,
            capacity: rng.step(10, 20, 5),
          });
      }
      if (special && Number(special.split('|')[0]) === weekday) {
        plans.push({
          departmentId: leaf.id,
          doctorId: d.id,
          period: special.split('|')[1] as Period,
          type: 'special',
          feeFen: rng.pick([30_000, 50_000]),
          capacity: rng.int(10, 12),
        });
      }
    }
  }
  return plans;
}
