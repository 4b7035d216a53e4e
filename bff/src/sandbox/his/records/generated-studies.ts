import type { RegisteredPatient } from './patient-index.js';
import { clinicTime, SeededRandom, uidOf } from './seed.js';

export type PhantomKind = 'ct' | 'dx' | 'us';

export interface GeneratedInstance {
  uid: string;
  number: number;
  sopClassUid: string;
  kind: PhantomKind;
  rows: number;
  columns: number;
  /** Where in its series the image lies (0-based) and how many there are: the phantom varies with it. */
  index: number;
  count: number;
  /** Seeds the phantom's small variations. */
  seed: string;
}

export interface GeneratedSeries {
  uid: string;
  number: number;
  modality: string;
  description: string;
  bodySite: { code: string; display: string };
  instances: GeneratedInstance[];
}

export interface GeneratedStudy {
  /** The FHIR id: `<门诊号>-<modality>` (the StudyInstanceUID is its identifier, not its id). */
  id: string;
  uid: string;
  accessionNumber: string;
  modality: string;
  description: string;
  started: number;
  series: GeneratedSeries[];
}

export const SOP_CLASSES = {
  ct: '1.2.840.10008.5.1.4.1.1.2',
  dx: '1.2.840.10008.5.1.4.1.1.1.1',
  us: '1.2.840.10008.5.1.4.1.1.6.1',
} as const;

interface StudyPlan {
  kind: PhantomKind;
  modality: string;
  description: string;
  seriesDescription: string;
  bodySite: { code: string; display: string };
  daysBefore: [number, number];
  images: (r: SeededRandom) => number;
  rows: number;
  columns: number;
}

const PLANS: readonly StudyPlan[] = [
  {
    kind: 'ct',
    modality: 'CT',
    description: '胸部CT平扫',
    seriesDescription: '胸部 轴位 5mm',
    bodySite: { code: '51185008', display: '胸部' },
    daysBefore: [20, 60],
    images: (r) => r.int(16, 24),
    rows: 512,
    columns: 512,
  },
  {
    kind: 'dx',
    modality: 'DX',
    description: '胸部正位',
    seriesDescription: '胸部 后前位',
    bodySite: { code: '51185008', display: '胸部' },
    daysBefore: [90, 200],
    images: () => 1,
    rows: 1000,
    columns: 820,
  },
  {
    kind: 'us',
    modality: 'US',
    description: '甲状腺超声',
    seriesDescription: '甲状腺 横切/纵切',
    bodySite: { code: '69748006', display: '甲状腺' },
    daysBefore: [5, 15],
    images: () => 2,
    rows: 480,
    columns: 640,
  },
];

/** A registered patient's three imaging studies (CT, DX, US), the same every time for the same patient. */
export function generateStudies(code: string, p: RegisteredPatient): GeneratedStudy[] {
  return PLANS.map((plan, i) => {
    const seed = `${code}/${p.mrn}/${plan.modality}`;
    const r = new SeededRandom(seed);
    const uid = uidOf(`study/${seed}`);
    const daysBefore = r.int(plan.daysBefore[0], plan.daysBefore[1]);
    const started = clinicTime(p.since, daysBefore, r);
    const count = plan.images(r);
    const seriesUid = uidOf(`series/${seed}/1`);
    return {
      id: `${p.mrn}-${plan.modality}`,
      uid,
      accessionNumber: `A${p.mrn.slice(2)}${i + 1}`,
      modality: plan.modality,
      description: plan.description,
      started,
      series: [
        {
          uid: seriesUid,
          number: 1,
          modality: plan.modality,
          description: plan.seriesDescription,
          bodySite: plan.bodySite,
          instances: Array.from({ length: count }, (_, k) => ({
            uid: uidOf(`instance/${seed}/1/${k + 1}`),
            number: k + 1,
            sopClassUid: SOP_CLASSES[plan.kind],
            kind: plan.kind,
            rows: plan.rows,
            columns: plan.columns,
            index: k,
            count,
            seed: `${seed}/${k + 1}`,
          })),
        },
      ],
    };
  });
}
