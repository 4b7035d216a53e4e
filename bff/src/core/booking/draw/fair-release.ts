import type { FairReleaseSettings } from '../../../config/config.js';
import type { Database } from '../../../db/database.js';
import type { Clock } from '../../../shared/clock.js';
import { newId } from '../../../shared/ids.js';
import type { Logger } from '../../../shared/logger.js';
import { findOrder } from '../order-queries.js';
import { notYetReleased } from '../rules/index.js';
import type { BookCommand } from '../types.js';
import { CLAIM_GRACE_MS, type DecideThroughCore, type Decided, DrawDecider } from './draw-decider.js';
import { DrawStore, type DrawSession, type TellDecided, type TicketRow } from './draw-store.js';
import { fairDrawUntil } from './draw-window.js';

export { CLAIM_GRACE_MS, LEASE_MS } from './draw-decider.js';

export interface FairReleaseOptions {
  db: Database;
  clock: Clock;
  logger: Logger;
  settings: FairReleaseSettings;
  decide: DecideThroughCore;
  /** Tickets submitted to the batches at a time (the core's batch size). */
  chunk: number;
  /** Called after each chunk is decided, before its outcomes are stored (tests stop a decider there). */
  afterChunk?: (scheduleId: string, decided: number) => Promise<void>;
}

const POLL_MS = 25;
const SESSION_CACHE_MS = 10_000;
const SESSION_CACHE_MAX = 20_000;

const PENDING: Decided = { kind: 'refused', refusal: { code: 'DRAW_PENDING' } };
const SAME_PERSON_ELSEWHERE: Decided = {
  kind: 'refused',
  refusal: {
    code: 'DUPLICATE_DEPARTMENT_SESSION',
    message: '该就诊人已在其他账号下参加本时段的放号抽签，同一就诊人只能预约一个号',
  },
};

interface Waiter {
  ticketId: string;
  cmd: BookCommand;
  /** The request that made the ticket (the others are its person's extra requests). */
  own: boolean;
  resolve: (d: Decided) => void;
}

/** One session's draw as this process watches it: the requests waiting on it, and its decision. */
interface Watch {
  session: DrawSession;
  windowEndsAt: number;
  waiters: Waiter[];
  /** Requests after the window waiting for the draw to be decided before they are. */
  afterWindow: (() => void)[];
}

/**
 * Fair release (docs/fair-release.md): during a session's draw window, booking requests become
 * tickets (one per person) instead of being decided on arrival; once the window has passed, one
 * process claims the draw and submits the tickets to the booking core in a seeded random order.
 */
export class FairRelease {
  private readonly store: DrawStore;
  private readonly decider: DrawDecider;
  // the look-up itself is kept, so the many requests of a release's first moment ask the database once
  private readonly sessions = new Map<string, { session: Promise<DrawSession | null>; at: number }>();
  private readonly opened = new Set<string>();
  private readonly settled = new Set<string>();
  private readonly watches = new Map<string, Watch>();
  /** Orders this process created for tickets, per session, for the ticket's own request waiting here. */
  private readonly created = new Map<string, Map<string, Decided>>();
  private sweep?: NodeJS.Timeout;
  private stopped = false;
  private tell?: TellDecided;

  constructor(private readonly o: FairReleaseOptions) {
    this.store = new DrawStore(o.db);
    this.decider = new DrawDecider({
      store: this.store,
      clock: o.clock,
      logger: o.logger,
      decide: o.decide,
      chunk: o.chunk,
      afterChunk: o.afterChunk,
      created: (t, d) => this.keepCreated(t, d),
      tell: async (tx, tickets, now) => this.tell?.(tx, tickets, now),
    });
  }

  /** Who writes the result's notice of a decided ticket, in the transaction that decides it (the notifications). */
  tellDecidedBy(tell: TellDecided): void {
    this.tell = tell;
  }

  /**
   * The draw's part in a booking request: its outcome when the request was in the draw, or null
   * when the core decides it now (no draw for the session, before the release, after the draw).
   */
  async route(cmd: BookCommand, requestHash: string): Promise<Decided | null> {
    if (cmd.waitlist) return null;
    const session = await this.sessionOf(cmd);
    if (!session) return null;
    const windowEndsAt = fairDrawUntil(this.o.settings, session.type, session.releaseAt);
    if (windowEndsAt === null) return null;
    // refused here, not by the core: a batch a moment later would find the session released and
    // book it at once, ahead of the draw
    const now = this.o.clock.now();
    if (now < session.releaseAt) return { kind: 'refused', refusal: notYetReleased(session.releaseAt) };
    // arrived while the window was open
    const { maxWaitMs } = this.o.settings;
    if (Math.min(cmd.receivedAt ?? now, now) < windowEndsAt) return this.enter(cmd, requestHash, session, windowEndsAt);
    if (now < windowEndsAt + maxWaitMs && !this.settled.has(session.scheduleId))
      await this.drawSettled(session, windowEndsAt);
    return null;
  }

