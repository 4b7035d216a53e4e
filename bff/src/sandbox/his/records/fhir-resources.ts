import { DOCUMENT_TYPE_LABELS, documentOfSystem, IDENTIFIER_TYPE_CODES } from '@cityhealth/shared-types';
import { beijingRfc3339 } from '../../../shared/time.js';
import type { GeneratedReport, GeneratedResult } from './generated-reports.js';
import type { GeneratedStudy } from './generated-studies.js';
import type { RegisteredPatient } from './patient-index.js';

/* The emulated HIS's records as FHIR R4 resources (JSON). */

export type FhirResource = { resourceType: string; id?: string } & Record<string, unknown>;

/** 门（急）诊号: the emulated HIS's own patient number, assigned by the hospital (its code as assigner). */
export const MRN_SYSTEM = 'urn:oid:2.16.156.10011.1.11';
export const DICOMWEB_ENDPOINT_ID = 'dicomweb';

const V2_0074 = 'http://terminology.hl7.org/CodeSystem/v2-0074';
const V2_0203 = 'http://terminology.hl7.org/CodeSystem/v2-0203';
const INTERPRETATION = 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation';
const OBSERVATION_CATEGORY = 'http://terminology.hl7.org/CodeSystem/observation-category';
const DCM = 'http://dicom.nema.org/resources/ontology/DCM';
const UCUM = 'http://unitsofmeasure.org';

const UCUM_OF: Record<string, string> = {
  '10^9/L': '10*9/L',
  '10^12/L': '10*12/L',
  'μmol/L': 'umol/L',
  '/HPF': '/[HPF]',
};
const FLAG_TEXT: Record<string, string> = {
  N: '正常',
  H: '偏高',
  L: '偏低',
  HH: '危急偏高',
  LL: '危急偏低',
  A: '异常',
};
const CATEGORY_TEXT = { LAB: '检验', RAD: '检查' } as const;

export const patientReference = (p: RegisteredPatient) => ({ reference: `Patient/${p.mrn}`, display: p.name });

/** The document the patient registered with, as an identifier of its system (docs/records.md). */
function documentIdentifier(p: RegisteredPatient): Record<string, unknown> {
  const type = documentOfSystem(p.document.system)?.type ?? 'id-card';
  const code = IDENTIFIER_TYPE_CODES[type];
  return {
    use: 'official',
    type: { ...(code ? { coding: [{ system: V2_0203, code }] } : {}), text: DOCUMENT_TYPE_LABELS[type] },
    ...p.document,
  };
}

export function patientResource(code: string, p: RegisteredPatient): FhirResource {
  return {
    resourceType: 'Patient',
    id: p.mrn,
    identifier: [
      documentIdentifier(p),
      {
        use: 'usual',
        type: { coding: [{ system: V2_0203, code: 'MR' }], text: '门诊号' },
        system: MRN_SYSTEM,
        value: p.mrn,
        assigner: { display: code },
      },
    ],
    active: true,
    name: [{ use: 'official', text: p.name }],
    gender: p.gender,
    ...(p.birthDate ? { birthDate: p.birthDate } : {}),
  };
}

/** A Quantity: with its unit (and UCUM code) when it has one. */
const quantity = (value: number, unit: string | null) =>
  unit ? { value, unit, system: UCUM, code: UCUM_OF[unit] ?? unit } : { value };

export function observationResource(p: RegisteredPatient, report: GeneratedReport, r: GeneratedResult): FhirResource {
  const range: Record<string, unknown> = { text: r.rangeText };
  if (r.low !== null) range.low = quantity(r.low, r.unit);
  if (r.high !== null) range.high = quantity(r.high, r.unit);
  const value =
    r.value === null
      ? {}
      : typeof r.value === 'string'
        ? { valueString: r.value }
        : { valueQuantity: quantity(r.value, r.unit) };
  return {
    resourceType: 'Observation',
    id: r.id,
    status: r.status,
    category: [{ coding: [{ system: OBSERVATION_CATEGORY, code: 'laboratory', display: 'Laboratory' }] }],
    code: { coding: [{ system: 'http://loinc.org', code: r.code, display: r.abbr }], text: r.name },
    subject: patientReference(p),
    effectiveDateTime: beijingRfc3339(report.effective),
    ...(r.status === 'final' && report.issued ? { issued: beijingRfc3339(report.issued) } : {}),
    ...value,
    ...(r.flag
      ? { interpretation: [{ coding: [{ system: INTERPRETATION, code: r.flag }], text: FLAG_TEXT[r.flag] }] }
      : {}),
    referenceRange: [range],
  };
}

