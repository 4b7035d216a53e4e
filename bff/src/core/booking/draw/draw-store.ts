import { ERRORS, type ErrorCode } from '@cityhealth/shared-types';
import type { EntityManager } from 'typeorm';
import type { Database } from '../../../db/database.js';
import type { DrawTicketRow, ReleaseDrawRow } from '../../../db/entities/index.js';
import { execute, forUpdate, isUniqueViolation, placeholders } from '../../../db/sql/execute.js';

/** What the draw needs to know of the session a request asks for. */
export interface DrawSession {
  scheduleId: string;
  releaseAt: number;
  type: string;
}

export type DrawState = 'open' | 'deciding' | 'decided';

/** A draw as the draw reads it (the entity's columns but the creation time, its state typed). */
export type DrawRow = Omit<ReleaseDrawRow, 'state' | 'createdAt'> & { state: DrawState };

export type TicketOutcome = 'pending' | 'won' | 'lost';

/**
 * A ticket as the draw reads it (the entity's columns but the decision time and when its holder was
 * told 已登记, its outcome and refusal typed).
 */
export type TicketRow = Omit<DrawTicketRow, 'outcome' | 'decidedAt' | 'toldPendingAt' | 'refusalCode'> & {
  outcome: TicketOutcome;
  refusalCode: ErrorCode | null;
};

/** A ticket's outcome as the decider stores it. */
export interface TicketOutcomeRow {
  id: string;
  outcome: TicketOutcome;
  orderId?: string;
  code?: ErrorCode;
  message?: string;
}

/** A ticket just decided (in the transaction that stored its outcome), for the notice of its result. */
export interface DecidedTicket {
  id: string;
  scheduleId: string;
  accountId: string;
  patientId: string;
  outcome: Exclude<TicketOutcome, 'pending'>;
  orderId: string | null;
  refusalCode: ErrorCode | null;
  /** A request of it was answered DRAW_PENDING (已登记): its holder has not learnt the result. */
  toldPending: boolean;
}

/** Told, in the transaction that stored them, of the tickets it decided. */
export type TellDecided = (tx: EntityManager, tickets: DecidedTicket[], now: number) => Promise<void>;

/**
 * A stored refusal code as the contract's code. A code this version does not know (written by a
 * later one, since renamed) reads as SLOT_GONE: a lost ticket's most likely cause, and a refusal.
 */
export function refusalCodeOf(v: unknown): ErrorCode | null {
  if (v === null || v === undefined) return null;
  const code = String(v);
  return Object.hasOwn(ERRORS, code) ? (code as ErrorCode) : 'SLOT_GONE';
}

const num = (v: unknown): number => Number(v);
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

const DRAW_COLUMNS =
  'schedule_id, release_at, window_ends_at, state, seed, claimed_by, lease_until, claims, entered, won, decided_at';
const TICKET_COLUMNS = `id, schedule_id, person_id, account_id, patient_id, slot_id, idempotency_key, request_hash,
  channel, edition, ip, agent_id, position, outcome, order_id, refusal_code, refusal_message, created_at`;

const toDraw = (r: Record<string, unknown>): DrawRow => ({
  scheduleId: String(r.schedule_id),
  releaseAt: num(r.release_at),
  windowEndsAt: num(r.window_ends_at),
  state: String(r.state) as DrawState,
  seed: strOrNull(r.seed),
  claimedBy: strOrNull(r.claimed_by),
  leaseUntil: numOrNull(r.lease_until),
  claims: num(r.claims),
  entered: numOrNull(r.entered),
  won: numOrNull(r.won),
  decidedAt: numOrNull(r.decided_at),
});

const toTicket = (r: Record<string, unknown>): TicketRow => ({
  id: String(r.id),
  scheduleId: String(r.schedule_id),
  personId: String(r.person_id),
  accountId: String(r.account_id),
  patientId: String(r.patient_id),
  slotId: strOrNull(r.slot_id),
  idempotencyKey: String(r.idempotency_key),
  requestHash: String(r.request_hash),
  channel: String(r.channel),
  edition: strOrNull(r.edition),
  ip: strOrNull(r.ip),
  agentId: strOrNull(r.agent_id),
  position: numOrNull(r.position),
  outcome: String(r.outcome) as TicketOutcome,
  orderId: strOrNull(r.order_id),
  refusalCode: refusalCodeOf(r.refusal_code),
  refusalMessage: strOrNull(r.refusal_message),
  createdAt: num(r.created_at),
});

/** The rows of the draw (release_draw, draw_ticket); every write is one short statement of its own. */
export class DrawStore {
  constructor(private readonly db: Database) {}

  async sessionOf(ref: { scheduleId?: string; slotId?: string }): Promise<DrawSession | null> {
    const [row] = ref.slotId
      ? await this.db.query<Record<string, unknown>>(
          `SELECT sc.id, sc.release_at, sc.type FROM slot sl JOIN schedule sc ON sc.id = sl.schedule_id
            WHERE sl.id = ?`,
          [ref.slotId],
        )
      : await this.db.query<Record<string, unknown>>('SELECT id, release_at, type FROM schedule WHERE id = ?', [
          ref.scheduleId,
        ]);
    return row ? { scheduleId: String(row.id), releaseAt: num(row.release_at), type: String(row.type) } : null;
  }

