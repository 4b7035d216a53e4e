import { Secret, TOTP } from 'otpauth';

const ISSUER = '城市预约挂号平台';
const PERIOD_S = 30;

/** RFC 6238 codes as every authenticator app makes them (SHA-1, 6 digits, 30 s). */
export function totpFor(secretBase32: string, username: string): TOTP {
  return new TOTP({
    issuer: ISSUER,
    label: username,
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD_S,
    secret: Secret.fromBase32(secretBase32),
  });
}

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/**
 * The time step a code belongs to, accepting the step before and after (a phone's clock a little
 * off), or null when the code is wrong.
 */
export function totpStep(secretBase32: string, code: string, now: number): number | null {
  const delta = totpFor(secretBase32, '').validate({ token: code, timestamp: now, window: 1 });
  return delta === null ? null : Math.floor(now / 1000 / PERIOD_S) + delta;
}

/** The code of this moment (the sandbox shows it to whoever runs the demo). */
export function currentTotp(secretBase32: string, now: number): string {
  return totpFor(secretBase32, '').generate({ timestamp: now });
}

/**
 * The code a sign-in will accept next, given the last step one was used in (a code counts once):
 * this moment's, or the next step's while this one is spent (accepted as a clock a little ahead);
 * null when both are spent. For the sandbox's code endpoint only.
 */
export function nextUsableTotp(
  secretBase32: string,
  lastStep: number | null,
  now: number,
): { code: string; step: number } | null {
  const step = Math.floor(now / 1000 / PERIOD_S);
  const usable = lastStep === null || lastStep < step ? step : lastStep === step ? step + 1 : null;
  if (usable === null) return null;
  return { code: totpFor(secretBase32, '').generate({ timestamp: usable * PERIOD_S * 1000 }), step: usable };
}

export const TOTP_PERIOD_SECONDS = PERIOD_S;
