import type { DiagnosticReport, Observation, Reference } from '@medplum/fhirtypes';
import {
  REPORT_DISCLAIMER,
  RESULT_FLAG_WORDS,
  RESULT_FLAGS,
  type ReportDetail,
  type ReportItem,
  type ReportStatus,
  type ReportSummary,
  type ResultFlag,
} from '@cityhealth/shared-types';
import type { ReportBundle } from './fhir-reader.js';

const STATUS: Record<string, ReportStatus> = {
  registered: 'pending',
  partial: 'partial',
  preliminary: 'partial',
  final: 'final',
  amended: 'corrected',
  corrected: 'corrected',
  appended: 'corrected',
  cancelled: 'cancelled',
};

const ABNORMAL = new Set<ResultFlag>(['H', 'L', 'HH', 'LL', 'A']);
const CRITICAL = new Set<ResultFlag>(['HH', 'LL']);

/** An instant as the contract writes it (UTC), or null when the hospital's value is not a time. */
export function instant(value: string | undefined): string | null {
  if (!value) return null;
  const t = Date.parse(value);
  return Number.isFinite(t) ? new Date(t).toISOString() : null;
}

export const reportStatus = (fhir: string | undefined): ReportStatus => STATUS[fhir ?? ''] ?? 'pending';

const isLab = (r: DiagnosticReport): boolean =>
  (r.category ?? []).some((c) => (c.coding ?? []).some((code) => code.code === 'LAB'));

function flagOf(o: Observation): ResultFlag | null {
  for (const concept of o.interpretation ?? [])
    for (const coding of concept.coding ?? [])
      if ((RESULT_FLAGS as readonly string[]).includes(coding.code ?? '')) return coding.code as ResultFlag;
  return null;
}

function resultOf(o: Observation): string | null {
  if (o.valueQuantity?.value !== undefined) return String(o.valueQuantity.value);
  if (o.valueString !== undefined) return o.valueString;
  if (o.valueCodeableConcept) return o.valueCodeableConcept.text ?? o.valueCodeableConcept.coding?.[0]?.display ?? null;
  if (o.valueInteger !== undefined) return String(o.valueInteger);
  return null;
}

function rangeOf(o: Observation): string | null {
  const range = o.referenceRange?.[0];
  if (!range) return null;
  if (range.text) return range.text;
  const low = range.low?.value;
  const high = range.high?.value;
  if (low !== undefined && high !== undefined) return `${low}–${high}`;
  if (high !== undefined) return `<${high}`;
  if (low !== undefined) return `>${low}`;
  return null;
}

export function reportItem(o: Observation): ReportItem {
  const result = o.status === 'registered' ? null : resultOf(o);
  const flag = result === null ? null : flagOf(o);
  return {
    code: o.code?.coding?.[0]?.code ?? null,
    name: o.code?.text ?? o.code?.coding?.[0]?.display ?? '未命名项目',
    result,
    unit: o.valueQuantity?.unit ?? null,
    referenceRange: rangeOf(o),
    flag,
    flagWords: flag && flag !== 'N' ? RESULT_FLAG_WORDS[flag] : null,
    pending: result === null,
  };
}

/** The department (an Organization) and the doctor (a Practitioner) among a report's performers. */
function performers(r: DiagnosticReport): { department: string | null; doctor: string | null } {
  const refs: Reference[] = [...(r.performer ?? []), ...(r.resultsInterpreter ?? [])];
  const kind = (ref: Reference) => ref.reference?.split('/')[0] ?? ref.type ?? null;
  const department = refs.find((p) => kind(p) === 'Organization')?.display ?? null;
  const doctor = refs.find((p) => kind(p) === 'Practitioner' || kind(p) === 'PractitionerRole')?.display ?? null;
  const untyped = refs.filter((p) => !kind(p)).map((p) => p.display ?? null);
  return { department: department ?? untyped[0] ?? null, doctor: doctor ?? untyped[1] ?? null };
}

export function reportSummary(b: ReportBundle, hospital: { id: string; name: string }): ReportSummary {
  const { report } = b;
  const flags = b.observations.map((o) => reportItem(o).flag).filter((f): f is ResultFlag => !!f);
  const status = reportStatus(report.status);
  return {
    reportId: report.id as string,
    hospitalId: hospital.id,
    hospitalName: hospital.name,
    category: isLab(report) ? 'lab' : 'exam',
    title: report.code?.text ?? report.code?.coding?.[0]?.display ?? '检查检验报告',
    status,
    department: performers(report).department,
    collectedAt: instant(report.effectiveDateTime ?? report.effectivePeriod?.start),
    issuedAt: status === 'pending' ? null : instant(report.issued),
    abnormalCount: flags.filter((f) => ABNORMAL.has(f)).length,
    criticalCount: flags.filter((f) => CRITICAL.has(f)).length,
    hasPdf: (report.presentedForm ?? []).some((f) => f.contentType === 'application/pdf'),
  };
}

export function reportDetail(b: ReportBundle, hospital: { id: string; name: string }): ReportDetail {
  const form = (b.report.presentedForm ?? []).find((f) => f.contentType === 'application/pdf');
  const summary = reportSummary(b, hospital);
  return {
    ...summary,
    items: b.observations.map(reportItem),
    conclusion: b.report.conclusion ?? null,
    performer: performers(b.report).doctor,
    pdf: form ? { title: form.title ?? `${summary.title}.pdf`, sizeBytes: form.size ?? null } : null,
    disclaimer: REPORT_DISCLAIMER,
  };
}
