import type { TestApp } from './app.js';
import { auth, loginAs, makeIdNumber, makePhone } from './identity.js';

export interface RecordsPatient {
  token: string;
  accountId: string;
  patientId: string;
  name: string;
  headers: Record<string, string>;
}

/** An account with one 就诊人 added and verified through the API (the identity emulator). */
export async function verifiedPatientOf(
  t: TestApp,
  login: string,
  o: { name?: string; idNumber?: string; verify?: boolean } = {},
): Promise<RecordsPatient> {
  const { token, accountId } = await loginAs(t, login);
  const headers = auth(token);
  const name = o.name ?? '李四';
  const created = await t.http
    .post('/api/v1/patients')
    .set(headers)
    .send({ name, idNumber: o.idNumber ?? makeIdNumber(), phone: makePhone(), relation: 'self' });
  if (created.status !== 201) throw new Error(`patient not created: ${JSON.stringify(created.body)}`);
  if (o.verify !== false) await t.http.post(`/api/v1/patients/${created.body.id}/verify`).set(headers).expect(200);
  return { token, accountId, patientId: created.body.id as string, name, headers };
}

/** Tells a hospital's emulated HIS how to answer record calls from now on. */
export async function recordsFault(
  t: TestApp,
  code: string,
  fault: { mode: 'slow' | 'fail' | 'timeout' | 'off'; delayMs?: number; count?: number },
): Promise<void> {
  const r = await fetch(`${t.sandbox!.url}/his/${code}/sandbox/records/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(fault),
  });
  if (r.status !== 200) throw new Error(`fault not set: ${r.status} ${await r.text()}`);
}

/** How many record calls the hospital's emulated HIS answered, all kinds together. */
export async function recordCalls(t: TestApp, code: string): Promise<number> {
  const r = await fetch(`${t.sandbox!.url}/his/${code}/sandbox/records/stats`);
  const body = (await r.json()) as Record<string, unknown>;
  const sum = (v: unknown): number =>
    typeof v === 'number'
      ? v
      : v && typeof v === 'object'
        ? Object.values(v).reduce<number>((n, x) => n + sum(x), 0)
        : 0;
  return sum(body);
}