  /** The real-name person behind an account's live patient (the draw's one-ticket key). */
  async personOf(accountId: string, patientId: string): Promise<string | null> {
    const [row] = await this.db.query<{ person_id: string }>(
      'SELECT person_id FROM patient WHERE id = ? AND account_id = ? AND live = 1',
      [patientId, accountId],
    );
    return row ? String(row.person_id) : null;
  }

  /** Creates the session's draw unless a process already did. */
  async openDraw(s: DrawSession, windowEndsAt: number, now: number): Promise<void> {
    const ignore = this.db.dialect === 'mysql' ? 'IGNORE' : 'OR IGNORE';
    await this.db.write((tx) =>
      execute(
        tx,
        `INSERT ${ignore} INTO release_draw (schedule_id, release_at, window_ends_at, state, claims, created_at)
          VALUES (?, ?, ?, 'open', 0, ?)`,
        [s.scheduleId, s.releaseAt, windowEndsAt, now],
      ),
    );
  }

  async draw(scheduleId: string): Promise<DrawRow | null> {
    const [row] = await this.db.query<Record<string, unknown>>(
      `SELECT ${DRAW_COLUMNS} FROM release_draw WHERE schedule_id = ?`,
      [scheduleId],
    );
    return row ? toDraw(row) : null;
  }

  /** Adds a ticket; false when the person already holds one in this draw. */
  async addTicket(t: TicketRow): Promise<boolean> {
    try {
      await this.db.write((tx) =>
        execute(tx, `INSERT INTO draw_ticket (${TICKET_COLUMNS}) VALUES (${Array(18).fill('?').join(', ')})`, [
          t.id,
          t.scheduleId,
          t.personId,
          t.accountId,
          t.patientId,
          t.slotId,
          t.idempotencyKey,
          t.requestHash,
          t.channel,
          t.edition,
          t.ip,
          t.agentId,
          t.position,
          t.outcome,
          t.orderId,
          t.refusalCode,
          t.refusalMessage,
          t.createdAt,
        ]),
      );
      return true;
    } catch (e) {
      if (isUniqueViolation(e)) return false;
      throw e;
    }
  }

  async ticketOfPerson(scheduleId: string, personId: string): Promise<TicketRow | null> {
    const [row] = await this.db.query<Record<string, unknown>>(
      `SELECT ${TICKET_COLUMNS} FROM draw_ticket WHERE schedule_id = ? AND person_id = ?`,
      [scheduleId, personId],
    );
    return row ? toTicket(row) : null;
  }

  async tickets(scheduleId: string): Promise<TicketRow[]> {
    const rows = await this.db.query<Record<string, unknown>>(
      `SELECT ${TICKET_COLUMNS} FROM draw_ticket WHERE schedule_id = ?`,
      [scheduleId],
    );
    return rows.map(toTicket);
  }

  /**
   * Takes the draw to decide it: once its window (and a grace for late clocks) has passed, when it
   * is still open or its decider's lease lapsed. The seed is fixed by the first claim only.
   */
  async claim(
    scheduleId: string,
    owner: string,
    seed: string,
    at: { now: number; graceMs: number; leaseMs: number },
  ): Promise<boolean> {
    const changed = await this.db.write((tx) =>
      execute(
        tx,
        `UPDATE release_draw SET state = 'deciding', claimed_by = ?, lease_until = ?, claims = claims + 1,
          seed = COALESCE(seed, ?)
          WHERE schedule_id = ? AND window_ends_at <= ?
          AND (state = 'open' OR (state = 'deciding' AND lease_until < ?))`,
        [owner, at.now + at.leaseMs, seed, scheduleId, at.now - at.graceMs, at.now],
      ),
    );
    return changed === 1;
  }

  /** Extends the lease; false when another process took the draw over meanwhile. */
  async renew(scheduleId: string, owner: string, now: number, leaseMs: number): Promise<boolean> {
    const changed = await this.db.write((tx) =>
      execute(
        tx,
        "UPDATE release_draw SET lease_until = ? WHERE schedule_id = ? AND claimed_by = ? AND state = 'deciding'",
        [now + leaseMs, scheduleId, owner],
      ),
    );
    return changed === 1;
  }

  /** Gives a claimed draw up at once (after an error), for the next claim to resume. */
  async release(scheduleId: string, owner: string): Promise<void> {
    await this.db.write((tx) =>
      execute(
        tx,
        "UPDATE release_draw SET lease_until = 0 WHERE schedule_id = ? AND claimed_by = ? AND state = 'deciding'",
        [scheduleId, owner],
      ),
    );
  }

  async setPositions(places: { id: string; position: number }[]): Promise<void> {
    if (!places.length) return;
    await this.db.write(async (tx) => {
      for (const p of places)
        await execute(tx, 'UPDATE draw_ticket SET position = ? WHERE id = ? AND position IS NULL', [p.position, p.id]);
    });
  }

