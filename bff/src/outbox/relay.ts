import type { EntityManager } from 'typeorm';
import type { Database } from '../db/database.js';
import { HospitalEventEntity, HospitalStream, type HospitalEventRow, type OutboxRow } from '../db/entities/index.js';
import { insertRows } from '../db/sql/table.js';
import { execute, forUpdate, placeholders } from '../db/sql/execute.js';
import type { Clock } from '../shared/clock.js';
import type { OutboxConsumer } from './outbox-consumer.js';
import { holdLease } from './job-lease.js';

const RELAY_LEASE = 'outbox-relay';

/**
 * Moves events out of the outbox, oldest first: numbers each into its hospital's stream (what is
 * pushed and pulled) and hands the batch to every consumer (the patients' notices), all in one
 * transaction with their deletion from the outbox, so each event is relayed exactly once. A
 * stream number is given only to committed events, by one relay at a time (a lease row locked for
 * the transaction), so a hospital reading its stream by number never skips one committed late.
 */
export class OutboxRelay {
  private readonly consumers: OutboxConsumer[] = [];

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly batchSize = 500,
  ) {}

  addConsumer(consumer: OutboxConsumer): void {
    this.consumers.push(consumer);
  }

  /** Relays one batch; answers how many events it moved. */
  async relayOnce(): Promise<number> {
    return this.db.write(async (tx) => {
      await holdLease(tx, this.db.dialect, RELAY_LEASE);
      const events = (await tx.query(
        `SELECT id, hospital_id AS hospitalId, order_id AS orderId, topic, detail, at FROM outbox
          ORDER BY id LIMIT ${this.batchSize}`,
      )) as OutboxRow[];
      if (!events.length) return 0;
      const rows = events.map(normalize);
      const now = this.clock.now();
      await insertRows(tx, HospitalEventEntity, await this.number(tx, rows, now));
      for (const c of this.consumers) await c.consume(tx, rows, now);
      await execute(
        tx,
        `DELETE FROM outbox WHERE id IN (${placeholders(rows.length)})`,
        rows.map((e) => e.id),
      );
      return rows.length;
    });
  }

  /** Relays until the outbox is empty (or `max` batches); answers how many events moved. */
  async drain(max = 1000): Promise<number> {
    let total = 0;
    for (let i = 0; i < max; i++) {
      const n = await this.relayOnce();
      total += n;
      if (n < this.batchSize) break;
    }
    return total;
  }

  /** Each event's place in its hospital's stream, continuing from the stream's last number. */
  private async number(tx: EntityManager, events: OutboxRow[], now: number): Promise<HospitalEventRow[]> {
    const hospitals = [...new Set(events.map((e) => e.hospitalId))].sort();
    const known = (await tx.query(
      `SELECT hospital_id, last_seq FROM hospital_stream WHERE hospital_id IN (${placeholders(hospitals.length)})
        ${forUpdate(this.db.dialect)}`,
      hospitals,
    )) as { hospital_id: string; last_seq: unknown }[];
    const last = new Map(known.map((r) => [r.hospital_id, Number(r.last_seq)]));
    const fresh = hospitals.filter((h) => !last.has(h));
    await insertRows(
      tx,
      HospitalStream,
      fresh.map((hospitalId) => ({
        hospitalId,
        lastSeq: 0,
        failures: 0,
        nextAttemptAt: 0,
        leaseOwner: null,
        leaseUntil: 0,
        lastError: null,
        updatedAt: now,
      })),
    );
    const out: HospitalEventRow[] = events.map((e) => {
      const seq = (last.get(e.hospitalId) ?? 0) + 1;
      last.set(e.hospitalId, seq);
      return { ...e, seq, pending: 1, attempts: 0, deliveredAt: null, lastError: null };
    });
    for (const h of hospitals)
      await execute(tx, 'UPDATE hospital_stream SET last_seq = ?, updated_at = ? WHERE hospital_id = ?', [
        last.get(h),
        now,
        h,
      ]);
    return out;
  }
}

const normalize = (r: OutboxRow): OutboxRow => ({ ...r, at: Number(r.at) });
