import type { Waitlist } from '@cityhealth/shared-types';
import type { BookingRules } from '../../config/config.js';
import type { Database } from '../../db/database.js';
import { execute } from '../../db/sql/execute.js';
import { retryTransient } from '../../db/sql/retry.js';
import type { Clock } from '../../shared/clock.js';
import { AppError } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import type { JobMetrics } from '../../ops/metrics/ports.js';
import type { BookingCore } from '../booking/booking-core.js';
import { joinWaitlist, type JoinInput } from './join.js';
import { type EndedNotice, WaitlistQueue } from './queue.js';
import { lockSessions, recountWaitingStatement } from './recount.js';
import { findWaitlist, listWaitlists } from './view.js';

export interface WaitlistServiceOptions {
  db: Database;
  booking: BookingCore;
  rules: BookingRules;
  clock: Clock;
  logger: Logger;
  tellEnded: EndedNotice;
  jobs?: JobMetrics;
}

/** The waitlist (候补) as the patient uses it: join a full session or day, see the place, leave. */
export class WaitlistService {
  readonly queue: WaitlistQueue;

  constructor(private readonly o: WaitlistServiceOptions) {
    this.queue = new WaitlistQueue(o);
  }

  private retried<T>(work: () => Promise<T>): Promise<T> {
    return retryTransient(work, { attempts: this.o.db.retryAttempts });
  }

  async join(input: JoinInput): Promise<Waitlist> {
    const { groupId } = await this.retried(() =>
      this.o.db.write((tx) => joinWaitlist(tx, this.o.db.dialect, input, this.o.rules, this.o.clock.now())),
    );
    return this.get(input.accountId, groupId);
  }

  list(accountId: string): Promise<Waitlist[]> {
    return listWaitlists(this.o.db, accountId, this.o.clock.now());
  }

  async get(accountId: string, groupId: string): Promise<Waitlist> {
    const found = await findWaitlist(this.o.db, accountId, groupId);
    if (!found) throw new AppError('NOT_FOUND', '候补记录不存在');
    return found;
  }

  /**
   * Leaves every session of the waitlist still waiting (again: nothing changes). A waitlist already
   * booked is left by cancelling its booking instead.
   */
  async leave(accountId: string, groupId: string): Promise<Waitlist> {
    const left = await this.retried(() =>
      this.o.db.write(async (tx) => {
        const places = (await tx.query(
          'SELECT schedule_id, status FROM waitlist_entry WHERE group_id = ? AND account_id = ?',
          [groupId, accountId],
        )) as { schedule_id: string; status: string }[];
        if (!places.length) throw new AppError('NOT_FOUND', '候补记录不存在');
        if (places.some((p) => p.status === 'booked'))
          throw new AppError('WAITLIST_NOT_WAITING', '候补已成功，如不需要请在“我的预约”中取消该预约');
        const ids = [...new Set(places.map((p) => p.schedule_id))];
        await lockSessions(tx, this.o.db.dialect, ids);
        const now = this.o.clock.now();
        const changed = await execute(
          tx,
          `UPDATE waitlist_entry SET status = 'ended', end_reason = 'left', ended_at = ?, live = NULL, updated_at = ?,
            version = version + 1 WHERE group_id = ? AND status = 'waiting'`,
          [now, now, groupId],
        );
        const recount = recountWaitingStatement(ids);
        await execute(tx, recount.sql, recount.params);
        return changed ? ids : [];
      }),
    );
    // the slots the place held go to the next in the queue, or to anyone
    if (left.length) this.queue.nudge(left);
    return this.get(accountId, groupId);
  }

  startJobs(): void {
    this.queue.startJobs();
  }

  stopJobs(): Promise<void> {
    return this.queue.stopJobs();
  }
}
