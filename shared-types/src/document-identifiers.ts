import type { DOCUMENT_TYPES } from './labels.js';

type DocumentType = (typeof DOCUMENT_TYPES)[number];

/**
 * The FHIR identifier systems a patient's document is filed under at the hospitals (docs/records.md).
 * The ID card's is the OID of WS/T 500's document headers; a passport's is HL7's per issuing country
 * (`http://hl7.org/fhir/sid/passport-<ISO 3166 alpha-3>`, the NamingSystems passportNumNS-<XXX> of
 * HL7 Terminology); the permits and the permanent-residence card have no published system, so they
 * are this platform's own URNs, one per document.
 */
export const RESIDENT_ID_SYSTEM = 'urn:oid:2.16.156.10011.1.3';
export const PASSPORT_SYSTEM_PREFIX = 'http://hl7.org/fhir/sid/passport-';
export const OWN_DOCUMENT_SYSTEMS = {
  'hk-macao-permit': 'urn:cityhealth:sid:hk-macao-permit',
  'taiwan-permit': 'urn:cityhealth:sid:taiwan-permit',
  'foreign-permanent-residence': 'urn:cityhealth:sid:foreign-permanent-residence',
} as const;

/** HL7 v2 table 0203 identifier types, where one fits the document (the permits have none). */
export const IDENTIFIER_TYPE_CODES: Partial<Record<DocumentType, string>> = { 'id-card': 'NNCHN', passport: 'PPN' };

export interface DocumentIdentifier {
  system: string;
  value: string;
}

/** A document as the hospitals file it; null for a child without one or a passport of unknown country. */
export function documentIdentifier(
  type: DocumentType,
  number: string,
  nationality: string | null,
): DocumentIdentifier | null {
  switch (type) {
    case 'id-card':
      return { system: RESIDENT_ID_SYSTEM, value: number };
    case 'passport':
      return nationality ? { system: `${PASSPORT_SYSTEM_PREFIX}${nationality}`, value: number } : null;
    case 'child':
      return null;
    default:
      return { system: OWN_DOCUMENT_SYSTEMS[type], value: number };
  }
}

/** Which document an identifier system names (the passport's country with it); null: not a document's. */
export function documentOfSystem(system: string): { type: DocumentType; nationality: string | null } | null {
  if (system === RESIDENT_ID_SYSTEM) return { type: 'id-card', nationality: null };
  const country = system.startsWith(PASSPORT_SYSTEM_PREFIX) ? system.slice(PASSPORT_SYSTEM_PREFIX.length) : null;
  if (country !== null) return /^[A-Z]{3}$/.test(country) ? { type: 'passport', nationality: country } : null;
  const own = Object.entries(OWN_DOCUMENT_SYSTEMS).find(([, s]) => s === system);
  return own ? { type: own[0] as DocumentType, nationality: null } : null;
}
