import { HOSPITAL_LEVEL_LABELS } from '@cityhealth/shared-types';
import { KEY_LIMITS, pinyinKeys } from '../../core/catalog/pinyin-keys.js';
import { newId } from '../../shared/ids.js';
import type { Queryable } from '../sql/bulk-insert.js';
import { insertRows } from '../sql/table.js';
import {
  Department,
  Doctor,
  Hospital,
  type DepartmentRow,
  type DoctorRow,
  type HospitalRow,
} from '../entities/index.js';
import { demoHospitalCodes, planDemoCatalog } from './demo-catalog-plan.js';
import type { DemoHospital } from './demo-hospitals.js';
import { hash32 } from './prng.js';
import { DEMO_HOSPITAL_LOCATIONS } from './demo-locations.js';

const KIND_LABEL: Record<DemoHospital['kind'], string> = {
  general: '综合医院',
  children: '儿童专科医院',
  dental: '口腔专科医院',
  oncology: '肿瘤专科医院',
  tcm: '中医医院',
  maternity: '妇幼保健机构',
};

export interface DemoCatalogCounts {
  hospitals: number;
  departments: number;
  doctors: number;
}

const phoneOf = (name: string): string => {
  const h = hash32(name);
  return `010-${h % 2 ? 6 : 8}${String(h % 10_000_000).padStart(7, '0')}`;
};

/**
 * Writes the demo hospitals, their two-level departments and doctors (marked demo). The hospitals
 * named in `leaveToHis` get no departments or doctors: their emulated HIS publishes them.
 */
export async function writeDemoCatalog(
  tx: Queryable,
  now: number,
  leaveToHis: ReadonlySet<string> = new Set(),
): Promise<DemoCatalogCounts> {
  const hospitals: HospitalRow[] = [];
  const departments: DepartmentRow[] = [];
  const doctors: DoctorRow[] = [];

  for (const [hospital, code] of demoHospitalCodes()) {
    const hospitalId = newId();
    const groups = planDemoCatalog(hospital);
    const leafNames = groups.flatMap((g) => g.children.map((c) => c.name));
    const intro =
      `${hospital.name}是位于${hospital.district}的${HOSPITAL_LEVEL_LABELS[hospital.level]}${KIND_LABEL[hospital.kind]}，` +
      `集医疗、教学、科研、预防为一体，${hospital.feature}。` +
      `开设${leafNames.slice(0, 6).join('、')}等科室。本院号源每日 ${hospital.releaseTime} 放出第 ${hospital.daysAhead} 天的号，` +
      (hospital.onlinePayment ? '预约时在线支付挂号费。' : '挂号费于就诊当日在医院缴纳。');
    const keys = pinyinKeys(hospital.name, KEY_LIMITS.hospital);
    hospitals.push({
      id: hospitalId,
      code,
      name: hospital.name,
      namePinyin: keys.pinyin,
      nameInitials: keys.initials,
      level: hospital.level,
      district: hospital.district,
      address: hospital.address,
      phone: phoneOf(hospital.name),
      latitude: DEMO_HOSPITAL_LOCATIONS[hospital.name]?.latitude ?? null,
      longitude: DEMO_HOSPITAL_LOCATIONS[hospital.name]?.longitude ?? null,
      intro,
      releaseTime: hospital.releaseTime,
      daysAhead: hospital.daysAhead,
      onlinePayment: hospital.onlinePayment,
      webhookUrl: null,
      fhirBaseUrl: null,
      dicomwebBaseUrl: null,
      demo: true,
      createdAt: now,
      updatedAt: now,
    });

    if (leaveToHis.has(hospital.name)) continue;
    for (const group of groups) {
      const groupId = newId();
      const gk = pinyinKeys(group.name, KEY_LIMITS.department);
      departments.push({
        id: groupId,
        hospitalId,
        parentId: null,
        name: group.name,
        namePinyin: gk.pinyin,
        nameInitials: gk.initials,
        intro: group.intro,
        sort: group.sort,
      });
      for (const child of group.children) {
        const childId = newId();
        const ck = pinyinKeys(child.name, KEY_LIMITS.department);
        departments.push({
          id: childId,
          hospitalId,
          parentId: groupId,
          name: child.name,
          namePinyin: ck.pinyin,
          nameInitials: ck.initials,
          intro: child.intro,
          sort: child.sort,
        });
        for (const doctor of child.doctors) {
          const dk = pinyinKeys(doctor.name, KEY_LIMITS.doctor);
          doctors.push({
            id: newId(),
            hospitalId,
            departmentId: childId,
            ...doctor,
            namePinyin: dk.pinyin,
            nameInitials: dk.initials,
          });
        }
      }
    }
  }

  await insertRows(tx, Hospital, hospitals, 100);
  await insertRows(tx, Department, departments);
  await insertRows(tx, Doctor, doctors);
  return { hospitals: hospitals.length, departments: departments.length, doctors: doctors.length };
}
