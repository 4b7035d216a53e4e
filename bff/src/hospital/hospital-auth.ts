import type { Database } from '../db/database.js';
import type { Clock } from '../shared/clock.js';
import { AppError } from '../shared/errors.js';
import { hospitalByCode } from './hospital-registry.js';
import type { HospitalSecrets } from './hospital-secrets.js';
import type { HospitalNonces } from './nonces.js';
import {
  MAX_CLOCK_SKEW_SECONDS,
  NONCE_PATTERN,
  SIGNATURE_HEADERS,
  TIMESTAMP_PATTERN,
  signatureMatches,
  signatureMethodOf,
} from './signature.js';

/** The hospital a signed call came from. */
export interface HospitalCaller {
  hospitalId: string;
  hospitalCode: string;
}

export interface SignedRequest {
  method: string;
  pathWithQuery: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

const header = (r: SignedRequest, name: string): string | undefined => {
  const v = r.headers[name];
  return typeof v === 'string' ? v : undefined;
};

/**
 * Checks a hospital's signed call: its headers, that the hospital exists, the timestamp within
 * MAX_CLOCK_SKEW_SECONDS, the signature under one of its active secrets (over the method, the
 * request target, the timestamp, the nonce and the body's hash), and, last, that the nonce is
 * new, so no unsigned call can use up a hospital's nonces.
 */
export class HospitalAuthenticator {
  constructor(
    private readonly db: Database,
    private readonly secrets: HospitalSecrets,
    private readonly nonces: HospitalNonces,
    private readonly clock: Clock,
  ) {}

  async authenticate(r: SignedRequest): Promise<HospitalCaller> {
    const code = header(r, SIGNATURE_HEADERS.hospitalCode);
    const timestamp = header(r, SIGNATURE_HEADERS.timestamp);
    const nonce = header(r, SIGNATURE_HEADERS.nonce);
    const signature = header(r, SIGNATURE_HEADERS.signature);
    if (!code || !timestamp || !nonce || !signature) throw new AppError('HOSPITAL_SIGNATURE_MISSING');
    if (!TIMESTAMP_PATTERN.test(timestamp)) throw new AppError('HOSPITAL_TIMESTAMP_SKEWED');
    if (!NONCE_PATTERN.test(nonce)) throw new AppError('HOSPITAL_NONCE_INVALID');
    const hospital = await hospitalByCode(this.db, code);
    if (!hospital) throw new AppError('HOSPITAL_UNKNOWN');
    const now = this.clock.now();
    if (Math.abs(now / 1000 - Number(timestamp)) > MAX_CLOCK_SKEW_SECONDS)
      throw new AppError('HOSPITAL_TIMESTAMP_SKEWED');
    const secrets = await this.secrets.active(hospital.id);
    const parts = { method: r.method, pathWithQuery: r.pathWithQuery, timestamp, nonce, body: r.body };
    const method = signatureMethodOf(header(r, SIGNATURE_HEADERS.method));
    if (!method || !signatureMatches(secrets, parts, signature, method))
      throw new AppError('HOSPITAL_SIGNATURE_INVALID');
    if (!(await this.nonces.remember(hospital.id, nonce, now))) throw new AppError('HOSPITAL_NONCE_REPLAYED');
    return { hospitalId: hospital.id, hospitalCode: code };
  }
}
