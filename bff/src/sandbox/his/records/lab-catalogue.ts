/** What a lab item is: its code (LOINC), name, unit and reference range; sex-specific where it differs. */
export interface QuantityItem {
  kind: 'quantity';
  code: string;
  abbr: string;
  name: string;
  /** UCUM-ish, as a Chinese lab report prints it. */
  unit: string;
  digits: number;
  low: number | null;
  high: number | null;
  /** Ranges for women when they differ. */
  female?: { low: number | null; high: number | null };
  /** 危急值: below or above these a result is flagged LL / HH. */
  criticalLow?: number;
  criticalHigh?: number;
}

export interface QualitativeItem {
  kind: 'qualitative';
  code: string;
  abbr: string;
  name: string;
  normal: string;
  abnormal: readonly string[];
}

export type LabItem = QuantityItem | QualitativeItem;

export interface LabPanel {
  key: 'cbc' | 'liver' | 'lipids' | 'glucose' | 'urine';
  /** LOINC of the panel. */
  code: string;
  title: string;
  titleEn: string;
  specimen: string;
  items: readonly LabItem[];
}

const q = (
  code: string,
  abbr: string,
  name: string,
  unit: string,
  digits: number,
  low: number | null,
  high: number | null,
  more: Partial<QuantityItem> = {},
): QuantityItem => ({ kind: 'quantity', code, abbr, name, unit, digits, low, high, ...more });

/** The panels the emulated HIS's laboratory runs (adult ranges as printed by Chinese hospitals). */
export const LAB_PANELS: readonly LabPanel[] = [
  {
    key: 'cbc',
    code: '58410-2',
    title: '血常规',
    titleEn: 'Complete blood count',
    specimen: '静脉血',
    items: [
      q('6690-2', 'WBC', '白细胞计数', '10^9/L', 2, 3.5, 9.5),
      q('770-8', 'NEUT%', '中性粒细胞百分比', '%', 1, 40, 75),
      q('736-9', 'LYMPH%', '淋巴细胞百分比', '%', 1, 20, 50),
      q('789-8', 'RBC', '红细胞计数', '10^12/L', 2, 4.3, 5.8, { female: { low: 3.8, high: 5.1 } }),
      q('718-7', 'HGB', '血红蛋白', 'g/L', 0, 130, 175, { female: { low: 115, high: 150 }, criticalLow: 50 }),
      q('4544-3', 'HCT', '红细胞压积', '%', 1, 40, 50, { female: { low: 35, high: 45 } }),
      q('787-2', 'MCV', '平均红细胞体积', 'fL', 1, 82, 100),
      q('777-3', 'PLT', '血小板计数', '10^9/L', 0, 125, 350, { criticalLow: 30, criticalHigh: 1000 }),
    ],
  },
  {
    key: 'liver',
    code: '24325-3',
    title: '肝功能',
    titleEn: 'Liver function',
    specimen: '血清',
    items: [
      q('1742-6', 'ALT', '丙氨酸氨基转移酶', 'U/L', 0, 9, 50, { female: { low: 7, high: 40 } }),
      q('1920-8', 'AST', '天门冬氨酸氨基转移酶', 'U/L', 0, 15, 40, { female: { low: 13, high: 35 } }),
      q('2324-2', 'GGT', 'γ-谷氨酰转移酶', 'U/L', 0, 10, 60, { female: { low: 7, high: 45 } }),
      q('6768-6', 'ALP', '碱性磷酸酶', 'U/L', 0, 45, 125),
      q('1975-2', 'TBIL', '总胆红素', 'μmol/L', 1, 0, 21),
      q('1968-7', 'DBIL', '直接胆红素', 'μmol/L', 1, 0, 6.8),
      q('2885-2', 'TP', '总蛋白', 'g/L', 1, 65, 85),
      q('1751-7', 'ALB', '白蛋白', 'g/L', 1, 40, 55),
    ],
  },
  {
    key: 'lipids',
    code: '57698-3',
    title: '血脂四项',
    titleEn: 'Lipid panel',
    specimen: '血清',
    items: [
      q('2093-3', 'TC', '总胆固醇', 'mmol/L', 2, null, 5.2),
      q('2571-8', 'TG', '甘油三酯', 'mmol/L', 2, null, 1.7),
      q('2085-9', 'HDL-C', '高密度脂蛋白胆固醇', 'mmol/L', 2, 1.04, null),
      q('13457-7', 'LDL-C', '低密度脂蛋白胆固醇', 'mmol/L', 2, null, 3.4),
    ],
  },
  {
    key: 'glucose',
    code: '1558-6',
    title: '空腹血糖 + 糖化血红蛋白',
    titleEn: 'Fasting glucose + HbA1c',
    specimen: '静脉血',
    items: [
      q('1558-6', 'GLU', '空腹血糖', 'mmol/L', 2, 3.9, 6.1, { criticalLow: 2.8, criticalHigh: 22.2 }),
      q('4548-4', 'HbA1c', '糖化血红蛋白', '%', 1, 4, 6),
    ],
  },
  {
    key: 'urine',
    code: '24357-6',
    title: '尿常规',
    titleEn: 'Urinalysis',
    specimen: '尿液',
    items: [
      q('5811-5', 'SG', '尿比重', '', 3, 1.005, 1.03),
      q('5803-2', 'pH', '酸碱度', '', 1, 5, 8),
      {
        kind: 'qualitative',
        code: '5804-0',
        abbr: 'PRO',
        name: '尿蛋白',
        normal: '阴性(-)',
        abnormal: ['弱阳性(±)', '阳性(+)'],
      },
      {
        kind: 'qualitative',
        code: '5792-7',
        abbr: 'GLU',
        name: '尿葡萄糖',
        normal: '阴性(-)',
        abnormal: ['阳性(+)', '阳性(2+)'],
      },
      { kind: 'qualitative', code: '5794-3', abbr: 'BLD', name: '潜血', normal: '阴性(-)', abnormal: ['阳性(+)'] },
      q('5821-4', 'WBC', '白细胞（镜检）', '/HPF', 0, 0, 5),
    ],
  },
];

export const panelOf = (key: LabPanel['key']): LabPanel => LAB_PANELS.find((p) => p.key === key)!;