export function reportResource(
  p: RegisteredPatient,
  report: GeneratedReport,
  pdfSize: (report: GeneratedReport) => number | null,
): FhirResource {
  const size = report.pdfId ? pdfSize(report) : null;
  return {
    resourceType: 'DiagnosticReport',
    id: report.id,
    status: report.status,
    category: [
      {
        coding: [{ system: V2_0074, code: report.category, display: CATEGORY_TEXT[report.category] }],
        text: CATEGORY_TEXT[report.category],
      },
    ],
    code: { coding: [{ ...report.code }], text: report.title },
    subject: patientReference(p),
    effectiveDateTime: beijingRfc3339(report.effective),
    ...(report.issued ? { issued: beijingRfc3339(report.issued) } : {}),
    performer: [
      { type: 'Organization', display: report.department },
      { type: 'Practitioner', display: report.doctor },
    ],
    ...(report.results.length ? { result: report.results.map((r) => ({ reference: `Observation/${r.id}` })) } : {}),
    ...(report.studyId ? { imagingStudy: [{ reference: `ImagingStudy/${report.studyId}` }] } : {}),
    ...(report.findings ? { conclusion: `所见：${report.findings}\n印象：${report.impression ?? ''}` } : {}),
    ...(report.pdfId
      ? {
          presentedForm: [
            {
              contentType: 'application/pdf',
              url: `Binary/${report.pdfId}`,
              title: `${report.title}报告单`,
              ...(size !== null ? { size } : {}),
            },
          ],
        }
      : {}),
  };
}

export function studyResource(p: RegisteredPatient, s: GeneratedStudy): FhirResource {
  const instances = s.series.reduce((n, se) => n + se.instances.length, 0);
  return {
    resourceType: 'ImagingStudy',
    id: s.id,
    identifier: [
      { system: 'urn:dicom:uid', value: `urn:oid:${s.uid}` },
      { type: { coding: [{ system: V2_0203, code: 'ACSN' }] }, value: s.accessionNumber },
    ],
    status: 'available',
    modality: [{ system: DCM, code: s.modality }],
    subject: patientReference(p),
    started: beijingRfc3339(s.started),
    endpoint: [{ reference: `Endpoint/${DICOMWEB_ENDPOINT_ID}` }],
    numberOfSeries: s.series.length,
    numberOfInstances: instances,
    description: s.description,
    series: s.series.map((se) => ({
      uid: se.uid,
      number: se.number,
      modality: { system: DCM, code: se.modality },
      description: se.description,
      numberOfInstances: se.instances.length,
      endpoint: [{ reference: `Endpoint/${DICOMWEB_ENDPOINT_ID}` }],
      bodySite: { system: 'http://snomed.info/sct', code: se.bodySite.code, display: se.bodySite.display },
      instance: se.instances.map((i) => ({
        uid: i.uid,
        sopClass: { system: 'urn:ietf:rfc:3986', code: `urn:oid:${i.sopClassUid}` },
        number: i.number,
      })),
    })),
  };
}

export function endpointResource(code: string, address: string): FhirResource {
  return {
    resourceType: 'Endpoint',
    id: DICOMWEB_ENDPOINT_ID,
    status: 'active',
    connectionType: {
      system: 'http://terminology.hl7.org/CodeSystem/endpoint-connection-type',
      code: 'dicom-wado-rs',
    },
    name: `${code} PACS (DICOMweb)`,
    payloadType: [{ text: 'DICOM' }],
    payloadMimeType: ['application/dicom'],
    address,
  };
}

export interface BundleEntry {
  resource: FhirResource;
  mode: 'match' | 'include';
}

export function searchset(base: string, self: string, total: number, entries: BundleEntry[]): FhirResource {
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total,
    link: [{ relation: 'self', url: self }],
    entry: entries.map(({ resource, mode }) => ({
      fullUrl: `${base}/${resource.resourceType}/${resource.id}`,
      resource,
      search: { mode },
    })),
  };
}

/** An error as FHIR answers it: the issue type (not-found, invalid, security …), our error code and why. */
export function operationOutcome(code: string, diagnostics: string, error?: string): FhirResource {
  return {
    resourceType: 'OperationOutcome',
    issue: [{ severity: 'error', code, ...(error ? { details: { text: error } } : {}), diagnostics }],
  };
}
