import crypto from 'node:crypto';

/** The headers of a signed call between the platform and a hospital, in either direction. */
export const SIGNATURE_HEADERS = {
  hospitalCode: 'x-hospital-code',
  timestamp: 'x-timestamp',
  nonce: 'x-nonce',
  signature: 'x-signature',
  /** `HMAC-SHA256` (also when absent) or `HMAC-SM3` (GB/T 39786). */
  method: 'x-signature-method',
} as const;

export const SIGNATURE_METHODS = ['HMAC-SHA256', 'HMAC-SM3'] as const;
export type SignatureMethod = (typeof SIGNATURE_METHODS)[number];
export const DEFAULT_SIGNATURE_METHOD: SignatureMethod = 'HMAC-SHA256';

/** The digest behind a method: of the body, and of the HMAC. */
const DIGEST: Record<SignatureMethod, string> = { 'HMAC-SHA256': 'sha256', 'HMAC-SM3': 'sm3' };

/** The method a call names in X-Signature-Method (absent: HMAC-SHA256); null for one we do not know. */
export function signatureMethodOf(header: string | undefined): SignatureMethod | null {
  if (header === undefined) return DEFAULT_SIGNATURE_METHOD;
  return SIGNATURE_METHODS.find((m) => m === header.toUpperCase()) ?? null;
}

/** A signed call's timestamp may be this far from our clock, either way. */
export const MAX_CLOCK_SKEW_SECONDS = 300;

/** A nonce is at least this long: enough randomness that two honest calls never share one. */
export const MIN_NONCE_LENGTH = 16;
/** A nonce: printable ASCII without spaces, as a header carries it. */
export const NONCE_PATTERN = new RegExp(`^[!-~]{${MIN_NONCE_LENGTH},64}$`);
export const TIMESTAMP_PATTERN = /^\d{1,12}$/;
/**
 * A nonce is remembered as long as a call carrying it could still pass the timestamp check: a
 * timestamp up to the skew ahead of the receiver's clock stays acceptable until twice the skew has passed.
 */
export const NONCE_REMEMBER_MS = (2 * MAX_CLOCK_SKEW_SECONDS + 60) * 1000;

export interface SignedParts {
  method: string;
  /** The request target as sent: path and query string, exactly as they appear on the wire. */
  pathWithQuery: string;
  /** Unix seconds, as a decimal string. */
  timestamp: string;
  nonce: string;
  /** The body's bytes (empty for none). */
  body: Buffer | string;
}

/** METHOD \n PATH_WITH_QUERY \n TIMESTAMP \n NONCE \n hex(SHA-256(body)), or hex(SM3(body)) under HMAC-SM3 */
export function stringToSign(p: SignedParts, method: SignatureMethod = DEFAULT_SIGNATURE_METHOD): string {
  const bodyHash = crypto.createHash(DIGEST[method]).update(p.body).digest('hex');
  return [p.method.toUpperCase(), p.pathWithQuery, p.timestamp, p.nonce, bodyHash].join('\n');
}

/** base64(HMAC-SHA256(secret, stringToSign)), or base64(HMAC-SM3(…)) */
export function signHospitalCall(
  secret: string,
  p: SignedParts,
  method: SignatureMethod = DEFAULT_SIGNATURE_METHOD,
): string {
  return crypto.createHmac(DIGEST[method], secret).update(stringToSign(p, method)).digest('base64');
}

/** Whether `signature` is the signature of these parts under any of the secrets (compared in constant time). */
export function signatureMatches(
  secrets: readonly string[],
  p: SignedParts,
  signature: string,
  method: SignatureMethod = DEFAULT_SIGNATURE_METHOD,
): boolean {
  const given = Buffer.from(signature, 'base64');
  // both digests are 32 bytes
  if (given.length !== 32 || given.toString('base64') !== signature) return false;
  const text = stringToSign(p, method);
  let matched = false;
  for (const secret of secrets) {
    const expected = crypto.createHmac(DIGEST[method], secret).update(text).digest();
    matched = crypto.timingSafeEqual(expected, given) || matched;
  }
  return matched;
}

/** The headers of a call signed now with `secret`: four, and X-Signature-Method unless HMAC-SHA256. */
export function signedHeaders(
  hospitalCode: string,
  secret: string,
  call: Omit<SignedParts, 'timestamp' | 'nonce'>,
  nowMs: number,
  method: SignatureMethod = DEFAULT_SIGNATURE_METHOD,
): Record<string, string> {
  const timestamp = String(Math.floor(nowMs / 1000));
  const nonce = crypto.randomBytes(16).toString('base64url');
  const signature = signHospitalCall(secret, { ...call, timestamp, nonce }, method);
  return {
    [SIGNATURE_HEADERS.hospitalCode]: hospitalCode,
    [SIGNATURE_HEADERS.timestamp]: timestamp,
    [SIGNATURE_HEADERS.nonce]: nonce,
    [SIGNATURE_HEADERS.signature]: signature,
    ...(method === DEFAULT_SIGNATURE_METHOD ? {} : { [SIGNATURE_HEADERS.method]: method }),
  };
}
