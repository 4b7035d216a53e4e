import crypto from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { Cron } from 'croner';
import type { BookingRules, FairReleaseSettings } from '../../config/config.js';
import type { AuditEntry, AuditLog } from '../../audit/audit-log.js';
import type { Database } from '../../db/database.js';
import { isUniqueViolation } from '../../db/sql/execute.js';
import { retryTransient } from '../../db/sql/retry.js';
import type { Clock } from '../../shared/clock.js';
import { AppError } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import { KeyedBatcher } from './batcher.js';
import { FairRelease, type FairReleaseOptions } from './draw/fair-release.js';
import { bookBatch, type BatchOutcome, type BookRequest } from './book-batch.js';
import type { OrderRecord } from './order-record.js';
import { findOrder, listOrders, type OrderFilter } from './order-queries.js';
import {
  cancelOrder,
  confirmPaid,
  overdueUnpaid,
  recordAttendance,
  recordOrderNote,
  recordPaymentStep,
  resumeSchedule,
  stopSchedule,
  type Stopped,
  type TransitionResult,
} from './transitions.js';
import { reshapeSchedule, type ScheduleShape } from './reshape-schedule.js';
import type { Actor, Admission, BookCommand, BookingOrigin, PlaceOrderInput, WaitlistTurn } from './types.js';
import { toOrder } from './order-view.js';
import { IdempotencyKey, type Order } from '@cityhealth/shared-types';
import { NO_BOOKING_METRICS, NO_JOB_METRICS, type BookingMetrics, type JobMetrics } from '../../ops/metrics/ports.js';

export interface BookingCoreOptions {
  db: Database;
  rules: BookingRules;
  clock: Clock;
  logger: Logger;
  audit: AuditLog;
  batchMax: number;
  lanes: number;
  /** Checks run on every booking request first (the throttles); none by default. */
  admit?: Admission;
  /** Where bookings, refusals and batches are counted (nowhere by default). */
  metrics?: BookingMetrics;
  jobs?: JobMetrics;
  /** The release draw (docs/fair-release.md); off without it or with a window of 0. */
  fairRelease?: FairReleaseSettings;
  /** Tests only: stop a draw's decider between chunks. */
  drawAfterChunk?: FairReleaseOptions['afterChunk'];
}

type SchedulesChanged = (scheduleIds: string[]) => void;

/** A batch's outcome once it is no longer put off. */
export type Decided = Exclude<BatchOutcome, { kind: 'deferred' }>;

/** The lane (of `lanes`) that books a session or slot: a stable hash of its id. */
export const laneOf = (id: string, lanes: number): number =>
  crypto.createHash('md5').update(id).digest().readUInt32BE(0) % lanes;

/** What an idempotency key stands for: the same key with another patient or session is a conflict. */
const requestHashOf = (cmd: BookCommand) =>
  crypto
    .createHash('sha256')
    .update(JSON.stringify([cmd.patientId, cmd.scheduleId ?? null, cmd.slotId ?? null]))
    .digest('hex');
const DEFERRAL_PAUSE_MS = 5;

/**
 * The booking core: the one narrow interface the HTTP layer (or a future standalone service)
 * calls to book, cancel and read bookings. Never oversells: slots are claimed under row locks,
 * and the database's unique keys (slot, identity+department+session, idempotency key) stand
 * behind the logic.
 */
export class BookingCore {
  private readonly batcher: KeyedBatcher<BookRequest, BatchOutcome>;
  private readonly listeners: SchedulesChanged[] = [];
  private readonly freedListeners: SchedulesChanged[] = [];
  private expiryJob?: Cron;
  private expiryGuard?: (orderId: string) => Promise<boolean>;
  /** Bookings made by this process in the current and the previous whole second. */
  private rate = { second: 0, now: 0, before: 0 };
  private readonly metrics: BookingMetrics;
  private readonly jobs: JobMetrics;
  /** The release draw, when configured: it decides its tickets through `decide`, like every request. */
  readonly draw?: FairRelease;

