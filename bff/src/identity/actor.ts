/**
 * Who changes an account's identity data, as the audit trail names them: the patient themself, or
 * a staff member acting for them (a phone agent with the caller on the line).
 */
export interface IdentityActor {
  type: 'patient' | 'staff';
  id: string;
}

export const patientActor = (accountId: string): IdentityActor => ({ type: 'patient', id: accountId });
