import { SignJWT, errors, jwtVerify } from 'jose';
import { AppError } from '../shared/errors.js';
import type { Clock } from '../shared/clock.js';

const ISSUER = 'cityhealth-bff';
const AUDIENCE = 'patient-api';

/** Session tokens: HS256 JWTs with the account id as subject and a fixed lifetime. */
export class TokenService {
  /** Imported once: jose would otherwise import the raw secret on every sign and verify. */
  private readonly key: ReturnType<typeof crypto.subtle.importKey>;

  constructor(
    secret: Uint8Array,
    private readonly ttlMs: number,
    private readonly clock: Clock,
  ) {
    this.key = crypto.subtle.importKey('raw', secret, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
  }

  async issue(accountId: string): Promise<{ token: string; expiresAt: number }> {
    const now = this.clock.now();
    const expiresAt = now + this.ttlMs;
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(accountId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(Math.floor(now / 1000))
      .setExpirationTime(Math.floor(expiresAt / 1000))
      .sign(await this.key);
    return { token, expiresAt };
  }

  /** The account id of a valid token; UNAUTHENTICATED or TOKEN_EXPIRED otherwise. */
  async verify(token: string): Promise<string> {
    try {
      const { payload } = await jwtVerify(token, await this.key, {
        issuer: ISSUER,
        audience: AUDIENCE,
        algorithms: ['HS256'],
        currentDate: new Date(this.clock.now()),
      });
      if (typeof payload.sub !== 'string' || !payload.sub) throw new AppError('UNAUTHENTICATED');
      return payload.sub;
    } catch (e) {
      if (e instanceof errors.JWTExpired) throw new AppError('TOKEN_EXPIRED');
      if (e instanceof AppError) throw e;
      throw new AppError('UNAUTHENTICATED', '登录状态无效，请重新登录');
    }
  }
}
