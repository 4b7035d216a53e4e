import type { ErrorCode } from '@cityhealth/shared-types';
import type { OrderRow } from '../../db/entities/index.js';

export interface BookCommand {
  accountId: string;
  patientId: string;
  scheduleId?: string;
  slotId?: string;
  idempotencyKey: string;
  ip?: string;
}

/** A rule refusal: the stable code plus a message written for the patient. */
export interface Refusal {
  code: ErrorCode;
  message?: string;
  details?: unknown;
}

export type BookOutcome = { ok: true; order: OrderRow; replay: boolean } | { ok: false; refusal: Refusal };

export type Actor = { type: 'patient' | 'system' | 'hospital' | 'admin'; id: string | null };

export type CancelReason = 'patient' | 'payment-timeout' | 'stop-clinic' | 'admin';

/** System cancellations do not count against a patient's booking limit. */
export const SYSTEM_CANCEL_REASONS: readonly CancelReason[] = ['payment-timeout', 'stop-clinic'];
