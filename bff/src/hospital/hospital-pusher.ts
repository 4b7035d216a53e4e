import { HospitalEventReply, type HospitalEvent } from '@cityhealth/shared-types';
import type { Database } from '../db/database.js';
import type { HospitalEventRow } from '../db/entities/index.js';
import { HospitalPushFailure, OrderHisRef } from '../db/entities/index.js';
import { execute, placeholders } from '../db/sql/execute.js';
import { insertRows } from '../db/sql/table.js';
import type { Clock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import { inTurnPerKey } from '../shared/per-key-turns.js';
import type { Logger } from '../shared/logger.js';
import { EVENT_COLUMNS, type HospitalEventFeed } from './hospital-events.js';
import type { HospitalSecrets } from './hospital-secrets.js';
import { DEFAULT_SIGNATURE_METHOD, signatureMethodOf, signedHeaders } from './signature.js';
import { postJson } from './webhook-client.js';

export interface PushOptions {
  /** A hospital's answer slower than this is a failed delivery. */
  timeoutMs: number;
  /** Events taken per round of a hospital (deliveries of different orders run side by side). */
  window: number;
  /** Orders of one hospital delivered at once. */
  concurrency: number;
  /** How long a process may push a hospital before another may take over. */
  leaseMs: number;
  /** The longest wait between attempts while a hospital is down. */
  maxBackoffMs: number;
}

export const DEFAULT_PUSH_OPTIONS: PushOptions = {
  timeoutMs: 5000,
  window: 200,
  concurrency: 8,
  leaseMs: 60_000,
  maxBackoffMs: 300_000,
};

/** How long a failed push is remembered (the console counts those of the last 24 hours). */
const FAILURES_KEPT_MS = 7 * 86_400_000;

interface DueHospital {
  hospital_id: string;
  code: string;
  webhook_url: string;
  signature_method: string | null;
  failures: unknown;
}

type Failed = { event: HospitalEvent; ok: false; error: string };
type Delivery = { event: HospitalEvent; ok: true; reply: HospitalEventReply } | Failed;

/**
 * Pushes each hospital's stream to its webhook, signed with its secret: at least once, in order
 * per order (an order's next event waits until its previous one is taken), different orders side
 * by side. A hospital that fails is left alone for a growing while (1 s, 2 s, 4 s … at most
 * `maxBackoffMs`), shared by every process through its stream row, and one process pushes a
 * hospital at a time (a lease). What the hospital answers (its visit number) is kept on the order.
 */
export class HospitalPusher {
  private readonly owner = newId();

  constructor(
    private readonly db: Database,
    private readonly feed: HospitalEventFeed,
    private readonly secrets: HospitalSecrets,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly o: PushOptions = DEFAULT_PUSH_OPTIONS,
  ) {}

  /** One pass over every hospital with events due; answers how many were delivered and failed. */
  async pushOnce(maxWindows = Number.POSITIVE_INFINITY): Promise<{ delivered: number; failed: number }> {
    const now = this.clock.now();
    const due = await this.db.query<DueHospital>(
      `SELECT s.hospital_id, h.code, h.webhook_url, h.signature_method, s.failures
        FROM hospital_stream s JOIN hospital h ON h.id = s.hospital_id
        WHERE h.webhook_url IS NOT NULL AND s.next_attempt_at <= ? AND (s.lease_until <= ? OR s.lease_owner = ?)
          AND EXISTS (SELECT 1 FROM hospital_event e WHERE e.hospital_id = s.hospital_id AND e.pending = 1)`,
      [now, now, this.owner],
    );
    const totals = { delivered: 0, failed: 0 };
    await Promise.all(
      due.map(async (h) => {
        const r = await this.pushHospital(h, maxWindows).catch((err: unknown) => {
          this.logger.error({ err, hospitalId: h.hospital_id }, 'pushing a hospital failed');
          return { delivered: 0, failed: 0 };
        });
        totals.delivered += r.delivered;
        totals.failed += r.failed;
      }),
    );
    return totals;
  }

  private async pushHospital(h: DueHospital, maxWindows: number): Promise<{ delivered: number; failed: number }> {
    const now = this.clock.now();
    const taken = await this.db.write((tx) =>
      execute(
        tx,
        `UPDATE hospital_stream SET lease_owner = ?, lease_until = ? WHERE hospital_id = ?
          AND (lease_until <= ? OR lease_owner = ?)`,
        [this.owner, now + this.o.leaseMs, h.hospital_id, now, this.owner],
      ),
    );
    if (!taken) return { delivered: 0, failed: 0 };
    let delivered = 0;
    let failure: string | null = null;
    try {
      const secret = await this.secrets.signing(h.hospital_id);
      if (!secret) failure = 'the hospital has no active secret';
      for (let round = 0; secret && !failure && round < maxWindows; round++) {
        const rows = await this.db.query<HospitalEventRow>(
          `SELECT ${EVENT_COLUMNS} FROM hospital_event WHERE hospital_id = ? AND pending = 1 ORDER BY seq
            LIMIT ${this.o.window}`,
          [h.hospital_id],
        );
        if (!rows.length) break;
        const events = await this.feed.compose(h.hospital_id, rows);
        const results = await this.deliverWindow(h, secret, events);
        // An event whose order cannot be read (none in practice) must not hold up the stream.
        const composed = new Set(events.map((e) => e.eventId));
        await this.record(
          results,
          rows.filter((r) => !composed.has(r.id)),
        );
        delivered += results.filter((r) => r.ok).length;
        failure = results.find((r): r is Failed => !r.ok)?.error ?? null;
        if (rows.length < this.o.window) break;
      }
    } finally {
      await this.release(h, failure);
    }
    return { delivered, failed: failure ? 1 : 0 };
  }

  /** Delivers a window: each order's events one after another, stopping at its first failure. */
  private async deliverWindow(h: DueHospital, secret: string, events: HospitalEvent[]): Promise<Delivery[]> {
    const out: Delivery[] = [];
    await inTurnPerKey(
      events,
      (e) => e.order.orderId,
      this.o.concurrency,
      async (event) => {
        const d = await this.deliver(h, secret, event);
        out.push(d);
        return d.ok;
      },
    );
    return out;
  }

  private async deliver(h: DueHospital, secret: string, event: HospitalEvent): Promise<Delivery> {
    const body = JSON.stringify(event);
    const url = new URL(h.webhook_url);
    const headers = signedHeaders(
      h.code,
      secret,
      { method: 'POST', pathWithQuery: url.pathname + url.search, body },
      this.clock.now(),
      signatureMethodOf(h.signature_method ?? undefined) ?? DEFAULT_SIGNATURE_METHOD,
    );
    try {
      const res = await postJson(url, headers, body, this.o.timeoutMs);
      if (res.status < 200 || res.status > 299)
        return { event, ok: false, error: `HTTP ${res.status} ${res.text.slice(0, 120)}` };
      let answer: unknown = {};
      try {
        answer = res.text ? JSON.parse(res.text) : {};
      } catch {
        // a 2xx without JSON still means the hospital took the event
      }
      const reply = HospitalEventReply.safeParse(answer);
      return { event, ok: true, reply: reply.success ? reply.data : {} };
    } catch (e) {
      return { event, ok: false, error: String((e as Error).message ?? e).slice(0, 200) };
    }
  }

  /** Marks what was taken, counts the failed attempts and keeps the visit numbers answered. */
  private async record(results: Delivery[], orphans: HospitalEventRow[]): Promise<void> {
    const now = this.clock.now();
    const taken = results.filter((r) => r.ok).map((r) => r.event.eventId);
    const failed = results.filter((r): r is Failed => !r.ok);
    await this.db.write(async (tx) => {
      const done = [...taken, ...orphans.map((r) => r.id)];
      if (done.length)
        await execute(
          tx,
          `UPDATE hospital_event SET pending = NULL, delivered_at = ?, attempts = attempts + 1
            WHERE id IN (${placeholders(done.length)})`,
          [now, ...done],
        );
      for (const f of failed)
        await execute(tx, 'UPDATE hospital_event SET attempts = attempts + 1, last_error = ? WHERE id = ?', [
          f.error,
          f.event.eventId,
        ]);
      const refs = new Map<string, HospitalEventReply>();
      for (const r of results)
        if (r.ok && (r.reply.visitNumber || r.reply.recordId)) refs.set(r.event.order.orderId, r.reply);
      if (!refs.size) return;
      const ids = [...refs.keys()];
      const known = new Set(
        (
          (await tx.query(
            `SELECT order_id FROM order_his_ref WHERE order_id IN (${placeholders(ids.length)})`,
            ids,
          )) as {
            order_id: string;
          }[]
        ).map((r) => r.order_id),
      );
      await insertRows(
        tx,
        OrderHisRef,
        ids
          .filter((id) => !known.has(id))
          .map((orderId) => ({
            orderId,
            visitNumber: refs.get(orderId)!.visitNumber ?? null,
            recordId: refs.get(orderId)!.recordId ?? null,
            updatedAt: now,
          })),
      );
      for (const orderId of ids.filter((id) => known.has(id))) {
        const r = refs.get(orderId)!;
        await execute(
          tx,
          `UPDATE order_his_ref SET visit_number = COALESCE(?, visit_number), record_id = COALESCE(?, record_id),
            updated_at = ? WHERE order_id = ?`,
          [r.visitNumber ?? null, r.recordId ?? null, now, orderId],
        );
      }
    });
  }

  /**
   * Gives the hospital back, with its next attempt put off while it keeps failing. A failure is
   * also kept (a week) for the console's delivery health.
   */
  private async release(h: DueHospital, failure: string | null): Promise<void> {
    const now = this.clock.now();
    const failures = failure ? Number(h.failures) + 1 : 0;
    const wait = failure ? Math.min(this.o.maxBackoffMs, 1000 * 2 ** (failures - 1)) * (0.8 + Math.random() * 0.4) : 0;
    if (failure) this.logger.warn({ hospitalId: h.hospital_id, failures, error: failure }, 'hospital push failed');
    await this.db.write(async (tx) => {
      await execute(
        tx,
        `UPDATE hospital_stream SET failures = ?, next_attempt_at = ?, last_error = ?, lease_owner = NULL,
          lease_until = 0, updated_at = ? WHERE hospital_id = ? AND lease_owner = ?`,
        [
          failures,
          failure ? now + Math.round(wait) : 0,
          failure?.slice(0, 200) ?? null,
          now,
          h.hospital_id,
          this.owner,
        ],
      );
      if (!failure) return;
      await insertRows(tx, HospitalPushFailure, [
        { id: newId(), hospitalId: h.hospital_id, at: now, error: failure.slice(0, 200) },
      ]);
      await execute(tx, 'DELETE FROM hospital_push_failure WHERE hospital_id = ? AND at < ?', [
        h.hospital_id,
        now - FAILURES_KEPT_MS,
      ]);
    });
  }
}
