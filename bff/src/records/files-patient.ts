import type { Identifier } from '@medplum/fhirtypes';
import type { FilesPatient } from './dicomweb-reader.js';

/** An identifier system as an issuer writes it: the URI, or an OID without its `urn:oid:`. */
const issuerForms = (i: Identifier): string[] =>
  [i.system, i.system?.replace(/^urn:oid:/, ''), i.assigner?.display, i.assigner?.identifier?.value].filter(
    (v): v is string => !!v,
  );

/**
 * Whether a study's files name this FHIR Patient: their PatientID is one of its identifiers (the
 * hospital's own number, or a document's number), and an IssuerOfPatientID the files carry names that
 * identifier's system or assigner, so a number of one document never matches another's.
 */
export function filesNamePatient(files: FilesPatient, identifiers: readonly Identifier[]): boolean {
  return identifiers.some(
    (i) => i.value === files.id && (files.issuer === null || issuerForms(i).includes(files.issuer)),
  );
}