  constructor(private readonly o: BookingCoreOptions) {
    this.metrics = o.metrics ?? NO_BOOKING_METRICS;
    this.jobs = o.jobs ?? NO_JOB_METRICS;
    if (o.fairRelease?.windowMs)
      this.draw = new FairRelease({
        db: o.db,
        clock: o.clock,
        logger: o.logger,
        settings: o.fairRelease,
        decide: (cmd, requestHash) => this.decide(cmd, requestHash),
        chunk: o.batchMax,
        afterChunk: o.drawAfterChunk,
      });
    // Sessions are spread over a few lanes; a lane runs one batch at a time, and lanes never
    // share a session, so their batches do not wait on each other's schedule locks.
    const lanes = o.db.dialect === 'mysql' ? o.lanes : 1;
    const laneOfRequest = (r: BookRequest) => String(laneOf(r.cmd.scheduleId ?? r.cmd.slotId ?? '', lanes));
    this.batcher = new KeyedBatcher((reqs) => this.runBatch(reqs), laneOfRequest, o.batchMax, lanes);
  }

  /** Called after commits that change free counts (to refresh cached schedule views). */
  onSchedulesChanged(listener: SchedulesChanged): void {
    this.listeners.push(listener);
  }

  /**
   * Called after commits that may have freed slots: a cancellation, a payment window that ran
   * out, a session resumed or reshaped (the waitlist serves its queue then).
   */
  onSlotsFreed(listener: SchedulesChanged): void {
    this.freedListeners.push(listener);
  }

  /**
   * The one door of booking, for every channel (the Koa route, the fast path, later the console
   * and the hospital interface): the idempotency key, the admission checks, then `book`, answered
   * as the patient's view of the order.
   */
  async placeOrder(input: PlaceOrderInput): Promise<{ order: Order; replay: boolean }> {
    try {
      const placed = await this.place(input);
      this.metrics.booked(placed.replay ? 'replayed' : 'created');
      return placed;
    } catch (e) {
      if (e instanceof AppError) this.metrics.refused(e.code);
      throw e;
    }
  }

  private async place(input: PlaceOrderInput): Promise<{ order: Order; replay: boolean }> {
    const key = IdempotencyKey.safeParse(input.idempotencyKey ?? '');
    if (!key.success)
      throw new AppError(
        'VALIDATION_FAILED',
        input.idempotencyKey ? key.error.issues[0]!.message : '缺少 Idempotency-Key 请求头',
      );
    await this.o.admit?.({ accountId: input.accountId, ip: input.ip, agentId: input.agentId });
    const { order, replay } = await this.book({
      accountId: input.accountId,
      patientId: input.patientId,
      scheduleId: input.scheduleId,
      slotId: input.slotId,
      idempotencyKey: key.data,
      ip: input.ip,
      channel: input.channel,
      edition: input.edition,
      agentId: input.agentId,
      receivedAt: input.receivedAt,
    });
    return { order: toOrder(order, this.o.clock.now()), replay };
  }

  async book(cmd: BookCommand): Promise<{ order: OrderRecord; replay: boolean }> {
    const requestHash = requestHashOf(cmd);
    const outcome = (this.draw && (await this.draw.route(cmd, requestHash))) || (await this.decide(cmd, requestHash));
    if (outcome.kind === 'refused')
      throw new AppError(outcome.refusal.code, outcome.refusal.message, outcome.refusal.details);
    if (outcome.kind === 'created') return { order: outcome.order, replay: false };
    const order = await findOrder(this.o.db, outcome.orderId, cmd.accountId);
    if (!order) throw new AppError('NOT_FOUND');
    return { order, replay: true };
  }

  /**
   * The waitlist's turn for a place in a session's queue: booked through the same batches and
   * rules as every request (the place's account, patient and session), under the idempotency key
   * of the place, so a turn taken twice books once. Answers the batch's outcome as it is.
   */
  bookTurn(turn: WaitlistTurn & { accountId: string; patientId: string; scheduleId: string } & BookingOrigin) {
    const { entryId, groupId, ...rest } = turn;
    const cmd: BookCommand = { ...rest, idempotencyKey: `waitlist-${entryId}`, waitlist: { entryId, groupId } };
    return this.decide(cmd, requestHashOf(cmd));
  }

