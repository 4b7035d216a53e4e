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
import { DEPARTMENT_TEMPLATES, type GroupTemplate } from './demo-departments.js';
import { DEMO_HOSPITALS, DISTRICT_CODES, type DemoHospital } from './demo-hospitals.js';
import { doctorIntro, doctorName, doctorSpecialty, TITLES, type TitleKey } from './demo-people.js';
import { hash32, Prng } from './prng.js';

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

/** The departments a hospital of this size keeps from its kind's template. */
function chooseGroups(rng: Prng, hospital: DemoHospital): GroupTemplate[] {
  const top = hospital.level === '3A';
  const keep = top ? 0.7 : hospital.level.startsWith('3') ? 0.4 : 0.15;
  // The first sub-department of a group is its mainstay (心血管内科, 普通外科 …): every hospital keeps it.
  return DEPARTMENT_TEMPLATES[hospital.kind]
    .filter((g) => g.core || rng.chance(keep))
    .map((g) => ({
      ...g,
      children: [g.children[0]!, ...rng.sample(g.children.slice(1), rng.int(top ? 1 : 0, top ? 2 : 1))],
    }));
}

function doctorTitles(rng: Prng, hospital: DemoHospital): TitleKey[] {
  if (hospital.level === '3A') return ['chief', 'associate', 'attending'];
  if (hospital.level.startsWith('3')) return ['chief', 'associate', 'attending'].slice(0, rng.int(2, 3)) as TitleKey[];
  return rng.chance(0.5) ? ['associate', 'attending'] : ['associate'];
}

const phoneOf = (name: string): string => {
  const h = hash32(name);
  return `010-${h % 2 ? 6 : 8}${String(h % 10_000_000).padStart(7, '0')}`;
};

/** Writes the demo hospitals, their two-level departments and doctors (marked demo). */
export async function writeDemoCatalog(tx: Queryable, now: number): Promise<DemoCatalogCounts> {
  const hospitals: HospitalRow[] = [];
  const departments: DepartmentRow[] = [];
  const doctors: DoctorRow[] = [];
  const perDistrict = new Map<string, number>();

  for (const hospital of DEMO_HOSPITALS) {
    const rng = new Prng(`demo|${hospital.name}`);
    const n = (perDistrict.get(hospital.district) ?? 0) + 1;
    perDistrict.set(hospital.district, n);
    const hospitalId = newId();
    const code = `${DISTRICT_CODES[hospital.district] ?? '110000'}${String(n).padStart(2, '0')}`;
    const groups = chooseGroups(rng, hospital);
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
      intro,
      releaseTime: hospital.releaseTime,
      daysAhead: hospital.daysAhead,
      onlinePayment: hospital.onlinePayment,
      webhookUrl: null,
      demo: true,
      createdAt: now,
      updatedAt: now,
    });

    const usedNames = new Set<string>();
    groups.forEach((group, gi) => {
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
        sort: (gi + 1) * 100,
      });
      group.children.forEach((child, ci) => {
        const childId = newId();
        const ck = pinyinKeys(child.name, KEY_LIMITS.department);
        departments.push({
          id: childId,
          hospitalId,
          parentId: groupId,
          name: child.name,
          namePinyin: ck.pinyin,
          nameInitials: ck.initials,
          intro: `主要诊治${child.topics.join('、')}等。`,
          sort: (gi + 1) * 100 + ci + 1,
        });
        for (const title of doctorTitles(rng, hospital)) {
          const name = doctorName(rng, usedNames);
          const dk = pinyinKeys(name, KEY_LIMITS.doctor);
          doctors.push({
            id: newId(),
            hospitalId,
            departmentId: childId,
            name,
            namePinyin: dk.pinyin,
            nameInitials: dk.initials,
            title: TITLES[title],
            specialty: doctorSpecialty(rng, child.topics),
            intro: doctorIntro(rng, title, child.name),
          });
        }
      });
    });
  }

  await insertRows(tx, Hospital, hospitals, 100);
  await insertRows(tx, Department, departments);
  await insertRows(tx, Doctor, doctors);
  return { hospitals: hospitals.length, departments: departments.length, doctors: doctors.length };
}
