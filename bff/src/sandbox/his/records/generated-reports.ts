import type { ResultFlag } from '@cityhealth/shared-types';
import type { GeneratedStudy } from './generated-studies.js';
import { type LabItem, type LabPanel, panelOf, type QuantityItem } from './lab-catalogue.js';
import type { RegisteredPatient } from './patient-index.js';
import { clinicTime, SeededRandom } from './seed.js';

export type ReportStatus = 'registered' | 'partial' | 'final';

export interface GeneratedResult {
  /** The Observation id: `<report id>-<n>`. */
  id: string;
  code: string;
  abbr: string;
  name: string;
  status: 'registered' | 'final';
  unit: string | null;
  /** A number, a text (qualitative items) or nothing yet. */
  value: number | string | null;
  low: number | null;
  high: number | null;
  rangeText: string;
  flag: ResultFlag | null;
}

export interface GeneratedReport {
  /** `<门诊号>-L<nn>` for lab reports, `<门诊号>-R<nn>` for exam reports. */
  id: string;
  category: 'LAB' | 'RAD';
  status: ReportStatus;
  code: { system: string; code: string };
  title: string;
  department: string;
  doctor: string;
  specimen: string | null;
  effective: number;
  issued: number | null;
  results: GeneratedResult[];
  findings: string | null;
  impression: string | null;
  /** Title, findings and impression in English (the PDF without a CJK font). */
  en: { title: string; findings: string | null; impression: string | null };
  /** The exam report of this study. */
  studyId: string | null;
  /** The Binary id of its PDF (`<report id>-pdf`), null while nothing is issued. */
  pdfId: string | null;
}

const HOUR = 3_600_000;
const LOINC = 'http://loinc.org';
const LAB_DOCTORS = ['王敏', '刘洋', '陈静', '杨帆', '赵磊'] as const;
const RAD_DOCTORS = ['孙志强', '周丽', '吴昊', '郑晓东'] as const;

function rangeText(low: number | null, high: number | null, digits: number): string {
  const f = (v: number) => v.toFixed(digits);
  if (low !== null && high !== null) return `${f(low)}-${f(high)}`;
  if (high !== null) return `<${f(high)}`;
  if (low !== null) return `>${f(low)}`;
  return '';
}

function flagOf(item: QuantityItem, value: number, low: number | null, high: number | null): ResultFlag {
  if (item.criticalLow !== undefined && value < item.criticalLow) return 'LL';
  if (item.criticalHigh !== undefined && value > item.criticalHigh) return 'HH';
  if (low !== null && value < low) return 'L';
  if (high !== null && value > high) return 'H';
  return 'N';
}

/** A value for an item: mostly within range, sometimes out of it; `forced` makes it critical. */
function quantity(r: SeededRandom, item: QuantityItem, female: boolean, forced: 'critical' | null) {
  const { low, high } = female && item.female ? item.female : item;
  const lo = low ?? (high ?? 1) * 0.35;
  const hi = high ?? (low ?? 1) * 1.9;
  let value: number;
  if (forced === 'critical' && item.criticalHigh !== undefined) value = item.criticalHigh * r.between(1.05, 1.25, 3);
  else if (forced === 'critical' && item.criticalLow !== undefined) value = item.criticalLow * r.between(0.6, 0.9, 3);
  else {
    const roll = r.next();
    if (roll < 0.12 && high !== null) value = high * r.between(1.05, 1.6, 3);
    else if (roll < 0.2 && low !== null && low > 0) value = low * r.between(0.7, 0.97, 3);
    else value = r.between(lo + (hi - lo) * 0.1, hi - (hi - lo) * 0.1, 4);
  }
  const rounded = Number(value.toFixed(item.digits));
  return { value: rounded, low, high, flag: flagOf(item, rounded, low, high), text: rangeText(low, high, item.digits) };
}