  /**
   * Stores the outcomes of tickets still pending, and tells `tell` of the ones this call decided,
   * in the same transaction: a ticket is decided once, so its result's notice is written once.
   */
  async setOutcomes(outcomes: TicketOutcomeRow[], now: number, tell?: TellDecided): Promise<void> {
    if (!outcomes.length) return;
    await this.db.write(async (tx) => {
      // under the tickets' locks: a request answered DRAW_PENDING meanwhile is either seen here or sees the outcome
      const rows = (await tx.query(
        `SELECT id, schedule_id, account_id, patient_id, outcome, told_pending_at FROM draw_ticket
          WHERE id IN (${placeholders(outcomes.length)})${forUpdate(this.db.dialect)}`,
        outcomes.map((o) => o.id),
      )) as Record<string, unknown>[];
      const pending = new Map(rows.filter((r) => r.outcome === 'pending').map((r) => [String(r.id), r]));
      const decided: DecidedTicket[] = [];
      for (const o of outcomes) {
        const row = pending.get(o.id);
        if (!row || o.outcome === 'pending') continue;
        await execute(
          tx,
          `UPDATE draw_ticket SET outcome = ?, order_id = ?, refusal_code = ?, refusal_message = ?, decided_at = ?
            WHERE id = ? AND outcome = 'pending'`,
          [o.outcome, o.orderId ?? null, o.code ?? null, o.message?.slice(0, 255) ?? null, now, o.id],
        );
        decided.push({
          id: o.id,
          scheduleId: String(row.schedule_id),
          accountId: String(row.account_id),
          patientId: String(row.patient_id),
          outcome: o.outcome,
          orderId: o.orderId ?? null,
          refusalCode: o.code ?? null,
          toldPending: row.told_pending_at !== null && row.told_pending_at !== undefined,
        });
      }
      if (decided.length) await tell?.(tx, decided, now);
    });
  }

  /**
   * Records that these tickets' holders were answered DRAW_PENDING (已登记), for the ones still
   * pending; returns the tickets as they are now (under their locks): a ticket decided meanwhile
   * is answered with its outcome instead.
   */
  async tellPending(ids: string[], now: number): Promise<TicketRow[]> {
    if (!ids.length) return [];
    return this.db.write(async (tx) => {
      const rows = (
        (await tx.query(
          `SELECT ${TICKET_COLUMNS} FROM draw_ticket
            WHERE id IN (${placeholders(ids.length)})${forUpdate(this.db.dialect)}`,
          ids,
        )) as Record<string, unknown>[]
      ).map(toTicket);
      const pending = rows.filter((t) => t.outcome === 'pending').map((t) => t.id);
      if (pending.length)
        await execute(
          tx,
          `UPDATE draw_ticket SET told_pending_at = ?
            WHERE id IN (${placeholders(pending.length)}) AND outcome = 'pending' AND told_pending_at IS NULL`,
          [now, ...pending],
        );
      return rows;
    });
  }

  /** Marks the draw decided with its figures; false when another process took it over meanwhile. */
  async finish(scheduleId: string, owner: string, now: number): Promise<boolean> {
    const { entered, won } = await this.counts(scheduleId);
    const changed = await this.db.write((tx) =>
      execute(
        tx,
        `UPDATE release_draw SET state = 'decided', entered = ?, won = ?, decided_at = ?, lease_until = NULL
          WHERE schedule_id = ? AND claimed_by = ? AND state = 'deciding'`,
        [entered, won, now, scheduleId, owner],
      ),
    );
    return changed === 1;
  }

  /** The figures of a decided draw again, after a late ticket was decided. */
  async recount(scheduleId: string): Promise<void> {
    const { entered, won } = await this.counts(scheduleId);
    await this.db.write((tx) =>
      execute(tx, "UPDATE release_draw SET entered = ?, won = ? WHERE schedule_id = ? AND state = 'decided'", [
        entered,
        won,
        scheduleId,
      ]),
    );
  }

  private async counts(scheduleId: string): Promise<{ entered: number; won: number }> {
    const [counts] = await this.db.query<{ entered: unknown; won: unknown }>(
      `SELECT COUNT(*) AS entered, COALESCE(SUM(CASE WHEN outcome = 'won' THEN 1 ELSE 0 END), 0) AS won
        FROM draw_ticket WHERE schedule_id = ?`,
      [scheduleId],
    );
    return { entered: num(counts?.entered ?? 0), won: num(counts?.won ?? 0) };
  }

  /** Draws whose window has passed that nobody decided yet (or whose decider's lease lapsed). */
  async due(now: number, graceMs: number, limit = 20): Promise<string[]> {
    const rows = await this.db.query<{ schedule_id: string }>(
      `SELECT schedule_id FROM release_draw WHERE state IN ('open', 'deciding') AND window_ends_at <= ?
        AND (lease_until IS NULL OR lease_until < ?) ORDER BY window_ends_at LIMIT ${Math.trunc(limit)}`,
      [now - graceMs, now],
    );
    return rows.map((r) => String(r.schedule_id));
  }
}
