import type { BookingRulesView, Patient, SlotView } from '@cityhealth/shared-types';
import { ApiError } from '../../api/api-error';
import { dateTime } from '../../utils/time';

const daysBeforeText = (n: number): string => (n === 0 ? '就诊当天' : n === 1 ? '就诊前一天' : `就诊前 ${n} 天`);

/** The rules a patient agrees to before booking, with this deployment's numbers as the server states them. */
export function bookingRuleLines(r: BookingRulesView): string[] {
  return [
    '预约成功后请按时就诊，就诊当天携带就诊人身份证或医保卡到医院取号。',
    `如需取消，请在取消截止时间前操作（${daysBeforeText(r.cancelDeadline.daysBefore)} ${r.cancelDeadline.time}，本时段的截止时间见上方）。`,
    '同一就诊人在同一科室同一时段只能预约一个号。',
    `同一就诊人 ${r.windowDays} 天内最多预约 ${r.maxPerWindow} 次。`,
    `${r.noShow.windowDays} 天内爽约 ${r.noShow.threshold} 次将暂停预约 ${r.noShow.suspendDays} 天。`,
    `需在线支付的预约，请在 ${r.paymentWindowMinutes} 分钟内完成支付，超时号源自动释放。`,
  ];
}

export type PatientChoice = { selectable: true } | { selectable: false; reason: string };

/** Only verified patients who are not suspended can be booked for. */
export function patientChoice(p: Patient, today: string): PatientChoice {
  if (!p.verified) return { selectable: false, reason: '需先完成实名认证' };
  if (p.blacklistedUntil && p.blacklistedUntil >= today)
    return { selectable: false, reason: `因爽约暂停预约至 ${p.blacklistedUntil}` };
  return { selectable: true };
}

/**
 * The patient to pre-select: the last one chosen if still selectable, else the only selectable
 * one; none when the patient has to choose.
 */
export function preselectedPatient(patients: Patient[], today: string, lastChosenId?: string): string | undefined {
  const selectable = patients.filter((p) => patientChoice(p, today).selectable);
  if (lastChosenId && selectable.some((p) => p.id === lastChosenId)) return lastChosenId;
  return selectable.length === 1 ? selectable[0]!.id : undefined;
}

export const freeSlots = (slots: SlotView[]): SlotView[] => slots.filter((s) => s.status === 'free');

/** How many time windows the folded list shows, from the first free one on. */
export const FOLDED_SLOT_COUNT = 4;

/**
 * The time windows shown while the list is folded: the first free ones (a session has 20–35, too
 * many to read through), and the chosen one wherever it is; `hidden` counts what 展开全部 adds.
 */
export function foldedSlots(
  free: SlotView[],
  chosenId: string | undefined,
  count = FOLDED_SLOT_COUNT,
): { shown: SlotView[]; hidden: number } {
  const shown = free.slice(0, count);
  const chosen = free.find((s) => s.id === chosenId);
  if (chosen && !shown.includes(chosen)) shown.push(chosen);
  return { shown, hidden: free.length - shown.length };
}

/** Why the submit button is not yet active, or null when it is. */
export function submitBlocker(o: { patientId?: string; agreed: boolean; freeCount: number }): string | null {
  if (o.freeCount <= 0) return '该时段号源已约满';
  if (!o.patientId) return '请选择就诊人';
  if (!o.agreed) return '请阅读并同意预约须知';
  return null;
}

/** Refusals after which another date is the way forward. */
export const FULL_CODES = new Set(['SLOT_GONE', 'SCHEDULE_STOPPED', 'BOOKING_WINDOW_CLOSED']);

/** What the booking request carries: a chosen time window books that slot, else the next free one of the session. */
export function bookingRequest(scheduleId: string, patientId: string, slotId?: string) {
  return slotId ? { slotId, patientId } : { scheduleId, patientId };
}

/**
 * This session's own cancellation deadline, and whether it has
 * already passed (then booking means no cancelling once it stands).
 */
export function cancelTerms(cancelDeadline: string, now = Date.now()): { passed: boolean; text: string } {
  const when = dateTime(cancelDeadline);
  return Date.parse(cancelDeadline) <= now
    ? {
        passed: true,
        text: `本时段的取消截止时间（${when}）已过：预约成功后将不能取消，需在线支付的预约支付后也不能取消。请确认能按时就诊。`,
      }
    : { passed: false, text: `可在 ${when} 前取消` };
}

/** The booking that stands in the way of a one-per-department-and-session refusal, when it is this account's. */
export function blockingOrder(e: unknown): { id: string; pending: boolean } | null {
  if (!(e instanceof ApiError) || e.code !== 'DUPLICATE_DEPARTMENT_SESSION') return null;
  const d = e.details as { orderId?: unknown; status?: unknown } | undefined;
  return typeof d?.orderId === 'string' ? { id: d.orderId, pending: d.status === 'pending' } : null;
}

/** A session's fair release (公平放号): until when its first requests are drawn. */
type DrawnSession = { releaseAt: string; fairDrawUntil?: string };

/** The confirm page's note on a session with a draw, until its draw window has passed; null otherwise. */
export function fairDrawNote(s: DrawnSession, now: number): string | null {
  if (!s.fairDrawUntil || now >= Date.parse(s.fairDrawUntil)) return null;
  const seconds = Math.max(1, Math.round((Date.parse(s.fairDrawUntil) - Date.parse(s.releaseAt)) / 1000));
  return `公平放号：放号后 ${seconds} 秒内提交的预约统一抽签决定，与提交先后无关，无需抢快；抽签结束即告知结果`;
}

/** Whether a booking sent at `at` waits for the session's draw (its button then reads 抽签中). */
export const waitsForDraw = (s: DrawnSession, at: number): boolean =>
  Boolean(s.fairDrawUntil) && Date.parse(s.releaseAt) <= at && at < Date.parse(s.fairDrawUntil!);
