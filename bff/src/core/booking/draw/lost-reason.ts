import { ERRORS, type ErrorCode } from '@cityhealth/shared-types';

/** A lost ticket's reason in the words a patient reads (a subscription keyword: 20 characters at most). */
const LOST_REASONS: Partial<Record<ErrorCode, string>> = {
  SLOT_GONE: '号源已被抽完',
  DUPLICATE_DEPARTMENT_SESSION: '同一时段已有预约',
  SCHEDULE_STOPPED: '医生停诊',
};

/** Why a ticket lost, short (the notice's keyword): the code's own words, else the refusal's message. */
export function lostReason(code: ErrorCode | null): string {
  if (!code) return '号源已被抽完';
  return LOST_REASONS[code] ?? ERRORS[code].message;
}

/**
 * Why a ticket lost, in the app (no length limit): the short words where the code has them, else
 * the refusal's own message as stored (it may name the limit or the date), else the code's message.
 */
export function lostReasonInApp(code: ErrorCode | null, storedMessage: string | null): string {
  if (code && !LOST_REASONS[code] && storedMessage) return storedMessage;
  return lostReason(code);
}
