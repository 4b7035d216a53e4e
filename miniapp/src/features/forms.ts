import * as rules from '@cityhealth/shared-types/field-rules';
import { calendarDate } from '../utils/time';

/*
 * The checks a form makes before calling the API: the contract's own field rules
 * (shared-types/src/field-rules.ts), which the API's schemas are built from, so the patient reads
 * the same words either way. The API stays the authority: it checks everything again and its
 * field messages are shown as they come.
 */

/** Phone and code are sent trimmed, so they are checked trimmed. */
export const phoneError = (phone: string): string | undefined => rules.phoneError(phone.trim());

export const smsCodeError = (code: string): string | undefined => rules.smsCodeError(code.trim());

export const nameError = rules.personNameError;

/** GB 11643 format, region, birth date and check character, as the API checks a new patient's number. */
export const idNumberError = (idNumber: string): string | undefined => rules.idNumberError(idNumber, calendarDate());

/** The first message of a set of field checks, keyed by field, without the fields that passed. */
export function collectErrors<K extends string>(checks: Record<K, string | undefined>): Partial<Record<K, string>> {
  const out: Partial<Record<K, string>> = {};
  for (const [k, v] of Object.entries(checks) as [K, string | undefined][]) if (v) out[k] = v;
  return out;
}
