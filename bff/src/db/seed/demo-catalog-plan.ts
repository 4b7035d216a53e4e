import { DEPARTMENT_TEMPLATES, type GroupTemplate } from './demo-departments.js';
import { DEMO_HOSPITALS, DISTRICT_CODES, type DemoHospital } from './demo-hospitals.js';
import { doctorIntro, doctorName, doctorSpecialty, TITLES, type TitleKey } from './demo-people.js';
import { Prng } from './prng.js';

export interface PlannedDoctor {
  name: string;
  title: string;
  specialty: string;
  intro: string;
}

export interface PlannedDepartment {
  name: string;
  intro: string;
  sort: number;
}

export interface PlannedGroup extends PlannedDepartment {
  children: (PlannedDepartment & { doctors: PlannedDoctor[] })[];
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

/** A demo hospital's two-level departments and their doctors: deterministic for its name. */
export function planDemoCatalog(hospital: DemoHospital): PlannedGroup[] {
  const rng = new Prng(`demo|${hospital.name}`);
  const usedNames = new Set<string>();
  return chooseGroups(rng, hospital).map((group, gi) => ({
    name: group.name,
    intro: group.intro,
    sort: (gi + 1) * 100,
    children: group.children.map((child, ci) => ({
      name: child.name,
      intro: `主要诊治${child.topics.join('、')}等。`,
      sort: (gi + 1) * 100 + ci + 1,
      doctors: doctorTitles(rng, hospital).map((title) => {
        const name = doctorName(rng, usedNames);
        const specialty = doctorSpecialty(rng, child.topics);
        return { name, title: TITLES[title], specialty, intro: doctorIntro(rng, title, child.name) };
      }),
    })),
  }));
}

/** Each demo hospital's code: its district's division code and its place in the district. */
export function demoHospitalCodes(): Map<DemoHospital, string> {
  const perDistrict = new Map<string, number>();
  const codes = new Map<DemoHospital, string>();
  for (const hospital of DEMO_HOSPITALS) {
    const n = (perDistrict.get(hospital.district) ?? 0) + 1;
    perDistrict.set(hospital.district, n);
    codes.set(hospital, `${DISTRICT_CODES[hospital.district] ?? '110000'}${String(n).padStart(2, '0')}`);
  }
  return codes;
}
