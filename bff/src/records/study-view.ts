import type { DiagnosticReport, ImagingStudy } from '@medplum/fhirtypes';
import { MODALITY_WORDS, type StudySummary, type WindowPreset } from '@cityhealth/shared-types';
import { instant, reportStatus } from './report-view.js';

/** The usual CT windows (Hounsfield units). */
export const CT_WINDOWS: WindowPreset[] = [
  { id: 'lung', label: '肺窗', center: -600, width: 1500 },
  { id: 'mediastinum', label: '纵隔窗', center: 40, width: 400 },
  { id: 'bone', label: '骨窗', center: 400, width: 1800 },
  { id: 'brain', label: '脑窗', center: 40, width: 80 },
];

/** The StudyInstanceUID of an ImagingStudy (identifier urn:dicom:uid, value urn:oid:<uid>). */
export function studyUidOf(s: ImagingStudy): string | null {
  const id = (s.identifier ?? []).find((i) => i.system === 'urn:dicom:uid')?.value ?? '';
  const uid = id.replace(/^urn:oid:/, '');
  return /^[0-9.]{1,64}$/.test(uid) ? uid : null;
}

export function modalityOf(s: ImagingStudy): string {
  return s.modality?.[0]?.code ?? s.series?.[0]?.modality?.code ?? 'OT';
}

export function studySummary(
  s: ImagingStudy,
  hospital: { id: string; name: string },
  report: DiagnosticReport | undefined,
): StudySummary {
  const modality = modalityOf(s);
  return {
    studyId: s.id as string,
    hospitalId: hospital.id,
    hospitalName: hospital.name,
    modality,
    modalityWords: MODALITY_WORDS[modality] ?? modality,
    description: s.description ?? `${MODALITY_WORDS[modality] ?? modality}检查`,
    bodyPart: s.series?.[0]?.bodySite?.display ?? null,
    startedAt: instant(s.started),
    seriesCount: s.numberOfSeries ?? s.series?.length ?? 0,
    imageCount: s.numberOfInstances ?? (s.series ?? []).reduce((n, se) => n + (se.instance?.length ?? 0), 0),
    hasReport: !!report,
  };
}

export function studyReport(report: DiagnosticReport | undefined) {
  if (!report) return null;
  const doctor = [...(report.resultsInterpreter ?? []), ...(report.performer ?? [])].find(
    (p) => p.reference?.startsWith('Practitioner') || p.type === 'Practitioner',
  );
  const status = reportStatus(report.status);
  return {
    status,
    conclusion: report.conclusion ?? null,
    performer: doctor?.display ?? null,
    issuedAt: status === 'pending' ? null : instant(report.issued),
  };
}

/** A window preset by its id: only those of CT_WINDOWS. */
export function windowOf(id: string | undefined): [number, number] | null {
  const preset = CT_WINDOWS.find((w) => w.id === id);
  return preset ? [preset.center, preset.width] : null;
}