  /** Every draw ever started is decided, even when the processes whose requests entered it are gone. */
  startJobs(): void {
    this.sweep ??= setInterval(() => {
      void this.decideDue().catch((err: unknown) => this.o.logger.error({ err }, 'release draw sweep failed'));
    }, 5_000);
    this.sweep.unref();
  }

  stopJobs(): void {
    clearInterval(this.sweep);
    this.sweep = undefined;
    this.stopped = true;
    for (const w of this.watches.values()) {
      void this.answerPending(w.waiters.splice(0));
      for (const go of w.afterWindow) go();
    }
    this.watches.clear();
  }

  /** Decides the draws that are due and nobody is deciding (the sweep). */
  async decideDue(): Promise<number> {
    const ids = await this.store.due(this.o.clock.now(), CLAIM_GRACE_MS);
    let decided = 0;
    for (const id of ids) if (await this.decideDraw(id)) decided++;
    return decided;
  }

  /** Claims and decides the session's draw (see DrawDecider); true when this call finished it. */
  async decideDraw(scheduleId: string): Promise<boolean> {
    const finished = await this.decider.decide(scheduleId);
    if (finished) remember(this.settled, scheduleId);
    // nobody here waits for them (the tickets of other processes' requests, or the sweep's)
    if (finished && !this.watches.has(scheduleId)) this.created.delete(scheduleId);
    return finished;
  }

  private keepCreated(t: TicketRow, d: Decided): void {
    const forSession = this.created.get(t.scheduleId) ?? new Map<string, Decided>();
    this.created.set(t.scheduleId, forSession);
    forSession.set(t.id, d);
  }

  /** A ticket admitted as its draw was finished: decided on its own, first come first served. */
  private async decideLate(t: TicketRow): Promise<void> {
    Object.assign(t, await this.decider.decideAlone(t));
  }

  private sessionOf(cmd: BookCommand): Promise<DrawSession | null> {
    const key = cmd.slotId ? `slot:${cmd.slotId}` : `schedule:${cmd.scheduleId ?? ''}`;
    const cached = this.sessions.get(key);
    const at = performance.now();
    if (cached && at - cached.at < SESSION_CACHE_MS) return cached.session;
    if (this.sessions.size >= SESSION_CACHE_MAX) this.sessions.clear();
    const session = cmd.slotId || cmd.scheduleId ? this.store.sessionOf(cmd) : Promise.resolve(null);
    this.sessions.set(key, { session, at });
    // a failed look-up is not kept: the next request asks again
    session.catch(() => {
      if (this.sessions.get(key)?.session === session) this.sessions.delete(key);
    });
    return session;
  }

  /** Admits the request to the draw (the person's ticket, or the one they already hold) and waits for its answer. */
  private async enter(
    cmd: BookCommand,
    requestHash: string,
    session: DrawSession,
    windowEndsAt: number,
  ): Promise<Decided | null> {
    const personId = await this.store.personOf(cmd.accountId, cmd.patientId);
    // not this account's live patient: the core refuses it as it would any time
    if (!personId) return null;
    const now = this.o.clock.now();
    if (!this.opened.has(session.scheduleId)) {
      await this.store.openDraw(session, windowEndsAt, now);
      remember(this.opened, session.scheduleId);
    }
    const ticket: TicketRow = {
      id: newId(),
      scheduleId: session.scheduleId,
      personId,
      accountId: cmd.accountId,
      patientId: cmd.patientId,
      slotId: cmd.slotId ?? null,
      idempotencyKey: cmd.idempotencyKey,
      requestHash,
      channel: cmd.channel,
      edition: cmd.edition ?? null,
      ip: cmd.ip ?? null,
      agentId: cmd.agentId ?? null,
      position: null,
      outcome: 'pending',
      orderId: null,
      refusalCode: null,
      refusalMessage: null,
      createdAt: now,
    };
    const own = await this.store.addTicket(ticket);
    const held = own ? ticket : await this.store.ticketOfPerson(session.scheduleId, personId);
    if (!held) return null;
    if (held.outcome !== 'pending') return this.answer(held, cmd, false);
    // the draw was decided here already (this request was held up on its way): decided on its own
    if (own && this.settled.has(session.scheduleId)) {
      await this.decideLate(held);
      return this.answer(held, cmd, true);
    }
    return new Promise<Decided>((resolve) => {
      this.watchOf(session, windowEndsAt).waiters.push({ ticketId: held.id, cmd, own, resolve });
    });
  }

  /** After the window: waits (bounded) until the session's draw, if it has one, is decided. */
  private async drawSettled(session: DrawSession, windowEndsAt: number): Promise<void> {
    const draw = await this.store.draw(session.scheduleId);
    if (draw?.state === 'decided' || (!draw && this.o.clock.now() >= windowEndsAt + CLAIM_GRACE_MS)) {
      remember(this.settled, session.scheduleId);
      return;
    }
    if (!draw) return;
    await new Promise<void>((go) => this.watchOf(session, windowEndsAt).afterWindow.push(go));
  }