function result(
  r: SeededRandom,
  id: string,
  item: LabItem,
  female: boolean,
  measured: boolean,
  forced: 'critical' | null,
): GeneratedResult {
  const base = { id, code: item.code, abbr: item.abbr, name: item.name };
  if (item.kind === 'qualitative') {
    const abnormal = r.next() < 0.15;
    return {
      ...base,
      status: measured ? 'final' : 'registered',
      unit: null,
      value: measured ? (abnormal ? r.pick(item.abnormal) : item.normal) : null,
      low: null,
      high: null,
      rangeText: item.normal,
      flag: measured ? (abnormal ? 'A' : 'N') : null,
    };
  }
  const v = quantity(r, item, female, forced);
  return {
    ...base,
    status: measured ? 'final' : 'registered',
    unit: item.unit || null,
    value: measured ? v.value : null,
    low: v.low,
    high: v.high,
    rangeText: v.text,
    flag: measured ? v.flag : null,
  };
}

interface LabPlan {
  panel: LabPanel['key'];
  status: ReportStatus;
  daysBefore: number;
  critical?: string;
}

/** Five finished panels, a blood count still partly open, and a liver panel registered but not run. */
const LAB_PLANS: readonly LabPlan[] = [
  { panel: 'cbc', status: 'final', daysBefore: 180 },
  { panel: 'liver', status: 'final', daysBefore: 120 },
  { panel: 'lipids', status: 'final', daysBefore: 75 },
  { panel: 'glucose', status: 'final', daysBefore: 30, critical: 'GLU' },
  { panel: 'urine', status: 'final', daysBefore: 12 },
  { panel: 'cbc', status: 'partial', daysBefore: 1 },
  { panel: 'liver', status: 'registered', daysBefore: 0 },
];

function labReport(code: string, p: RegisteredPatient, plan: LabPlan, n: number): GeneratedReport {
  const id = `${p.mrn}-L${String(n).padStart(2, '0')}`;
  const r = new SeededRandom(`${code}/${p.mrn}/${id}`);
  const panel = panelOf(plan.panel);
  // the registered one: an hour before the booking at the latest; the others on a working day before it
  const effective = plan.daysBefore === 0 ? p.since - r.int(1, 3) * HOUR : clinicTime(p.since, plan.daysBefore, r);
  const female = p.gender === 'female';
  const measuredCount = plan.status === 'final' ? panel.items.length : plan.status === 'partial' ? 4 : 0;
  const results =
    plan.status === 'registered'
      ? []
      : panel.items.map((item, i) =>
          result(r, `${id}-${i + 1}`, item, female, i < measuredCount, item.abbr === plan.critical ? 'critical' : null),
        );
  return {
    id,
    category: 'LAB',
    status: plan.status,
    code: { system: LOINC, code: panel.code },
    title: panel.title,
    department: '检验科',
    doctor: r.pick(LAB_DOCTORS),
    specimen: panel.specimen,
    effective,
    issued: plan.status === 'registered' ? null : effective + r.int(2, 5) * HOUR,
    results,
    findings: null,
    impression: null,
    en: { title: panel.titleEn, findings: null, impression: null },
    studyId: null,
    pdfId: null,
  };
}

interface ExamText {
  findings: string;
  impression: string;
  /** The same in English, for a PDF lettered without a CJK font. */
  en: [findings: string, impression: string];
}

