import type { PatientFixture } from './fixtures.js';
import { idemKey } from './fixtures.js';
import { postJson } from './http-client.js';

/** What the platform acknowledged to the patients so far: order id → its status as answered. */
export type Acknowledged = Map<string, 'booked' | 'cancelled'>;

export interface BookingStorm {
  acknowledged: Acknowledged;
  /** Resolves once `n` bookings have been answered 201. */
  reached(n: number): Promise<void>;
  /** Resolves when every patient has had their turn. */
  done: Promise<void>;
}

/**
 * Patients booking one after another on `concurrency` connections through the API at `url`, each
 * into the next of `scheduleIds`; every seventh cancels at once (so snapshots hold cancellations).
 */
export function startBookingStorm(
  url: string,
  patients: (PatientFixture & { token: string })[],
  scheduleIds: string[],
  concurrency: number,
): BookingStorm {
  const acknowledged: Acknowledged = new Map();
  const waiting: { n: number; resolve(): void }[] = [];
  let booked = 0;
  let next = 0;
  const tell = () => {
    for (const w of waiting.filter((w) => booked >= w.n)) {
      waiting.splice(waiting.indexOf(w), 1);
      w.resolve();
    }
  };
  const worker = async () => {
    while (next < patients.length) {
      const i = next++;
      const p = patients[i]!;
      const auth = { authorization: `Bearer ${p.token}` };
      const r = await postJson(
        `${url}/api/v1/orders`,
        { scheduleId: scheduleIds[i % scheduleIds.length], patientId: p.patientId },
        { ...auth, 'idempotency-key': idemKey() },
      );
      if (r.status !== 201) continue;
      acknowledged.set(r.body.id, 'booked');
      booked++;
      tell();
      if (i % 7 === 0 && (await postJson(`${url}/api/v1/orders/${r.body.id}/cancel`, {}, auth)).status < 300)
        acknowledged.set(r.body.id, 'cancelled');
    }
  };
  const done = Promise.all(Array.from({ length: concurrency }, worker)).then(() => {
    booked = Number.POSITIVE_INFINITY;
    tell();
  });
  return {
    acknowledged,
    reached: (n) => new Promise<void>((resolve) => (booked >= n ? resolve() : waiting.push({ n, resolve }))),
    done,
  };
}
