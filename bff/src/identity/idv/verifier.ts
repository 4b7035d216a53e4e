/** The outcome of checking a name against an ID number at the authority's data source. */
export type IdentityCheck = 'match' | 'mismatch' | 'no-record';

/**
 * 身份证二要素核验. Resolves with the outcome; fails with REAL_NAME_UNAVAILABLE when the service
 * cannot answer, or REAL_NAME_MISMATCH when it refuses the input itself.
 */
export interface IdentityVerifier {
  verify(name: string, idNumber: string): Promise<IdentityCheck>;
}
