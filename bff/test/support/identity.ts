import type { Platform } from '@cityhealth/shared-types';
import { checkCharacter } from '@cityhealth/shared-types';
import type { TestApp } from './app.js';

/** A checksum-valid ID number (GB 11643) with the given parts; sequence 999 makes the sandbox report a mismatch. */
let idCounter = Math.floor(Math.random() * 1_000_000);
/** A valid ID number, distinct on every call (birth date and sequence walk a counter; never `999`). */
export function makeIdNumber(o: { region?: string; birth?: string; sequence?: string } = {}): string {
  const n = ++idCounter;
  const sequence = o.sequence ?? String(n % 998).padStart(3, '0');
  const birth =
    o.birth ??
    new Date(Date.UTC(1950, 0, 1) + (Math.floor(n / 998) % 20_000) * 86_400_000)
      .toISOString()
      .slice(0, 10)
      .replaceAll('-', '');
  const first17 = `${o.region ?? '110105'}${birth}${sequence}`;
  return first17 + checkCharacter(first17);
}

let phoneCounter = Math.floor(Math.random() * 10_000_000);
/** A distinct, well-formed mobile number per call. */
export const makePhone = (): string => `139${String(++phoneCounter % 100_000_000).padStart(8, '0')}`;

export const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

/** Logs in through the real platform protocol with a `sandbox:<name>` code. */
export async function loginAs(
  t: TestApp,
  name: string,
  platform: Platform = 'weapp',
): Promise<{ token: string; accountId: string }> {
  const r = await t.http.post('/api/v1/auth/login').send({ platform, code: `sandbox:${name}` });
  if (r.status !== 200) throw new Error(`login failed: ${r.status} ${JSON.stringify(r.body)}`);
  return { token: r.body.token, accountId: r.body.account.id };
}

/** The newest SMS code delivered to a phone, read from the sandbox outbox route. */
export async function latestSmsCode(t: TestApp, phone: string): Promise<string> {
  const r = await t.http.get(`/sandbox/sms/outbox?phone=${phone}`).expect(200);
  const code = r.body.items[0]?.templateParam?.code;
  if (typeof code !== 'string') throw new Error(`no SMS for ${phone}`);
  return code;
}

export const patientBody = (over: Record<string, unknown> = {}) => ({
  name: '张三',
  idNumber: makeIdNumber(),
  phone: makePhone(),
  relation: 'self',
  ...over,
});
