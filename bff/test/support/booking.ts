import type { TestApp } from './app.js';
import { idemKey, type PatientFixture } from './fixtures.js';
import { auth } from './identity.js';

/** Books the next free slot of a schedule through the API. */
export async function bookThroughApi(t: TestApp, p: PatientFixture, scheduleId: string): Promise<string> {
  const { token } = await t.services.tokens.issue(p.accountId);
  const r = await t.http
    .post('/api/v1/orders')
    .set(auth(token))
    .set('Idempotency-Key', idemKey())
    .send({ scheduleId, patientId: p.patientId });
  if (r.status !== 201) throw new Error(`booking failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.id as string;
}
