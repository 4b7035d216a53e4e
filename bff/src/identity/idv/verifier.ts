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

/** 身份证二要素核验: a name against a resident ID number. */
export interface IdCardVerifier {
  verify(name: string, idNumber: string): Promise<IdentityCheck>;
}

/**
 * 出入境证件核验: a name against a document the entry-exit administration issues or records (the
 * Chinese passport, the permits of Hong Kong, Macao and Taiwan residents, the foreigner's
 * permanent-residence card). A foreign passport is refused with DOCUMENT_NOT_VERIFIABLE_ONLINE.
 */
export interface DocumentVerifier {
  verifyDocument(document: TravelDocument): Promise<IdentityCheck>;
}

/**
 * Both checks. Each resolves with the outcome; fails with REAL_NAME_UNAVAILABLE when the service
 * cannot answer, or REAL_NAME_MISMATCH when it refuses the input itself.
 */
export interface IdentityVerifier extends IdCardVerifier, DocumentVerifier {}
