import type {
  Binary,
  Bundle,
  DiagnosticReport,
  ImagingStudy,
  Observation,
  Patient,
  Resource,
} from '@medplum/fhirtypes';
import type { DocumentIdentifier } from '@cityhealth/shared-types';
import type { HisRecordsClient } from './his-records-client.js';
import { HospitalUnavailable } from './his-records-client.js';
import type { RecordsEndpoint } from './records-endpoints.js';

const FHIR_JSON = 'application/fhir+json';
const MAX_PDF_BYTES = 20 * 1024 * 1024;

export interface ReportQuery {
  from: string;
  to: string;
  category?: 'LAB' | 'RAD';
}

export interface ReportBundle {
  report: DiagnosticReport;
  observations: Observation[];
}

const q = (params: Record<string, string | string[] | undefined>): string => {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) for (const one of v === undefined ? [] : [v].flat()) s.append(k, one);
  return s.toString();
};

/**
 * The FHIR R4 searches the platform makes at a hospital (docs/records.md), answering only what
 * belongs to the patient asked about: every resource's subject is checked against that Patient.
 */
export class FhirReader {
  constructor(private readonly client: HisRecordsClient) {}

  /**
   * The hospital's Patients carrying exactly this document (its identifier system and number; none
   * when it does not know the person).
   */
  async patients(e: RecordsEndpoint, document: DocumentIdentifier, name: string): Promise<Patient[]> {
    const bundle = await this.search<Patient>(
      e,
      `/Patient?${q({ identifier: `${document.system}|${document.value}`, name })}`,
    );
    return bundle
      .filter((p) => p.resourceType === 'Patient' && p.id)
      .filter((p) => (p.identifier ?? []).some((i) => i.system === document.system && i.value === document.value));
  }

  async reports(e: RecordsEndpoint, patientId: string, query: ReportQuery): Promise<ReportBundle[]> {
    const resources = await this.search<DiagnosticReport | Observation>(
      e,
      `/DiagnosticReport?${q({
        patient: patientId,
        date: [`ge${query.from}`, `le${query.to}`],
        category: query.category,
        _include: 'DiagnosticReport:result',
        _count: '100',
      })}`,
      true,
    );
    return this.grouped(resources, patientId);
  }

  async report(e: RecordsEndpoint, patientId: string, reportId: string): Promise<ReportBundle | null> {
    const resources = await this.search<DiagnosticReport | Observation>(
      e,
      `/DiagnosticReport?${q({ _id: reportId, patient: patientId, _include: 'DiagnosticReport:result' })}`,
      true,
    );
    return this.grouped(resources, patientId).find((r) => r.report.id === reportId) ?? null;
  }

  /** The PDF a report's presentedForm names: inline data, or a Binary on the same server (never another address). */
  async pdf(e: RecordsEndpoint, report: DiagnosticReport): Promise<Buffer | null> {
    const form = (report.presentedForm ?? []).find((f) => f.contentType === 'application/pdf');
    if (!form) return null;
    if (form.data) return checkedPdf(Buffer.from(form.data, 'base64'));
    const binaryId = /^Binary\/([A-Za-z0-9.-]{1,64})$/.exec(form.url ?? '')?.[1];
    if (!binaryId) return null;
    const answer = await this.client.get(e, 'fhir', `/Binary/${binaryId}`, 'application/pdf');
    if (answer.status === 404) return null;
    if (answer.contentType.includes('json')) {
      const binary = JSON.parse(answer.body.toString('utf8')) as Binary;
      return binary.data ? checkedPdf(Buffer.from(binary.data, 'base64')) : null;
    }
    return checkedPdf(answer.body);
  }

  async studies(e: RecordsEndpoint, patientId: string, from: string, to: string): Promise<ImagingStudy[]> {
    const found = await this.search<ImagingStudy>(
      e,
      `/ImagingStudy?${q({ patient: patientId, started: [`ge${from}`, `le${to}`], _count: '100' })}`,
    );
    return found.filter((s) => s.resourceType === 'ImagingStudy' && isSubject(s.subject?.reference, patientId));
  }

  async study(e: RecordsEndpoint, patientId: string, studyId: string): Promise<ImagingStudy | null> {
    const found = await this.search<ImagingStudy>(e, `/ImagingStudy?${q({ _id: studyId, patient: patientId })}`);
    return (
      found.find(
        (s) => s.resourceType === 'ImagingStudy' && s.id === studyId && isSubject(s.subject?.reference, patientId),
      ) ?? null
    );
  }

  /** The exam reports (RAD) of a patient that belong to imaging studies, by study id. */
  async studyReports(
    e: RecordsEndpoint,
    patientId: string,
    from: string,
    to: string,
  ): Promise<Map<string, DiagnosticReport>> {
    const reports = await this.reports(e, patientId, { from, to, category: 'RAD' });
    const byStudy = new Map<string, DiagnosticReport>();
    for (const { report } of reports)
      for (const ref of report.imagingStudy ?? []) {
        const id = /^ImagingStudy\/(.+)$/.exec(ref.reference ?? '')?.[1];
        if (id) byStudy.set(id, report);
      }
    return byStudy;
  }

  private grouped(resources: (DiagnosticReport | Observation)[], patientId: string): ReportBundle[] {
    const observations = new Map<string, Observation>();
    for (const r of resources)
      if (r.resourceType === 'Observation' && r.id && (!r.subject || isSubject(r.subject.reference, patientId)))
        observations.set(r.id, r);
    return resources
      .filter((r): r is DiagnosticReport => r.resourceType === 'DiagnosticReport')
      .filter((r) => !!r.id && isSubject(r.subject?.reference, patientId) && r.status !== 'entered-in-error')
      .map((report) => ({
        report,
        observations: (report.result ?? [])
          .map((ref) => observations.get(/^Observation\/(.+)$/.exec(ref.reference ?? '')?.[1] ?? ''))
          .filter((o): o is Observation => !!o && o.status !== 'entered-in-error'),
      }));
  }

  private async search<T extends Resource>(e: RecordsEndpoint, pathWithQuery: string, all = false): Promise<T[]> {
    const answer = await this.client.get(e, 'fhir', pathWithQuery, FHIR_JSON);
    if (answer.status === 404) return [];
    let bundle: Bundle;
    try {
      bundle = JSON.parse(answer.body.toString('utf8')) as Bundle;
    } catch {
      throw new HospitalUnavailable(e.hospitalId, 'failed', 'the FHIR answer is not JSON');
    }
    if (bundle.resourceType !== 'Bundle')
      throw new HospitalUnavailable(e.hospitalId, 'failed', 'the FHIR answer is not a Bundle');
    return (bundle.entry ?? [])
      .filter((entry) => all || entry.search?.mode !== 'include')
      .map((entry) => entry.resource)
      .filter((r): r is T => !!r);
  }
}

const isSubject = (reference: string | undefined, patientId: string): boolean =>
  reference === `Patient/${patientId}` || (reference?.endsWith(`/Patient/${patientId}`) ?? false);

function checkedPdf(bytes: Buffer): Buffer | null {
  return bytes.length <= MAX_PDF_BYTES && bytes.subarray(0, 5).toString('latin1') === '%PDF-' ? bytes : null;
}
