import type { IncomingHttpHeaders } from 'node:http';
import {
  MAX_CLOCK_SKEW_SECONDS,
  MIN_NONCE_LENGTH,
  NONCE_PATTERN,
  NONCE_REMEMBER_MS,
  SIGNATURE_HEADERS,
  TIMESTAMP_PATTERN,
  signatureMatches,
  signatureMethodOf,
} from '../../hospital/signature.js';
import type { Clock } from '../../shared/clock.js';

/** A call to the emulated HIS as it arrived: the request target exactly as on the wire, and its body. */
export interface SignedCall {
  method: string;
  target: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** Why a call was refused: the HTTP status, an error code and a sentence. */
export interface Refusal {
  status: 401;
  error: string;
  reason: string;
}

const KEEP_NONCES = 50_000;

const header = (h: IncomingHttpHeaders, name: string): string | undefined => {
  const v = h[name];
  return typeof v === 'string' ? v : undefined;
};

/**
 * How one hospital's system checks a call from the platform (a push, or a records read): the
 * signature headers, that the call names this hospital, the timestamp window, the signature under
 * the secret it holds (asking the platform again after a mismatch) and, last, that the nonce is
 * new. One implementation for every kind of call the emulated HIS takes.
 */
export class SignedCallCheck {
  private readonly nonces = new Map<string, number>();
  /** Like a hospital during a rotation, it accepts the secret it had and the one it was given since. */
  private secrets: string[];

  constructor(
    private readonly code: string,
    secret: string,
    private readonly clock: Clock,
  ) {
    this.secrets = [secret];
  }

  /** The newest secret held: what the hospital signs its own calls to the platform with. */
  get secret(): string {
    return this.secrets[0]!;
  }

  /** `renewSecret` asks the platform again after a mismatch (null: nothing newer). Null: the call passes. */
  async check(req: SignedCall, renewSecret: () => Promise<string | null>): Promise<Refusal | null> {
    const now = this.clock.now();
    const refuse = (error: string, reason: string): Refusal => ({ status: 401, error, reason });
    const code = header(req.headers, SIGNATURE_HEADERS.hospitalCode);
    const timestamp = header(req.headers, SIGNATURE_HEADERS.timestamp);
    const nonce = header(req.headers, SIGNATURE_HEADERS.nonce);
    const signature = header(req.headers, SIGNATURE_HEADERS.signature);
    if (!code || !timestamp || !nonce || !signature)
      return refuse('SIGNATURE_MISSING', 'X-Hospital-Code, X-Timestamp, X-Nonce and X-Signature are required');
    if (code !== this.code) return refuse('HOSPITAL_MISMATCH', `X-Hospital-Code ${code} is not ${this.code}`);
    if (!TIMESTAMP_PATTERN.test(timestamp) || Math.abs(now / 1000 - Number(timestamp)) > MAX_CLOCK_SKEW_SECONDS)
      return refuse('TIMESTAMP_SKEWED', `X-Timestamp is more than ${MAX_CLOCK_SKEW_SECONDS} s off`);
    if (!NONCE_PATTERN.test(nonce))
      return refuse('NONCE_INVALID', `X-Nonce must be ${MIN_NONCE_LENGTH}–64 printable characters`);
    const parts = { method: req.method, pathWithQuery: req.target, timestamp, nonce, body: req.body };
    const method = signatureMethodOf(header(req.headers, SIGNATURE_HEADERS.method));
    if (!method) return refuse('SIGNATURE_INVALID', 'X-Signature-Method must be HMAC-SHA256 or HMAC-SM3');
    if (!signatureMatches(this.secrets, parts, signature, method)) {
      const renewed = await renewSecret();
      if (!renewed || !signatureMatches([renewed], parts, signature, method))
        return refuse('SIGNATURE_INVALID', 'X-Signature does not match this hospital’s secret');
      this.secrets = [renewed, ...this.secrets.filter((s) => s !== renewed)].slice(0, 2);
    }
    if (!this.rememberNonce(nonce, now)) return refuse('NONCE_REPLAYED', 'X-Nonce was used before');
    return null;
  }

  private rememberNonce(nonce: string, now: number): boolean {
    for (const [seen, at] of this.nonces) {
      if (now - at <= NONCE_REMEMBER_MS && this.nonces.size < KEEP_NONCES) break;
      this.nonces.delete(seen);
    }
    if (this.nonces.has(nonce)) return false;
    this.nonces.set(nonce, now);
    return true;
  }
}
