import type { Refusal } from '../types.js';

/** What the rules need to know of the patient (就诊人) a booking is for. */
export interface PatientFacts {
  accountId: string;
  live: boolean;
  verifiedAt: number | null;
}

/** Only the account's own, current patient, and only once real-name authenticated (实名制). */
export function checkPatient(patient: PatientFacts | undefined, accountId: string): Refusal | null {
  if (!patient || patient.accountId !== accountId || !patient.live)
    return { code: 'NOT_FOUND', message: '就诊人不存在' };
  if (patient.verifiedAt === null) return { code: 'REAL_NAME_REQUIRED' };
  return null;
}
