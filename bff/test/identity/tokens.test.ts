import crypto from 'node:crypto';
import { createSigner } from 'fast-jwt';
import { TokenService } from '../../src/identity/tokens.js';
import { ManualClock } from '../../src/shared/clock.js';
import { AppError } from '../../src/shared/errors.js';

const secret = new Uint8Array(crypto.randomBytes(32));
const codeOf = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'accepted';
  } catch (e) {
    return e instanceof AppError ? e.code : String(e);
  }
};

describe('TokenService', () => {
  const clock = new ManualClock(Date.parse('2026-11-22T08:00:00Z'));
  const tokens = new TokenService(secret, 3600_000, clock);

  it('issues a token that verifies to its account until it expires', async () => {
    const { token, expiresAt } = await tokens.issue('acc-1');
    expect(expiresAt).toBe(clock.now() + 3600_000);
    await expect(tokens.verify(token)).resolves.toBe('acc-1');
    clock.advance(3600_000 + 1000);
    expect(await codeOf(tokens.verify(token))).toBe('TOKEN_EXPIRED');
    clock.advance(-(3600_000 + 1000));
  });

  it('refuses tampered, foreign, unsigned and misaddressed tokens', async () => {
    const { token } = await tokens.issue('acc-1');
    const [h, p, s] = token.split('.');
    const forged = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(p!, 'base64url').toString()), sub: 'acc-2' }),
    ).toString('base64url');
    expect(await codeOf(tokens.verify(`${h}.${forged}.${s}`))).toBe('UNAUTHENTICATED');
    const other = new TokenService(new Uint8Array(crypto.randomBytes(32)), 3600_000, clock);
    expect(await codeOf(other.verify(token))).toBe('UNAUTHENTICATED');
    const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${p}.`;
    expect(await codeOf(tokens.verify(none))).toBe('UNAUTHENTICATED');
    const exp = Math.floor(clock.now() / 1000) + 600;
    const wrongAudience = createSigner({
      key: Buffer.from(secret),
      algorithm: 'HS256',
      iss: 'cityhealth-bff',
      aud: 'admin-console',
      noTimestamp: true,
    })({ sub: 'acc-1', exp });
    expect(await codeOf(tokens.verify(wrongAudience))).toBe('UNAUTHENTICATED');
    const noSubject = createSigner({
      key: Buffer.from(secret),
      algorithm: 'HS256',
      iss: 'cityhealth-bff',
      aud: 'patient-api',
      noTimestamp: true,
    })({ exp });
    expect(await codeOf(tokens.verify(noSubject))).toBe('UNAUTHENTICATED');
    expect(await codeOf(tokens.verify('garbage'))).toBe('UNAUTHENTICATED');
  });
});
