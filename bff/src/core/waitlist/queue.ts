import { NO_JOB_METRICS, type JobMetrics } from '../../ops/metrics/ports.js';
import type { EntityManager } from 'typeorm';
import { Cron } from 'croner';
import type { Database } from '../../db/database.js';
import { execute, forUpdate, placeholders } from '../../db/sql/execute.js';
import { retryTransient } from '../../db/sql/retry.js';
import type { Clock } from '../../shared/clock.js';
import type { Logger } from '../../shared/logger.js';
import type { BookingCore, Decided } from '../booking/booking-core.js';
import type { OrderChannel } from '@cityhealth/shared-types';
import { KEEPS_WAITING } from '../booking/batch/decide.js';
import { lockSessions, recountWaitingStatement } from './recount.js';

/** Tells a patient, in the caller's transaction, that a waitlist ended unserved (queue closed or a rule refused it). */
export type EndedNotice = (tx: EntityManager, groupIds: string[], now: number) => Promise<void>;

export interface WaitlistQueueOptions {
  db: Database;
  booking: BookingCore;
  clock: Clock;
  logger: Logger;
  tellEnded: EndedNotice;
  /** Where the queue's job runs are counted. */
  jobs?: JobMetrics;
}

interface Head {
  id: string;
  group_id: string;
  account_id: string;
  patient_id: string;
  channel: OrderChannel;
  edition: 'standard' | 'elder';
}

/** Places tried per session and round: a freed slot or two is the usual case, a raised capacity more. */
const MAX_TURNS_PER_ROUND = 50;
const MAX_ROUNDS = 20;

/**
 * Serves the queues (候补): whenever slots may have been freed in a session, its waiting places
 * are booked in queue order through the booking core's own batches, so a freed slot goes to the
 * queue and a patient asking for it at the same moment is refused, under the session's lock,
 * whichever process each runs in. A sweep finds what a process missed (it died, or the slot
 * was freed by another); the queue closes before the visit, and the patients whose waitlist
 * ended unserved are told.
 */
export class WaitlistQueue {
  private readonly due = new Set<string>();
  private draining: Promise<void> | null = null;
  private jobs: Cron[] = [];

  constructor(private readonly o: WaitlistQueueOptions) {
    o.booking.onSlotsFreed((ids) => this.nudge(ids));
  }

  private retried<T>(work: () => Promise<T>): Promise<T> {
    return retryTransient(work, { attempts: this.o.db.retryAttempts });
  }

  /** Serves these sessions' queues soon (one session at a time in this process). */
  nudge(scheduleIds: string[]): void {
    for (const id of scheduleIds) this.due.add(id);
    this.draining ??= this.drain().finally(() => {
      this.draining = null;
    });
  }

