import { createSigner, createVerifier } from 'fast-jwt';
import { ORDER_CHANNELS, type OrderChannel } from '@cityhealth/shared-types';
import { AppError } from '../shared/errors.js';
import type { Clock } from '../shared/clock.js';

const ISSUER = 'cityhealth-bff';

/** The channels a patient logs in through (a phone agent books through the console instead). */
export type PatientChannel = Exclude<OrderChannel, 'phone'>;
const PATIENT_CHANNELS = ORDER_CHANNELS.filter((c): c is PatientChannel => c !== 'phone');

export interface PatientSession {
  accountId: string;
  channel: PatientChannel;
}
const AUDIENCE = 'patient-api';

/**
 * Session tokens: HS256 JWTs with the account id as subject and a fixed lifetime. fast-jwt checks
 * the signature synchronously (WebCrypto's async HMAC cost more than the rest of a booking's
 * HTTP path at the peak); expiry is checked here against the domain clock.
 */
export class TokenService {
  private readonly sign: (payload: Record<string, unknown>) => string;
  private readonly decodeVerified: (token: string) => { sub?: unknown; exp?: unknown; ch?: unknown };

  constructor(
    secret: Uint8Array,
    private readonly ttlMs: number,
    private readonly clock: Clock,
  ) {
    const key = Buffer.from(secret);
    this.sign = createSigner({ key, algorithm: 'HS256', iss: ISSUER, aud: AUDIENCE, noTimestamp: true });
    this.decodeVerified = createVerifier({
      key,
      algorithms: ['HS256'],
      allowedIss: ISSUER,
      allowedAud: AUDIENCE,
      ignoreExpiration: true,
      ignoreNotBefore: true,
      requiredClaims: ['sub', 'exp'],
    });
  }

  /** A token for the account, naming the channel (platform or H5) it logged in through. */
  async issue(accountId: string, channel: PatientChannel = 'h5'): Promise<{ token: string; expiresAt: number }> {
    const now = this.clock.now();
    const expiresAt = now + this.ttlMs;
    const token = this.sign({
      sub: accountId,
      ch: channel,
      iat: Math.floor(now / 1000),
      exp: Math.floor(expiresAt / 1000),
    });
    return { token, expiresAt };
  }

  /** The account id of a valid token; UNAUTHENTICATED or TOKEN_EXPIRED otherwise. */
  async verify(token: string): Promise<string> {
    return (await this.verifySession(token)).accountId;
  }

  /** The account and channel of a valid token (a token from before channels were named counts as H5). */
  async verifySession(token: string): Promise<PatientSession> {
    let payload: { sub?: unknown; exp?: unknown; ch?: unknown };
    try {
      payload = this.decodeVerified(token);
    } catch {
      throw new AppError('UNAUTHENTICATED', '登录状态无效，请重新登录');
    }
    if (typeof payload.sub !== 'string' || !payload.sub)
      throw new AppError('UNAUTHENTICATED', '登录状态无效，请重新登录');
    if (typeof payload.exp !== 'number' || payload.exp * 1000 <= this.clock.now()) throw new AppError('TOKEN_EXPIRED');
    const channel = PATIENT_CHANNELS.includes(payload.ch as PatientChannel) ? (payload.ch as PatientChannel) : 'h5';
    return { accountId: payload.sub, channel };
  }
}
