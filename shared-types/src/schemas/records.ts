import { z } from 'zod';
import { REPORT_CATEGORIES, REPORT_STATUSES, RESULT_FLAGS } from '../labels.js';
import { CalendarDate, Id, Instant } from './common.js';

/* Lab and exam reports (检查检验报告) and imaging (医疗影像, 云胶片), read live from each hospital. */

/** A record's id at its hospital (a FHIR id, or a DICOM UID for images): letters, digits, '-' and '.'. */
export const RecordId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9.-]+$/, '标识格式不正确')
  .meta({ description: 'The record’s id at its hospital' });

export const ReportCategory = z
  .enum(REPORT_CATEGORIES)
  .meta({ description: 'lab: 检验 (blood, urine …); exam: 检查 (ultrasound, CT, X-ray report text)' });
export type ReportCategory = z.infer<typeof ReportCategory>;

export const ReportStatus = z.enum(REPORT_STATUSES).meta({
  description:
    'pending: registered, nothing yet (未出报告); partial: some results (部分出报告); final (已出报告); ' +
    'corrected: amended after issue (已更正); cancelled (已作废)',
});
export type ReportStatus = z.infer<typeof ReportStatus>;

export const ResultFlag = z
  .enum(RESULT_FLAGS)
  .meta({ description: 'FHIR interpretation: N normal, H high, L low, HH/LL critical (危急值), A abnormal' });
export type ResultFlag = z.infer<typeof ResultFlag>;

/* RESULT_FLAG_WORDS, REPORT_DISCLAIMER, MODALITY_WORDS and the status words live in labels.ts (zod-free). */

/** Which hospitals were asked and how each answered: a partial answer names the ones that failed. */
export const HospitalOutcome = z
  .object({
    hospitalId: Id,
    hospitalName: z.string(),
    outcome: z.enum(['ok', 'no-records', 'failed']).meta({
      description: 'ok: answered; no-records: the hospital knows no such patient; failed: slow, down or refused',
    }),
    message: z.string().nullable().meta({ description: 'What a patient reads when it is not ok (Chinese)' }),
  })
  .meta({ id: 'HospitalOutcome' });
export type HospitalOutcome = z.infer<typeof HospitalOutcome>;

const RecordsRange = {
  hospitalId: Id.optional().meta({ description: 'One hospital; without it, every hospital the patient booked at' }),
  from: CalendarDate.optional().meta({ description: 'First day (Asia/Shanghai); default a year back' }),
  to: CalendarDate.optional().meta({ description: 'Last day (Asia/Shanghai); default today' }),
};

export const ReportListQuery = z.object({ ...RecordsRange, category: ReportCategory.optional() }).strict();
export const ImagingListQuery = z.object(RecordsRange).strict();
export const RecordHospitalQuery = z.object({ hospitalId: Id }).strict();

export const PatientReportParams = z.object({ id: Id, reportId: RecordId });
export const PatientStudyParams = z.object({ id: Id, studyId: RecordId });
export const PatientShareParams = z.object({ id: Id, shareId: Id });

export const ReportSummary = z
  .object({
    reportId: RecordId,
    hospitalId: Id,
    hospitalName: z.string(),
    category: ReportCategory,
    title: z.string().meta({ description: 'e.g. 血常规, 肝功能, 腹部彩超' }),
    status: ReportStatus,
    department: z.string().nullable(),
    collectedAt: Instant.nullable().meta({ description: 'When the specimen was taken or the exam done' }),
    issuedAt: Instant.nullable().meta({ description: 'When the report was issued; null while pending' }),
    abnormalCount: z.number().int().min(0).meta({ description: 'Items flagged H, L, HH, LL or A' }),
    criticalCount: z.number().int().min(0).meta({ description: 'Items flagged HH or LL (危急值)' }),
    hasPdf: z.boolean(),
  })
  .meta({ id: 'ReportSummary' });
export type ReportSummary = z.infer<typeof ReportSummary>;

export const ReportList = z
  .object({ items: z.array(ReportSummary), hospitals: z.array(HospitalOutcome) })
  .meta({ id: 'ReportList' });
export type ReportList = z.infer<typeof ReportList>;

export const ReportItem = z
  .object({
    code: z.string().nullable().meta({ description: 'The hospital’s or LOINC code of the item' }),
    name: z.string(),
    result: z.string().nullable().meta({ description: 'The value as the hospital wrote it; null while pending' }),
    unit: z.string().nullable(),
    referenceRange: z.string().nullable().meta({ description: 'e.g. 3.5–9.5' }),
    flag: ResultFlag.nullable(),
    flagWords: z.string().nullable().meta({ description: '偏高 / 偏低 / 危急… (RESULT_FLAG_WORDS), null when normal' }),
    pending: z.boolean(),
  })
  .meta({ id: 'ReportItem' });
export type ReportItem = z.infer<typeof ReportItem>;

export const ReportDetail = ReportSummary.extend({
  items: z.array(ReportItem),
  conclusion: z.string().nullable().meta({ description: 'The text of an exam report (所见与结论)' }),
  performer: z.string().nullable().meta({ description: 'Who issued it (报告医生)' }),
  pdf: z
    .object({ title: z.string(), sizeBytes: z.number().int().nullable() })
    .nullable()
    .meta({ description: 'The original report, at reportPdf' }),
  disclaimer: z.string(),
}).meta({ id: 'ReportDetail' });
export type ReportDetail = z.infer<typeof ReportDetail>;

