import crypto from 'node:crypto';
import { Pool } from 'undici';

export interface StormPatient {
  patientId: string;
  token: string;
}

export interface StormResult {
  requests: number;
  created: number;
  firstBookingMs: number;
  lastBookingMs: number;
  latenciesMs: number[];
  refusals: Record<string, number>;
  failures: number;
  patientsServed: number;
  patientsGaveUp: number;
}

/**
 * The release storm: `concurrency` virtual users take patients one after another; each patient
 * books a random session that still looked open and, when told SLOT_GONE, tries another, until
 * booked, refused for another reason, or every session is full.
 */
export async function releaseStorm(
  baseUrl: string,
  patients: StormPatient[],
  scheduleIds: string[],
  concurrency: number,
): Promise<StormResult> {
  // undici: the load generator shares the two cores with the server, so it should cost little.
  const pool = new Pool(baseUrl, { connections: concurrency });
  const post = async (body: string, headers: Record<string, string>) => {
    const res = await pool.request({
      method: 'POST',
      path: '/api/v1/orders',
      body,
      headers: { 'content-type': 'application/json', ...headers },
    });
    // A booked order's body is not needed here (the check reads the database): skip parsing it.
    if (res.statusCode === 201) {
      await res.body.dump();
      return { status: 201, json: {} as { error?: { code: string } } };
    }
    return { status: res.statusCode, json: (await res.body.json()) as { error?: { code: string } } };
  };
  const open = [...scheduleIds];
  const result: StormResult = {
    requests: 0,
    created: 0,
    firstBookingMs: 0,
    lastBookingMs: 0,
    latenciesMs: [],
    refusals: {},
    failures: 0,
    patientsServed: 0,
    patientsGaveUp: 0,
  };
  const started = performance.now();
  let next = 0;

  // Each patient comes from an address of their own, through the gateway (TRUSTED_PROXIES).
  const addressOf = (i: number) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;

  async function servePatient(p: StormPatient, index: number): Promise<void> {
    for (;;) {
      if (!open.length) {
        result.patientsGaveUp++;
        return;
      }
      const scheduleId = open[Math.floor(Math.random() * open.length)]!;
      const t0 = performance.now();
      let r: Awaited<ReturnType<typeof post>>;
      try {
        r = await post(JSON.stringify({ scheduleId, patientId: p.patientId }), {
          authorization: `Bearer ${p.token}`,
          'idempotency-key': crypto.randomUUID(),
          'x-forwarded-for': addressOf(index),
        });
      } catch {
        result.failures++;
        return;
      }
      const t1 = performance.now();
      result.requests++;
      result.latenciesMs.push(t1 - t0);
      if (r.status === 201) {
        result.created++;
        if (!result.firstBookingMs) result.firstBookingMs = t1 - started;
        result.lastBookingMs = t1 - started;
        return;
      }
      const code = r.json.error?.code ?? `HTTP_${r.status}`;
      result.refusals[code] = (result.refusals[code] ?? 0) + 1;
      if (r.status >= 500) {
        result.failures++;
        return;
      }
      if (code !== 'SLOT_GONE') return;
      const i = open.indexOf(scheduleId);
      if (i >= 0) open.splice(i, 1);
    }
  }

  async function virtualUser(): Promise<void> {
    while (next < patients.length && open.length) {
      const index = next++;
      result.patientsServed++;
      await servePatient(patients[index]!, index);
    }
  }

  await Promise.all(Array.from({ length: concurrency }, () => virtualUser()));
  await pool.close();
  return result;
}
