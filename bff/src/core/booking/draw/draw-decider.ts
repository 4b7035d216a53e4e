import type { Clock } from '../../../shared/clock.js';
import { newId } from '../../../shared/ids.js';
import type { Logger } from '../../../shared/logger.js';
import type { BatchOutcome } from '../batch/batch-types.js';
import type { BookCommand } from '../types.js';
import type { DrawStore, TellDecided, TicketOutcomeRow, TicketRow } from './draw-store.js';
import { drawOrder, newSeed } from './shuffle.js';

/** A booking request's outcome once the core decided it. */
export type Decided = Exclude<BatchOutcome, { kind: 'deferred' }>;

/** The booking core's own batch path: every ticket is decided through it. */
export type DecideThroughCore = (cmd: BookCommand, requestHash: string) => Promise<Decided>;

/** A draw is claimed this long after its window, so a process whose clock is a little behind still admits in time. */
export const CLAIM_GRACE_MS = 300;
/** A decider's lease, renewed at every chunk: a process that died mid-draw is taken over after it. */
export const LEASE_MS = 5_000;

export interface DrawDeciderOptions {
  store: DrawStore;
  clock: Clock;
  logger: Logger;
  decide: DecideThroughCore;
  /** Tickets submitted to the batches at a time (the core's batch size). */
  chunk: number;
  /** Called after each chunk is decided, before its outcomes are stored (tests stop a decider there). */
  afterChunk?: (scheduleId: string, decided: number) => Promise<void>;
  /** An order booked for a ticket, for the ticket's own request if it waits in this process. */
  created: (t: TicketRow, d: Decided) => void;
  /** Told of the tickets decided, in the transaction that stores their outcomes (the result's notice). */
  tell?: TellDecided;
}

/**
 * Decides draws: claims one (its row, by a conditional update), fixes its seeded order and
 * submits its pending tickets to the booking core a chunk at a time, storing each outcome.
 */
export class DrawDecider {
  private readonly owner = newId();
  private readonly deciding = new Set<string>();

  constructor(private readonly o: DrawDeciderOptions) {}

  /** Claims the session's draw and decides its pending tickets in the seeded order; true when this call finished it. */
  async decide(scheduleId: string): Promise<boolean> {
    if (this.deciding.has(scheduleId)) return false;
    this.deciding.add(scheduleId);
    try {
      const at = { now: this.o.clock.now(), graceMs: CLAIM_GRACE_MS, leaseMs: LEASE_MS };
      if (!(await this.o.store.claim(scheduleId, this.owner, newSeed(), at))) return false;
      try {
        return await this.decideClaimed(scheduleId);
      } catch (err) {
        this.o.logger.error({ err, scheduleId }, 'release draw stopped; another pass resumes it');
        await this.o.store.release(scheduleId, this.owner).catch(() => undefined);
        return false;
      }
    } finally {
      this.deciding.delete(scheduleId);
    }
  }

  /** A ticket written after its draw was decided: decided on its own, the draw's figures counted again. */
  async decideAlone(t: TicketRow): Promise<Pick<TicketRow, 'outcome' | 'orderId' | 'refusalCode' | 'refusalMessage'>> {
    const decided = await this.o.decide(commandOf(t), t.requestHash);
    if (decided.kind === 'created') this.o.created(t, decided);
    const outcome = ticketOutcome(t, decided);
    await this.o.store.setOutcomes([outcome], this.o.clock.now(), this.o.tell);
    await this.o.store.recount(t.scheduleId);
    return {
      outcome: outcome.outcome,
      orderId: outcome.orderId ?? null,
      refusalCode: outcome.code ?? null,
      refusalMessage: outcome.message ?? null,
    };
  }

  private async decideClaimed(scheduleId: string): Promise<boolean> {
    const { store, clock } = this.o;
    const seed = (await store.draw(scheduleId))!.seed!;
    for (;;) {
      const pending = await this.placed(await store.tickets(scheduleId), seed);
      if (!pending.length) break;
      for (let i = 0; i < pending.length; i += this.o.chunk) {
        if (!(await store.renew(scheduleId, this.owner, clock.now(), LEASE_MS))) return false;
        const chunk = pending.slice(i, i + this.o.chunk);
        // submitted together, in order: they share the core's batches in that order
        const decided = await Promise.all(chunk.map((t) => this.o.decide(commandOf(t), t.requestHash)));
        await this.o.afterChunk?.(scheduleId, i + chunk.length);
        chunk.forEach((t, k) => {
          if (decided[k]!.kind === 'created') this.o.created(t, decided[k]!);
        });
        await store.setOutcomes(
          chunk.map((t, k) => ticketOutcome(t, decided[k]!)),
          clock.now(),
          this.o.tell,
        );
      }
    }
    return store.finish(scheduleId, this.owner, clock.now());
  }

  /**
   * The tickets in the draw's order, pending ones only. Tickets without a place get theirs now,
   * after the placed ones, by the seed (on the first pass: every ticket, the whole draw).
   */
  private async placed(tickets: TicketRow[], seed: string): Promise<TicketRow[]> {
    const unplaced = tickets.filter((t) => t.position === null);
    if (unplaced.length) {
      let next = Math.max(0, ...tickets.map((t) => t.position ?? 0));
      const byPerson = new Map(unplaced.map((t) => [t.personId, t]));
      const places = drawOrder(
        seed,
        unplaced.map((t) => t.personId),
      ).map((personId) => ({ id: byPerson.get(personId)!.id, position: ++next }));
      await this.o.store.setPositions(places);
      const at = new Map(places.map((p) => [p.id, p.position]));
      for (const t of unplaced) t.position = at.get(t.id)!;
    }
    return tickets.filter((t) => t.outcome === 'pending').sort((a, b) => a.position! - b.position!);
  }
}

/** A ticket's booking command: its first request's account, patient, choice and idempotency key. */
function commandOf(t: TicketRow): BookCommand {
  return {
    accountId: t.accountId,
    patientId: t.patientId,
    ...(t.slotId ? { slotId: t.slotId } : { scheduleId: t.scheduleId }),
    idempotencyKey: t.idempotencyKey,
    drawn: true,
    ip: t.ip ?? undefined,
    channel: t.channel as BookCommand['channel'],
    ...(t.edition ? { edition: t.edition as NonNullable<BookCommand['edition']> } : {}),
    ...(t.agentId ? { agentId: t.agentId } : {}),
  };
}

function ticketOutcome(t: TicketRow, d: Decided): TicketOutcomeRow {
  if (d.kind === 'created') return { id: t.id, outcome: 'won' as const, orderId: d.order.id };
  if (d.kind === 'replay') return { id: t.id, outcome: 'won' as const, orderId: d.orderId };
  return { id: t.id, outcome: 'lost' as const, code: d.refusal.code, message: d.refusal.message };
}