  private async decide(cmd: BookCommand, requestHash: string): Promise<Decided> {
    let outcome = await this.batcher.submit({ cmd, requestHash });
    // put off because another process's batch held its session: try again after that one commits
    for (const deferredSince = performance.now(); outcome.kind === 'deferred'; ) {
      await new Promise((r) => setTimeout(r, DEFERRAL_PAUSE_MS));
      outcome = await this.batcher.submit({ cmd, requestHash, deferredSince });
    }
    return outcome as Decided;
  }

  async getOrder(accountId: string, orderId: string): Promise<OrderRecord> {
    const order = await findOrder(this.o.db, orderId, accountId);
    if (!order) throw new AppError('NOT_FOUND', '预约不存在');
    return order;
  }

  listOrders(accountId: string, filter: OrderFilter, page: number, pageSize: number) {
    return listOrders(this.o.db, accountId, filter, page, pageSize);
  }

  /**
   * The patient's cancellation (their deadline, counted against their limits). `by` names someone
   * acting for them, a phone agent, with the audit entry recorded in the same transaction.
   */
  async cancel(
    accountId: string,
    orderId: string,
    note?: string,
    ip?: string,
    by?: { actor: Actor; audit: AuditEntry },
  ): Promise<OrderRecord> {
    const now = this.o.clock.now();
    const actor: Actor = by?.actor ?? { type: 'patient', id: accountId };
    const audit: AuditEntry = by?.audit ?? {
      actorType: 'patient',
      actorId: accountId,
      action: 'order.cancel',
      targetType: 'order',
      targetId: orderId,
      ip,
    };
    const r = await this.transition(async (tx) => {
      const r = await cancelOrder(tx, this.o.db.dialect, { orderId, accountId, actor, reason: 'patient', note, now });
      if (r.ok && r.changed) await this.o.audit.record(audit, tx);
      return r;
    });
    if (r.changed) this.freed([r.scheduleId]);
    return this.getOrder(accountId, orderId);
  }

  /**
   * Asked before an overdue unpaid booking is closed (the payment domain closes its channel
   * trades first); false keeps the booking for the next pass (e.g. it turned out paid).
   */
  setExpiryGuard(guard: (orderId: string) => Promise<boolean>): void {
    this.expiryGuard = guard;
  }

  /** Closes unpaid bookings whose payment window has passed and returns their slots. */
  async expireUnpaid(limit = 200): Promise<number> {
    const ids = await overdueUnpaid(this.o.db.manager, this.o.clock.now(), limit);
    let closed = 0;
    for (const orderId of ids) {
      if (this.expiryGuard && !(await this.expiryGuard(orderId))) continue;
      const now = this.o.clock.now();
      const r = await this.transition((tx) =>
        cancelOrder(tx, this.o.db.dialect, {
          orderId,
          actor: { type: 'system', id: null },
          reason: 'payment-timeout',
          now,
        }),
      );
      if (r.ok && r.changed) {
        closed++;
        this.freed([r.scheduleId]);
      }
    }
    return closed;
  }

  async recordAttendance(
    orderId: string,
    outcome: 'arrived' | 'noshow',
    actor: Actor,
  ): Promise<{ changed: boolean; blacklistedUntil?: number }> {
    const now = this.o.clock.now();
    const r = await this.transition(async (tx) => {
      const res = await recordAttendance(tx, this.o.db.dialect, orderId, outcome, actor, this.o.rules, now);
      if (res.ok && res.blacklistedUntil) {
        await this.o.audit.record(
          {
            actorType: 'system',
            action: 'person.blacklist',
            targetType: 'order',
            targetId: orderId,
            detail: { until: new Date(res.blacklistedUntil).toISOString(), by: actor.type },
          },
          tx,
        );
      }
      return res;
    });
    return { changed: r.ok && r.changed, blacklistedUntil: r.blacklistedUntil };
  }

  /** 停诊: stops a session and cancels every booking on it (paid ones are then refunding). */
  stopSchedule(scheduleId: string, actor: Actor, note: string): Promise<Stopped> {
    return this.sessionTransition(
      scheduleId,
      actor,
      'schedule.stop',
      (tx, now) => stopSchedule(tx, this.o.db.dialect, scheduleId, actor, note, now),
      (r) => ({ cancelled: r.cancelled.length, refunding: r.refunding, note }),
    );
  }

