import type { TravelDocumentType } from '@cityhealth/shared-types';

/** The outcome of checking a name against an ID number at the authority's data source. */
export type IdentityCheck = 'match' | 'mismatch' | 'no-record';

/** A document other than the resident ID card, as the entry-exit authority's records hold it. */
export interface TravelDocument {
  type: TravelDocumentType;
  /** Normalised: no spaces, letters upper-case. */
  number: string;
  name: string;
  /** ISO 3166-1 alpha-3; CHN for the permits of Hong Kong, Macao and Taiwan residents. */
  nationality: string;
}

/**
 * 身份证二要素核验, and the same check of the documents the entry-exit administration issues or
 * records (出入境证件核验: passports, the permits of Hong Kong, Macao and Taiwan residents, the
 * foreigner's permanent-residence card). Resolves with the outcome; fails with REAL_NAME_UNAVAILABLE
 * when the service cannot answer, or REAL_NAME_MISMATCH when it refuses the input itself.
 */
export interface IdentityVerifier {
  verify(name: string, idNumber: string): Promise<IdentityCheck>;
  verifyDocument(document: TravelDocument): Promise<IdentityCheck>;
}