  /** Resolves once every nudged session has been served (for tests and a graceful stop). */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
  }

  private async drain(): Promise<void> {
    // let the nudging commit's other listeners run first
    await new Promise((r) => setImmediate(r));
    for (const id of this.due) {
      this.due.delete(id);
      try {
        await this.serve(id);
      } catch (err) {
        this.o.logger.error({ err, scheduleId: id }, 'waitlist serve failed');
      }
    }
  }

  /**
   * Books the session's free slots for its waiting places, first come first served, until the
   * slots or the places run out. Answers how many were booked.
   */
  async serve(scheduleId: string): Promise<number> {
    let booked = 0;
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const [s] = await this.o.db.query<{ status: string; free_count: unknown; waiting_count: unknown }>(
        'SELECT status, free_count, waiting_count FROM schedule WHERE id = ?',
        [scheduleId],
      );
      const free = Number(s?.free_count ?? 0);
      if (s?.status !== 'open' || Number(s.waiting_count) <= 0 || free <= 0) return booked;
      const heads = await this.o.db.query<Head>(
        `SELECT id, group_id, account_id, patient_id, channel, edition FROM waitlist_entry
          WHERE schedule_id = ? AND status = 'waiting' ORDER BY joined_at, id
          LIMIT ${Math.min(free, MAX_TURNS_PER_ROUND)}`,
        [scheduleId],
      );
      if (!heads.length) {
        await this.recount([scheduleId]);
        return booked;
      }
      const outcomes = await Promise.all(
        heads.map((h) =>
          this.o.booking.bookTurn({
            entryId: h.id,
            groupId: h.group_id,
            accountId: h.account_id,
            patientId: h.patient_id,
            scheduleId,
            channel: h.channel,
            edition: h.edition,
          }),
        ),
      );
      const made = heads.filter((_, i) => outcomes[i]!.kind === 'created');
      booked += made.length;
      if (made.length)
        await this.settleSiblings(
          scheduleId,
          made.map((h) => h.group_id),
        );
      if (!outcomes.some(moved)) return booked;
    }
    return booked;
  }

  /**
   * A day's waitlist booked in one session ended its places in the others (under the places' locks
   * only): their sessions' counts are put right and their queues served.
   */
  private async settleSiblings(scheduleId: string, groupIds: string[]): Promise<void> {
    const rows = await this.o.db.query<{ schedule_id: string }>(
      `SELECT DISTINCT schedule_id FROM waitlist_entry WHERE group_id IN (${placeholders(groupIds.length)})
        AND schedule_id <> ?`,
      [...groupIds, scheduleId],
    );
    const ids = rows.map((r) => r.schedule_id);
    if (!ids.length) return;
    await this.recount(ids);
    this.nudge(ids);
  }

  /** Sets the sessions' waiting counts to their queues, under their locks. */
  private async recount(scheduleIds: string[]): Promise<void> {
    await this.retried(() =>
      this.o.db.write(async (tx) => {
        await lockSessions(tx, this.o.db.dialect, scheduleIds);
        const recount = recountWaitingStatement(scheduleIds);
        await execute(tx, recount.sql, recount.params);
      }),
    );
  }

  /** Nudges the open sessions that have both a queue and free slots (what this or another process missed). */
  async sweep(): Promise<number> {
    const rows = await this.o.db.query<{ id: string }>(
      `SELECT id FROM schedule WHERE waiting_count > 0 AND free_count > 0 AND status = 'open' AND closes_at > ?
        LIMIT 200`,
      [this.o.clock.now()],
    );
    this.nudge(rows.map((r) => r.id));
    return rows.length;
  }

  /** Closes the queues whose time has come (the evening before the visit): their places end unserved. */
  async close(): Promise<number> {
    const now = this.o.clock.now();
    const rows = await this.o.db.query<{ schedule_id: string }>(
      `SELECT DISTINCT schedule_id FROM waitlist_entry WHERE status = 'waiting' AND closes_at <= ? LIMIT 200`,
      [now],
    );
    let closed = 0;
    for (const { schedule_id: id } of rows)
      closed += await this.retried(() =>
        this.o.db.write(async (tx) => {
          await lockSessions(tx, this.o.db.dialect, [id]);
          const n = await execute(
            tx,
            `UPDATE waitlist_entry SET status = 'ended', end_reason = 'closed', ended_at = ?, live = NULL,
              notice_due = 1, updated_at = ?, version = version + 1
              WHERE schedule_id = ? AND status = 'waiting' AND closes_at <= ?`,
            [now, now, id, now],
          );
          const recount = recountWaitingStatement([id]);
          await execute(tx, recount.sql, recount.params);
          return n;
        }),
      );
    return closed;
  }

  /**
   * Tells the patients whose waitlist ended unserved, once the whole waitlist has ended (a day's
   * waitlist may still wait in another session). The notice is queued in the same transaction
   * that clears the mark, so it is told once.
   */
  async tellEnded(): Promise<number> {
    const rows = await this.o.db.query<{ group_id: string }>(
      'SELECT DISTINCT group_id FROM waitlist_entry WHERE notice_due = 1 LIMIT 200',
      [],
    );
    let told = 0;
    for (const { group_id: groupId } of rows)
      told += await this.retried(() =>
        this.o.db.write(async (tx) => {
          const entries = (await tx.query(
            `SELECT status FROM waitlist_entry WHERE group_id = ? ORDER BY id${forUpdate(this.o.db.dialect)}`,
            [groupId],
          )) as { status: string }[];
          const unserved = entries.every((e) => e.status === 'ended');
          const now = this.o.clock.now();
          if (unserved) await this.o.tellEnded(tx, [groupId], now);
          await execute(tx, 'UPDATE waitlist_entry SET notice_due = NULL WHERE group_id = ? AND notice_due = 1', [
            groupId,
          ]);
          return unserved ? 1 : 0;
        }),
      );
    return told;
  }

  startJobs(): void {
    if (this.jobs.length) return;
    const jobs = this.o.jobs ?? NO_JOB_METRICS;
    const guarded = (name: string, work: () => Promise<unknown>) => async () => {
      try {
        await jobs.run(`waitlist-${name}`, work);
      } catch (err) {
        this.o.logger.error({ err }, `waitlist ${name} failed`);
      }
    };
    this.jobs = [
      new Cron(
        '*/5 * * * * *',
        { protect: true },
        guarded('sweep', () => this.sweep()),
      ),
      new Cron(
        '*/30 * * * * *',
        { protect: true },
        guarded('close', () => this.close()),
      ),
      new Cron(
        '*/10 * * * * *',
        { protect: true },
        guarded('notices', () => this.tellEnded()),
      ),
    ];
  }

  async stopJobs(): Promise<void> {
    for (const job of this.jobs) job.stop();
    this.jobs = [];
    await this.idle();
  }
}

/** A turn that changed the queue: booked, ended by a rule, or found already settled by another process. */
const moved = (o: Decided) => o.kind !== 'refused' || !KEEPS_WAITING.has(o.refusal.code);