  /** Reopens a stopped session: its slots no booking holds (and no lower capacity withdrew) are free again. */
  resumeSchedule(scheduleId: string, actor: Actor): Promise<{ changed: boolean; freeCount: number }> {
    return this.sessionTransition(
      scheduleId,
      actor,
      'schedule.resume',
      (tx, now) => resumeSchedule(tx, this.o.db.dialect, scheduleId, actor, now),
      (r) => ({ freeCount: r.freeCount }),
    );
  }

  /**
   * A batch of session changes in one transaction (a hospital's schedule upserts): `work` publishes
   * new sessions and reshapes changed ones through `within.reshapeSchedule`, and names the sessions
   * it changed, whose cached views are dropped after the commit.
   */
  async changeSchedules<T>(work: (tx: EntityManager) => Promise<{ value: T; changed: string[] }>): Promise<T> {
    const { value, changed } = await this.withRetry(() => this.o.db.write(work));
    this.changed(changed);
    this.freed(changed);
    return value;
  }

  /** An administrator lifts a person's no-show suspension (audited). */
  async liftBlacklist(personId: string, admin: Actor, reason: string): Promise<void> {
    const now = this.o.clock.now();
    await this.o.db.write(async (tx) => {
      await tx.query(
        'UPDATE person SET blacklisted_until = NULL, blacklist_lifted_at = ?, updated_at = ? WHERE id = ?',
        [now, now, personId],
      );
      await this.o.audit.record(
        {
          actorType: admin.type,
          actorId: admin.id,
          action: 'person.blacklist.lift',
          targetType: 'person',
          targetId: personId,
          detail: { reason },
        },
        tx,
      );
    });
  }

  startJobs(): void {
    this.draw?.startJobs();
    this.expiryJob ??= new Cron('*/15 * * * * *', { protect: true }, async () => {
      try {
        const closed = await this.jobs.run('payment-window', () => this.expireUnpaid());
        if (closed) this.o.logger.info({ closed }, 'unpaid bookings closed after the payment window');
      } catch (err) {
        this.o.logger.error({ err }, 'payment-window job failed');
      }
    });
  }

  stopJobs(): void {
    this.draw?.stopJobs();
    this.expiryJob?.stop();
    this.expiryJob = undefined;
  }

  /** A change of a whole session's state: audited when it changed anything, its views refreshed after commit. */
  private async sessionTransition<R extends { changed: boolean }>(
    scheduleId: string,
    actor: Actor,
    action: 'schedule.stop' | 'schedule.resume',
    work: (tx: EntityManager, now: number) => Promise<R | null>,
    detail: (r: R) => Record<string, unknown>,
  ): Promise<R> {
    const now = this.o.clock.now();
    const r = await this.withRetry(() =>
      this.o.db.write(async (tx) => {
        const done = await work(tx, now);
        if (done?.changed)
          await this.o.audit.record(
            {
              actorType: actor.type,
              actorId: actor.id,
              action,
              targetType: 'schedule',
              targetId: scheduleId,
              detail: detail(done),
            },
            tx,
          );
        return done;
      }),
    );
    if (!r) throw new AppError('NOT_FOUND', '出诊信息不存在');
    if (r.changed) this.changed([scheduleId]);
    if (r.changed && action === 'schedule.resume') this.freed([scheduleId]);
    return r;
  }

  private changed(scheduleIds: string[]): void {
    if (!scheduleIds.length) return;
    for (const l of this.listeners) l(scheduleIds);
  }

  private freed(scheduleIds: string[]): void {
    if (!scheduleIds.length) return;
    for (const l of this.freedListeners) l(scheduleIds);
  }

