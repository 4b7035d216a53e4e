import type { ScheduleStateResult, SessionStateResult } from '@cityhealth/shared-types';
import type { BookingCore } from '../core/booking/booking-core.js';
import type { Actor } from '../core/booking/types.js';
import type { Database } from '../db/database.js';
import { AppError } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';

/**
 * A hospital stops (停诊) and resumes its sessions by its own schedule ids, and the console by the
 * platform's (`stopSession`, `resumeSession`): one path for both. Stopping cancels every booking
 * through the booking core; the paid ones are refunded through their channel right away (what
 * fails here the payment sweep retries).
 */
export class HospitalScheduleStates {
  constructor(
    private readonly db: Database,
    private readonly booking: BookingCore,
    private readonly refundCancelled: () => Promise<unknown>,
    private readonly logger: Logger,
  ) {}

  async stop(hospitalId: string, hisScheduleId: string, reason: string): Promise<ScheduleStateResult> {
    const scheduleId = await this.scheduleOf(hospitalId, hisScheduleId);
    return { hisScheduleId, ...(await this.stopSession(scheduleId, reason, { type: 'hospital', id: hospitalId })) };
  }

  async resume(hospitalId: string, hisScheduleId: string): Promise<ScheduleStateResult> {
    const scheduleId = await this.scheduleOf(hospitalId, hisScheduleId);
    return { hisScheduleId, ...(await this.resumeSession(scheduleId, { type: 'hospital', id: hospitalId })) };
  }

  /** Stops a session by the platform's id (the caller has checked it is the hospital's). */
  async stopSession(scheduleId: string, reason: string, actor: Actor): Promise<SessionStateResult> {
    const r = await this.booking.stopSchedule(scheduleId, actor, reason);
    if (r.refunding)
      await this.refundCancelled().catch((err: unknown) =>
        this.logger.warn({ err, scheduleId }, 'refunds after a stop deferred to the sweep'),
      );
    return {
      scheduleId,
      status: 'stopped',
      changed: r.changed,
      cancelled: r.cancelled.length,
      refunding: r.refunding,
      freeCount: 0,
    };
  }

  async resumeSession(scheduleId: string, actor: Actor): Promise<SessionStateResult> {
    const r = await this.booking.resumeSchedule(scheduleId, actor);
    return { scheduleId, status: 'open', cancelled: 0, refunding: 0, ...r };
  }

  /** The platform's session of one of this hospital's schedule ids; another hospital's is not found. */
  private async scheduleOf(hospitalId: string, hisScheduleId: string): Promise<string> {
    const [row] = await this.db.query<{ entity_id: string }>(
      "SELECT entity_id FROM his_key WHERE hospital_id = ? AND kind = 'schedule' AND his_code = ?",
      [hospitalId, hisScheduleId],
    );
    if (!row) throw new AppError('NOT_FOUND', `排班号 ${hisScheduleId} 不存在`);
    return row.entity_id;
  }
}