/** The bytes of a file answer (a PDF, an image). */
const Bytes = z.custom<Uint8Array<ArrayBufferLike>>((v) => v instanceof Uint8Array);
export const ReportPdf = Bytes.meta({ description: 'application/pdf' });

export const ImageRef = z
  .object({
    url: z.string().meta({ description: 'Path of the rendered image on the platform (no hospital address); expires' }),
    thumbnailUrl: z.string(),
  })
  .meta({ id: 'ImageRef' });

export const StudySummary = z
  .object({
    studyId: RecordId,
    hospitalId: Id,
    hospitalName: z.string(),
    modality: z.string().meta({ description: 'DICOM modality: CT, MR, DX, US …' }),
    modalityWords: z.string(),
    description: z.string().meta({ description: 'e.g. 胸部CT平扫' }),
    bodyPart: z.string().nullable(),
    startedAt: Instant.nullable(),
    seriesCount: z.number().int().min(0),
    imageCount: z.number().int().min(0),
    hasReport: z.boolean(),
  })
  .meta({ id: 'StudySummary' });
export type StudySummary = z.infer<typeof StudySummary>;

export const StudyList = z
  .object({ items: z.array(StudySummary), hospitals: z.array(HospitalOutcome) })
  .meta({ id: 'StudyList' });
export type StudyList = z.infer<typeof StudyList>;

export const WindowPreset = z
  .object({
    id: z.string().meta({ description: 'Pass as ?window= to an image url' }),
    label: z.string().meta({ description: 'e.g. 肺窗' }),
    center: z.number(),
    width: z.number(),
  })
  .meta({ id: 'WindowPreset' });
export type WindowPreset = z.infer<typeof WindowPreset>;

export const StudyImage = z
  .object({
    instanceUid: RecordId,
    number: z.number().int().nullable(),
    rows: z.number().int(),
    columns: z.number().int(),
  })
  .extend(ImageRef.shape)
  .meta({ id: 'StudyImage' });

export const StudySeries = z
  .object({
    seriesUid: RecordId,
    number: z.number().int().nullable(),
    modality: z.string(),
    description: z.string().nullable(),
    images: z.array(StudyImage),
  })
  .meta({ id: 'StudySeries' });

export const StudyReport = z
  .object({
    status: ReportStatus,
    conclusion: z.string().nullable(),
    performer: z.string().nullable(),
    issuedAt: Instant.nullable(),
  })
  .meta({ id: 'StudyReport' });

export const StudyDetail = StudySummary.extend({
  series: z.array(StudySeries),
  report: StudyReport.nullable(),
  windowPresets: z.array(WindowPreset).meta({ description: 'CT window presets (肺窗, 纵隔窗, 骨窗); empty otherwise' }),
  imagesExpireAt: Instant.meta({ description: 'Image urls stop working then; fetch the study again' }),
}).meta({ id: 'StudyDetail' });
export type StudyDetail = z.infer<typeof StudyDetail>;

export const ImageQuery = z
  .object({
    size: z.enum(['full', 'thumbnail']).default('full'),
    window: z.string().max(32).optional().meta({ description: 'A window preset id of the study' }),
    format: z.enum(['jpeg', 'png']).default('jpeg'),
  })
  .strict();
export const ImageParams = z.object({ ticket: z.string().min(16).max(2048) });
export const RenderedImage = Bytes.meta({ description: 'image/jpeg or image/png' });

/* 云胶片: a study shared by link with an access code, an expiry and a use count. */

export const CreateShareRequest = z
  .object({
    hospitalId: Id,
    validHours: z
      .number()
      .int()
      .min(1)
      .max(24 * 30)
      .default(72),
    maxUses: z.number().int().min(1).max(100).default(10),
  })
  .strict();

export const ImagingShare = z
  .object({
    shareId: Id,
    studyId: RecordId,
    hospitalId: Id,
    description: z.string(),
    url: z.string().meta({ description: 'Opens in any browser without login; the access code is asked' }),
    accessCode: z.string().meta({ description: '6 digits the patient passes on beside the link' }),
    expiresAt: Instant,
    maxUses: z.number().int(),
    uses: z.number().int(),
    revokedAt: Instant.nullable(),
    createdAt: Instant,
  })
  .meta({ id: 'ImagingShare' });
export type ImagingShare = z.infer<typeof ImagingShare>;
export const ImagingShareList = z.object({ items: z.array(ImagingShare) }).meta({ id: 'ImagingShareList' });

export const ShareParams = z.object({
  token: z
    .string()
    .min(16)
    .max(128)
    .regex(/^[A-Za-z0-9_-]+$/),
});
export const OpenShareRequest = z.object({ accessCode: z.string().regex(/^\d{6}$/, '请输入 6 位数字访问码') }).strict();

export const SharedStudy = z
  .object({
    patientName: z.string().meta({ description: 'Masked, e.g. 张*' }),
    study: StudyDetail,
    expiresAt: Instant,
    usesLeft: z.number().int(),
  })
  .meta({ id: 'SharedStudy' });
export type SharedStudy = z.infer<typeof SharedStudy>;
