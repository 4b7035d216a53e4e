import type { Database } from '../db/database.js';

/** One hospital's undelivered events: how many, and the age of the oldest (0 when none). */
export interface HospitalBacklog {
  /** The hospital's code on the platform (few hospitals; never a patient's or an order's id). */
  hospital: string;
  pending: number;
  lagSeconds: number;
}

export interface DeliveryBacklog {
  /** Events written by bookings and not yet relayed into the hospitals' streams. */
  relayWaiting: number;
  hospitals: HospitalBacklog[];
}

/**
 * What is waiting to reach the hospitals' systems, read through the pending index (events are
 * kept once delivered, so nothing here scans a hospital's history).
 */
export async function readDeliveryBacklog(db: Database, now: number): Promise<DeliveryBacklog> {
  const [hospitals, pending, [relay]] = await Promise.all([
    db.query<{ id: string; code: string }>('SELECT id, code FROM hospital'),
    db.query<{ hospital_id: string; n: unknown; oldest: unknown }>(
      `SELECT e.hospital_id, COUNT(*) AS n, MIN(e.at) AS oldest FROM hospital h
        JOIN hospital_event e ON e.hospital_id = h.id AND e.pending = 1 GROUP BY e.hospital_id`,
    ),
    db.query<{ n: unknown }>('SELECT COUNT(*) AS n FROM outbox'),
  ]);
  const byHospital = new Map(pending.map((p) => [p.hospital_id, p]));
  return {
    relayWaiting: Number(relay?.n ?? 0),
    hospitals: hospitals.map((h) => {
      const p = byHospital.get(h.id);
      const oldest = p ? Number(p.oldest) : null;
      return {
        hospital: h.code,
        pending: Number(p?.n ?? 0),
        lagSeconds: oldest === null ? 0 : Math.max(0, (now - oldest) / 1000),
      };
    }),
  };
}
