import {
  documentOfSystem,
  normalizeDocumentNumber,
  normalizeIdNumber,
  RESIDENT_ID_SYSTEM,
} from '@cityhealth/shared-types';
import type { PushRequest } from '../hospital-his.js';
import { dateFilter, SearchParameterInvalid } from './fhir-dates.js';
import {
  type BundleEntry,
  DICOMWEB_ENDPOINT_ID,
  endpointResource,
  MRN_SYSTEM,
  observationResource,
  operationOutcome,
  patientResource,
  reportResource,
  searchset,
  studyResource,
} from './fhir-resources.js';
import type { GeneratedReport } from './generated-reports.js';
import type { RegisteredPatient } from './patient-index.js';
import { type Answer, fhirReply, type HospitalRecords, type PatientRecords } from './hospital-records.js';

/* The FHIR R4 side of an emulated HIS: the searches and reads of docs/records.md. */

const MAX_COUNT = 500;

interface FhirCall {
  records: HospitalRecords;
  req: PushRequest;
  /** The path under …/fhir, e.g. `/DiagnosticReport` or `/Binary/x`. */
  path: string;
  query: URLSearchParams;
  /** This FHIR server's base URL, as the caller reached it. */
  base: string;
}

const notFound = (what: string) => fhirReply(operationOutcome('not-found', `${what} is not known here`), 404);
const invalid = (message: string) => fhirReply(operationOutcome('invalid', message), 400);

/** The values of a parameter, repeated or comma-separated (FHIR OR-lists). */
const listOf = (query: URLSearchParams, name: string): string[] =>
  query.getAll(name).flatMap((v) =>
    v
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  );

function countOf(query: URLSearchParams): number {
  const raw = query.get('_count');
  if (raw === null) return 100;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new SearchParameterInvalid('_count must be a whole number');
  return Math.min(n, MAX_COUNT);
}

/** The patient a search is limited to (`patient` or `subject`, with or without `Patient/`). */
function subjectOf(c: FhirCall): PatientRecords | null | 'missing' {
  const raw = c.query.get('patient') ?? c.query.get('subject');
  if (!raw) return 'missing';
  const id = raw.startsWith('Patient/') ? raw.slice('Patient/'.length) : raw;
  return c.records.recordsByMrn(id);
}

function selfUrl(c: FhirCall): string {
  const q = c.query.toString();
  return `${c.base}${c.path}${q ? `?${q}` : ''}`;
}

async function pdfSizes(c: FhirCall, r: PatientRecords, reports: GeneratedReport[]) {
  const sizes = new Map<string, number>();
  for (const report of reports)
    if (report.pdfId) sizes.set(report.id, (await c.records.o.pdfs.get(c.records.code, r.patient, report)).byteLength);
  return (report: GeneratedReport) => sizes.get(report.id) ?? null;
}

/**
 * Patient?identifier=<system>|<value>[&name=<name>]: by a document (the resident ID, a passport, a
 * permit …; registering on first ask) or the 门诊号. A value without a system is the resident ID.
 */
async function searchPatients(c: FhirCall): Promise<Answer> {
  const identifier = c.query.get('identifier');
  if (!identifier) return { kind: 'patient', reply: invalid('Patient search needs identifier=<system>|<value>') };
  const bar = identifier.indexOf('|');
  const system = bar >= 0 ? identifier.slice(0, bar) : null;
  const value = bar >= 0 ? identifier.slice(bar + 1) : identifier;
  const name = c.query.get('name')?.trim() ?? null;
  let patient: RegisteredPatient | null = null;
  const documentSystem = system ?? RESIDENT_ID_SYSTEM;
  if (documentOfSystem(documentSystem)) {
    const document = {
      system: documentSystem,
      value: documentSystem === RESIDENT_ID_SYSTEM ? normalizeIdNumber(value) : normalizeDocumentNumber(value),
    };
    // registering (建档) needs the name too; without it only someone registered before is found
    patient = name ? await c.records.findPatient(document, name) : c.records.his.patients.registered(document);
  }
  if (!patient && (system === MRN_SYSTEM || system === null)) patient = c.records.his.patients.byNumber(value);
  // FHIR string search: case-insensitive, from the start of the name
  if (patient && name && !patient.name.toLowerCase().startsWith(name.toLowerCase())) patient = null;
  const entries: BundleEntry[] = patient ? [{ resource: patientResource(c.records.code, patient), mode: 'match' }] : [];
  return { kind: 'patient', reply: fhirReply(searchset(c.base, selfUrl(c), entries.length, entries)) };
}

function categoryFilter(values: string[]): (r: GeneratedReport) => boolean {
  if (values.length === 0) return () => true;
  const codes = values.map((v) => v.slice(v.indexOf('|') + 1).toUpperCase());
  return (r) => codes.includes(r.category);
}

/** DiagnosticReport?patient=…[&_id][&date][&category][&status][&_count][&_include=DiagnosticReport:result] */
async function searchReports(c: FhirCall): Promise<Answer> {
  const r = subjectOf(c);
  if (r === 'missing') return { kind: 'report', reply: invalid('DiagnosticReport search needs patient=<id>') };
  const ids = listOf(c.query, '_id');
  const inDates = dateFilter(c.query.getAll('date'));
  const inCategory = categoryFilter(listOf(c.query, 'category'));
  const statuses = listOf(c.query, 'status');
  const count = countOf(c.query);
  const includeResults = c.query.getAll('_include').includes('DiagnosticReport:result');
  const matches = (r?.reports ?? [])
    .filter((x) => (ids.length === 0 || ids.includes(x.id)) && inDates(x.effective) && inCategory(x))
    .filter((x) => statuses.length === 0 || statuses.includes(x.status))
    .sort((a, b) => b.effective - a.effective);
  const page = matches.slice(0, count);
  const entries: BundleEntry[] = [];
  if (r) {
    // A PDF's size means making it: only for one report asked by id, not for a list.
    const size = ids.length > 0 ? await pdfSizes(c, r, page) : () => null;
    for (const report of page) entries.push({ resource: reportResource(r.patient, report, size), mode: 'match' });
    if (includeResults)
      for (const report of page)
        for (const result of report.results)
          entries.push({ resource: observationResource(r.patient, report, result), mode: 'include' });
  }
  return { kind: 'report', reply: fhirReply(searchset(c.base, selfUrl(c), matches.length, entries)) };
}