  /**
   * The order transitions another domain (payments) makes inside a transaction it opened with
   * `inTransition`, in the core's own lock order. Nothing outside the core reaches the transitions.
   */
  readonly within = {
    /** A channel reports the booking's payment paid: book it, or say the money must go back. */
    confirmPaid: (tx: EntityManager, orderId: string, alreadyApplied: boolean, now: number) =>
      confirmPaid(tx, this.o.db.dialect, orderId, alreadyApplied, now),
    /** A refund started or finished for the booking's own payment. */
    recordPaymentStep: (
      tx: EntityManager,
      orderId: string,
      step: 'refunding' | 'refunded',
      reason: string,
      now: number,
    ) => recordPaymentStep(tx, this.o.db.dialect, orderId, step, reason, now),
    /** Something the patient must read in the order's history that changes no status. */
    recordOrderNote: (tx: EntityManager, orderId: string, reason: string, now: number) =>
      recordOrderNote(tx, this.o.db.dialect, orderId, reason, now),
    /** A newer version of a session: capacity, fee, type, doctor and times, under its row lock. */
    reshapeSchedule: (tx: EntityManager, shape: ScheduleShape) => reshapeSchedule(tx, this.o.db.dialect, shape),
  };

  /**
   * Runs a change of other domains' rows together with order transitions: same locks order, retries and change notices.
   */
  async inTransition<R extends TransitionResult>(work: (tx: EntityManager) => Promise<R>): Promise<R> {
    const r = await this.withRetry(() => this.o.db.write(work));
    if (r.ok && r.changed) this.changed([r.scheduleId]);
    return r;
  }

  private async transition<R extends TransitionResult>(
    work: (tx: EntityManager) => Promise<R>,
  ): Promise<Extract<R, { ok: true }>> {
    const r = await this.inTransition(work);
    if (!r.ok) throw new AppError(r.refusal.code, r.refusal.message, r.refusal.details);
    return r as Extract<R, { ok: true }>;
  }

  private withRetry<T>(work: () => Promise<T>): Promise<T> {
    return retryTransient(work, {
      attempts: this.o.db.retryAttempts,
      onRetry: (reason) => this.metrics.retried(reason),
    });
  }

  /** Bookings per second this process is making (the last whole second, or this one if more). */
  bookingRate(): number {
    this.countBookings(0);
    return Math.max(this.rate.now, this.rate.before);
  }

  private countBookings(n: number): void {
    const second = Math.floor(performance.now() / 1000);
    if (second !== this.rate.second)
      this.rate = { second, now: 0, before: second === this.rate.second + 1 ? this.rate.now : 0 };
    this.rate.now += n;
  }

  private async runBatch(requests: BookRequest[]): Promise<BatchOutcome[]> {
    const started = performance.now();
    try {
      const outcomes = await this.withRetry(() =>
        this.o.db.writeSql((tx) => bookBatch(tx, requests, this.o.rules, this.o.clock.now())),
      );
      this.metrics.batch(requests.length, started);
      this.countBookings(outcomes.filter((o) => o.kind === 'created').length);
      this.changed([...new Set(outcomes.flatMap((o) => (o.kind === 'created' ? [o.order.scheduleId] : [])))]);
      return outcomes;
    } catch (e) {
      if (requests.length === 1) return [await this.recover(requests[0]!, e)];
      // One request broke the batch (e.g. a concurrent duplicate key): decide them one by one.
      this.o.logger.warn({ err: e, size: requests.length }, 'booking batch failed; retrying its requests one by one');
      const out: BatchOutcome[] = [];
      for (const r of requests) out.push(...(await this.runBatch([r])));
      return out;
    }
  }

  private async recover(request: BookRequest, e: unknown): Promise<BatchOutcome> {
    if (isUniqueViolation(e)) {
      // Another process committed the same idempotency key first: replay its order.
      const [row] = await this.o.db.query<{ id: string; request_hash: string }>(
        'SELECT id, request_hash FROM booking_order WHERE account_id = ? AND idempotency_key = ?',
        [request.cmd.accountId, request.cmd.idempotencyKey],
      );
      if (row)
        return row.request_hash === request.requestHash
          ? { kind: 'replay', orderId: row.id }
          : { kind: 'refused', refusal: { code: 'IDEMPOTENCY_CONFLICT' } };
      return { kind: 'refused', refusal: { code: 'SLOT_GONE' } };
    }
    throw e;
  }
}