  private watchOf(session: DrawSession, windowEndsAt: number): Watch {
    let watch = this.watches.get(session.scheduleId);
    if (!watch) {
      watch = { session, windowEndsAt, waiters: [], afterWindow: [] };
      this.watches.set(session.scheduleId, watch);
      const w = watch;
      // followed once the caller has added its waiter
      void Promise.resolve()
        .then(() => this.follow(w))
        .catch((err: unknown) => {
          this.o.logger.error({ err, scheduleId: session.scheduleId }, 'release draw watch failed');
          this.endWatch(w);
        });
    }
    return watch;
  }

  /**
   * Follows a draw until every request of this process waiting on it has its answer: once the
   * window has passed, tries to claim and decide it (or resume it when its decider's lease lapsed);
   * meanwhile answers the tickets another process decided.
   */
  private async follow(w: Watch): Promise<void> {
    while (!this.stopped && (w.waiters.length || w.afterWindow.length)) {
      const now = this.o.clock.now();
      const claimable = w.windowEndsAt + CLAIM_GRACE_MS;
      // nothing to ask the database while the window is open
      if (now >= claimable)
        try {
          await this.followOnce(w, now);
        } catch (err) {
          // a passing failure (a deadlock, a lost connection): the next pass asks again
          this.o.logger.warn({ err, scheduleId: w.session.scheduleId }, 'release draw watch pass failed');
        }
      if (now >= w.windowEndsAt + this.o.settings.maxWaitMs) {
        await this.answerPending(w.waiters.splice(0));
        for (const go of w.afterWindow.splice(0)) go();
      }
      await new Promise((r) => setTimeout(r, now < claimable ? Math.min(POLL_MS * 4, claimable - now) : POLL_MS));
    }
    this.endWatch(w);
  }

  private async followOnce(w: Watch, now: number): Promise<void> {
    const id = w.session.scheduleId;
    let draw = await this.store.draw(id);
    const claimable = draw?.state === 'open' || (draw?.state === 'deciding' && (draw.leaseUntil ?? 0) < now);
    if (claimable && (await this.decideDraw(id))) draw = await this.store.draw(id);
    if (draw?.state !== 'decided') return;
    remember(this.settled, id);
    for (const go of w.afterWindow.splice(0)) go();
    // only the waiters already there: a ticket written while the tickets are read may be missing from them
    const asked = [...w.waiters];
    if (!asked.length) return;
    const byId = new Map((await this.store.tickets(id)).map((t) => [t.id, t]));
    for (const waiter of asked) {
      const t = byId.get(waiter.ticketId);
      if (!t) continue;
      if (t.outcome === 'pending') await this.decideLate(t);
      const answer = await this.answer(t, waiter.cmd, waiter.own);
      w.waiters.splice(w.waiters.indexOf(waiter), 1);
      waiter.resolve(answer);
    }
  }

  private endWatch(w: Watch): void {
    if (this.watches.get(w.session.scheduleId) === w) this.watches.delete(w.session.scheduleId);
    this.created.delete(w.session.scheduleId);
    void this.answerPending(w.waiters.splice(0));
    for (const go of w.afterWindow.splice(0)) go();
  }

  /**
   * Answers DRAW_PENDING (已登记), recorded on the tickets first: their holders are then sent the
   * result when the ticket is decided. A ticket decided meanwhile is answered with its outcome.
   */
  private async answerPending(waiters: Waiter[]): Promise<void> {
    if (!waiters.length) return;
    let current = new Map<string, TicketRow>();
    try {
      const ids = [...new Set(waiters.map((w) => w.ticketId))];
      current = new Map((await this.store.tellPending(ids, this.o.clock.now())).map((t) => [t.id, t]));
    } catch (err) {
      this.o.logger.error({ err }, 'release draw: 已登记 not recorded, the result will not be sent as a notice');
    }
    for (const waiter of waiters) {
      const t = current.get(waiter.ticketId);
      if (!t || t.outcome === 'pending') waiter.resolve(PENDING);
      else waiter.resolve(await this.answer(t, waiter.cmd, waiter.own).catch(() => PENDING));
    }
  }

  /** The same answer for every request of the ticket's person. */
  private async answer(t: TicketRow, cmd: BookCommand, own: boolean): Promise<Decided> {
    if (t.outcome === 'lost')
      return {
        kind: 'refused',
        refusal: { code: t.refusalCode ?? 'SLOT_GONE', ...(t.refusalMessage ? { message: t.refusalMessage } : {}) },
      };
    if (cmd.accountId !== t.accountId) return SAME_PERSON_ELSEWHERE;
    if (!own) return { kind: 'replay', orderId: t.orderId! };
    const mine = this.created.get(t.scheduleId)?.get(t.id);
    if (mine) {
      this.created.get(t.scheduleId)!.delete(t.id);
      return mine;
    }
    const order = await findOrder(this.o.db, t.orderId!, t.accountId);
    return order ? { kind: 'created', order } : { kind: 'replay', orderId: t.orderId! };
  }
}

/** Adds to a per-session set of this process, emptied now and then so it never grows without end. */
function remember(set: Set<string>, id: string): void {
  if (set.size >= SESSION_CACHE_MAX) set.clear();
  set.add(id);
}