/** ImagingStudy?patient=…[&_id][&started][&modality][&_count] */
function searchStudies(c: FhirCall): Answer {
  const r = subjectOf(c);
  if (r === 'missing') return { kind: 'study', reply: invalid('ImagingStudy search needs patient=<id>') };
  const ids = listOf(c.query, '_id');
  const started = dateFilter(c.query.getAll('started'));
  const modalities = listOf(c.query, 'modality').map((m) => m.slice(m.indexOf('|') + 1).toUpperCase());
  const matches = (r?.studies ?? [])
    .filter((s) => (ids.length === 0 || ids.includes(s.id)) && started(s.started))
    .filter((s) => modalities.length === 0 || modalities.includes(s.modality))
    .sort((a, b) => b.started - a.started);
  const entries: BundleEntry[] = r
    ? matches.slice(0, countOf(c.query)).map((s) => ({ resource: studyResource(r.patient, s), mode: 'match' }))
    : [];
  return { kind: 'study', reply: fhirReply(searchset(c.base, selfUrl(c), matches.length, entries)) };
}

/** The records a resource id belongs to: every id the HIS makes starts with the patient's 门诊号. */
const ownerOf = (c: FhirCall, id: string) => c.records.recordsByMrn(id.split('-')[0]!);

/** Binary/<id>: the PDF itself for Accept: application/pdf, else a Binary resource with the bytes in base64. */
async function readBinary(c: FhirCall, id: string): Promise<Answer> {
  const r = ownerOf(c, id);
  const report = r?.reports.find((x) => x.pdfId === id);
  if (!r || !report) return { kind: 'binary', reply: notFound(`Binary/${id}`) };
  const pdf = await c.records.o.pdfs.get(c.records.code, r.patient, report);
  const accept = String(c.req.headers.accept ?? '');
  if (/application\/pdf/i.test(accept))
    return {
      kind: 'binary',
      reply: { status: 200, body: pdf, type: 'application/pdf', headers: { 'cache-control': 'no-store' } },
    };
  const resource = {
    resourceType: 'Binary',
    id,
    contentType: 'application/pdf',
    data: Buffer.from(pdf).toString('base64'),
  };
  return { kind: 'binary', reply: fhirReply(resource) };
}

async function read(c: FhirCall, type: string, id: string): Promise<Answer> {
  if (type === 'Binary') return readBinary(c, id);
  if (type === 'Endpoint') {
    if (id !== DICOMWEB_ENDPOINT_ID) return { kind: 'endpoint', reply: notFound(`Endpoint/${id}`) };
    const address = c.base.replace(/\/fhir$/, '/dicomweb');
    return { kind: 'endpoint', reply: fhirReply(endpointResource(c.records.code, address)) };
  }
  const r = ownerOf(c, id);
  if (type === 'Patient') {
    const p = c.records.his.patients.byNumber(id);
    return { kind: 'patient', reply: p ? fhirReply(patientResource(c.records.code, p)) : notFound(`Patient/${id}`) };
  }
  if (type === 'DiagnosticReport') {
    const report = r?.reports.find((x) => x.id === id);
    if (!r || !report) return { kind: 'report', reply: notFound(`DiagnosticReport/${id}`) };
    return { kind: 'report', reply: fhirReply(reportResource(r.patient, report, await pdfSizes(c, r, [report]))) };
  }
  if (type === 'Observation') {
    const report = r?.reports.find((x) => x.results.some((o) => o.id === id));
    const result = report?.results.find((o) => o.id === id);
    if (!r || !report || !result) return { kind: 'report', reply: notFound(`Observation/${id}`) };
    return { kind: 'report', reply: fhirReply(observationResource(r.patient, report, result)) };
  }
  if (type === 'ImagingStudy') {
    const study = r?.studies.find((s) => s.id === id);
    if (!r || !study) return { kind: 'study', reply: notFound(`ImagingStudy/${id}`) };
    return { kind: 'study', reply: fhirReply(studyResource(r.patient, study)) };
  }
  return { kind: null, reply: notFound(type) };
}

const SEARCHES: Record<string, (c: FhirCall) => Answer | Promise<Answer>> = {
  Patient: searchPatients,
  DiagnosticReport: searchReports,
  ImagingStudy: searchStudies,
};

/** Answers one FHIR call (already signed and checked). */
export async function answerFhir(c: FhirCall): Promise<Answer> {
  const parts = c.path.split('/').filter(Boolean).map(decodeURIComponent);
  try {
    if (parts.length === 1) {
      const search = SEARCHES[parts[0]!];
      return search ? await search(c) : { kind: null, reply: notFound(`the resource type ${parts[0]}`) };
    }
    if (parts.length === 2) return await read(c, parts[0]!, parts[1]!);
    return { kind: null, reply: notFound(c.path || 'the base') };
  } catch (e) {
    if (e instanceof SearchParameterInvalid) return { kind: null, reply: invalid(e.message) };
    throw e;
  }
}