const EXAM_TEXTS: Record<string, readonly ExamText[]> = {
  CT: [
    {
      findings: '双肺纹理清晰，右肺上叶见一直径约4mm磨玻璃结节，边界清。纵隔居中，未见肿大淋巴结。双侧胸腔未见积液。',
      impression: '右肺上叶微小磨玻璃结节，建议12个月后复查。',
      en: [
        'A 4 mm ground-glass nodule with clear margins in the right upper lobe. ' +
          'Mediastinum central, no enlarged nodes.',
        'Tiny ground-glass nodule, right upper lobe; follow-up CT in 12 months.',
      ],
    },
    {
      findings: '双肺野清晰，未见明显实质性病变。气管及主支气管通畅。心影大小形态正常。',
      impression: '胸部CT平扫未见明显异常。',
      en: ['Both lungs clear, airways patent, heart of normal size and shape.', 'No abnormality on plain chest CT.'],
    },
  ],
  DX: [
    {
      findings: '两肺纹理清晰，未见实变影。心影不大，两膈面光整，肋膈角锐利。',
      impression: '心肺膈未见明显异常。',
      en: ['Clear lung markings, no consolidation; heart not enlarged; sharp costophrenic angles.', 'Normal chest.'],
    },
    {
      findings: '两肺纹理稍增多，右下肺野见少许条索影。心影大小正常。',
      impression: '右下肺少许纤维灶。',
      en: ['Slightly increased lung markings, a few linear opacities in the right lower zone.', 'Minor fibrosis, RLL.'],
    },
  ],
  US: [
    {
      findings: '甲状腺形态大小正常，右叶见一大小约5×4mm低回声结节，边界清，形态规则，未见钙化。',
      impression: '甲状腺右叶结节，TI-RADS 3类。',
      en: [
        'A 5 x 4 mm hypoechoic, well-defined nodule in the right lobe, no calcification.',
        'Right lobe nodule, TI-RADS 3.',
      ],
    },
    {
      findings: '甲状腺形态大小正常，包膜光整，实质回声均匀，未见明显占位。',
      impression: '甲状腺未见明显异常。',
      en: ['Thyroid of normal size and shape, smooth capsule, homogeneous echo, no mass.', 'Normal thyroid.'],
    },
  ],
  ECG: [
    {
      findings: '窦性心律，心率72次/分，PR间期0.16s，QRS时限0.09s，QT/QTc 0.38/0.41s。',
      impression: '正常心电图。',
      en: ['Sinus rhythm, 72 bpm, PR 0.16 s, QRS 0.09 s, QT/QTc 0.38/0.41 s.', 'Normal ECG.'],
    },
    {
      findings: '窦性心律，心率58次/分，各导联ST-T未见明显异常。',
      impression: '窦性心动过缓。',
      en: ['Sinus rhythm, 58 bpm, no ST-T changes.', 'Sinus bradycardia.'],
    },
  ],
};

const DEPARTMENT_OF: Record<string, string> = { CT: '放射科', DX: '放射科', US: '超声科', ECG: '心电图室' };

function examReport(
  code: string,
  p: RegisteredPatient,
  n: number,
  exam: { key: string; title: string; titleEn: string; loinc: string; at: number; studyId: string | null },
): GeneratedReport {
  const id = `${p.mrn}-R${String(n).padStart(2, '0')}`;
  const r = new SeededRandom(`${code}/${p.mrn}/${id}`);
  const text = r.pick(EXAM_TEXTS[exam.key]!);
  return {
    id,
    category: 'RAD',
    status: 'final',
    code: { system: LOINC, code: exam.loinc },
    title: exam.title,
    department: DEPARTMENT_OF[exam.key]!,
    doctor: r.pick(RAD_DOCTORS),
    specimen: null,
    effective: exam.at,
    issued: exam.at + r.int(1, 26) * HOUR,
    results: [],
    findings: text.findings,
    impression: text.impression,
    en: { title: exam.titleEn, findings: text.en[0], impression: text.en[1] },
    studyId: exam.studyId,
    pdfId: `${id}-pdf`,
  };
}

const TITLE_EN: Record<string, string> = { CT: 'Chest CT (plain)', DX: 'Chest X-ray (PA)', US: 'Thyroid ultrasound' };
const STUDY_LOINC: Record<string, string> = { CT: '30745-4', DX: '36643-5', US: '24842-1' };

/** A registered patient's reports, newest last, the same every time for the same patient at the same hospital. */
export function generateReports(code: string, p: RegisteredPatient, studies: GeneratedStudy[]): GeneratedReport[] {
  const labs = LAB_PLANS.map((plan, i) => labReport(code, p, plan, i + 1));
  const exams = studies.map((s, i) =>
    examReport(code, p, i + 1, {
      key: s.modality,
      title: s.description,
      titleEn: TITLE_EN[s.modality] ?? s.modality,
      loinc: STUDY_LOINC[s.modality] ?? '18748-4',
      at: s.started,
      studyId: s.id,
    }),
  );
  const ecgAt = clinicTime(p.since, 45, new SeededRandom(`${code}/${p.mrn}/ecg`));
  exams.push(
    examReport(code, p, exams.length + 1, {
      key: 'ECG',
      title: '常规心电图',
      titleEn: 'Resting ECG',
      loinc: '11524-6',
      at: ecgAt,
      studyId: null,
    }),
  );
  return [...labs, ...exams].sort((a, b) => a.effective - b.effective);
}
