import type { DepartmentBatch, DoctorBatch, ScheduleBatch, ScheduleUpsert } from '@cityhealth/shared-types';
import { demoHospitalCodes, planDemoCatalog } from '../../db/seed/demo-catalog-plan.js';
import type { DemoHospital } from '../../db/seed/demo-hospitals.js';
import { planDemoDay, type DemoLeaf } from '../../db/seed/demo-sessions.js';
import { addDays, shanghaiDate } from '../../shared/time.js';

/**
 * The version of everything the demo HIS publishes: the data is a pure function of the hospital and
 * the date, so publishing it again is `unchanged`. Raise it when the seed's generators change.
 */
export const DEMO_HIS_VERSION = 1;

export interface DemoHisBatches {
  code: string;
  departments: DepartmentBatch;
  doctors: DoctorBatch;
  schedules: ScheduleBatch;
}

/** A demo hospital's catalog and sessions as its own HIS keeps them, by its own codes (科室编码, 医生编码, 排班号). */
export function demoHisBatches(name: string, now: number): DemoHisBatches {
  const hospital = [...demoHospitalCodes()].find(([h]) => h.name === name);
  if (!hospital) throw new Error(`no demo hospital ${name}`);
  const [info, code] = hospital;
  const groups = planDemoCatalog(info);
  const departments: DepartmentBatch['items'] = [];
  const doctors: DoctorBatch['items'] = [];
  const leaves: DemoLeaf[] = [];
  groups.forEach((group, gi) => {
    const groupCode = `K${String(gi + 1).padStart(2, '0')}`;
    departments.push({
      hisDepartmentCode: groupCode,
      name: group.name,
      parentCode: null,
      intro: group.intro,
      sort: group.sort,
    });
    group.children.forEach((child, ci) => {
      const leafCode = `${groupCode}${String(ci + 1).padStart(2, '0')}`;
      const { intro, sort } = child;
      departments.push({ hisDepartmentCode: leafCode, name: child.name, parentCode: groupCode, intro, sort });
      const leaf: DemoLeaf = { id: leafCode, name: child.name, doctors: [] };
      for (const d of child.doctors) {
        const doctorCode = `YS${String(doctors.length + 1).padStart(4, '0')}`;
        doctors.push({ hisDoctorCode: doctorCode, hisDepartmentCode: leafCode, ...d });
        leaf.doctors.push({ id: doctorCode, name: d.name, title: d.title });
      }
      leaves.push(leaf);
    });
  });
  const version = DEMO_HIS_VERSION;
  return {
    code,
    departments: { version, items: departments },
    doctors: { version, items: doctors },
    schedules: { version, items: demoSessions(info, code, leaves, now) },
  };
}

/** The sessions of the days the hospital has released (today .. today + daysAhead - 1, Asia/Shanghai). */
function demoSessions(info: DemoHospital, code: string, leaves: DemoLeaf[], now: number): ScheduleUpsert[] {
  const hospital = { id: code, code, level: info.level, releaseTime: info.releaseTime, daysAhead: info.daysAhead };
  const today = shanghaiDate(now);
  const items: ScheduleUpsert[] = [];
  for (let i = 0; i < info.daysAhead; i++) {
    const date = addDays(today, i);
    for (const p of planDemoDay(hospital, leaves, date)) {
      items.push({
        hisScheduleId: [date.replaceAll('-', ''), p.departmentId, p.doctorId ?? 'PT', p.period, p.type].join('-'),
        hisDepartmentCode: p.departmentId,
        hisDoctorCode: p.doctorId,
        date,
        period: p.period,
        type: p.type,
        feeFen: p.feeFen,
        capacity: p.capacity,
      });
    }
  }
  return items;
}
