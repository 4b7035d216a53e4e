/**
 * The rule book of booking: every rule a booking, a cancellation or an attendance mark obeys.
 * - release-window: the session is open, released (放号) and still bookable; a chosen slot is free and ahead
 * - patient: the account's own patient, real-name authenticated (实名制)
 * - blacklist: no-show suspension, and when no-shows earn one (爽约黑名单)
 * - identity-limits: bookings per identity in the window; one per department and session
 * - overlap: no two live visits of one person at the same time
 * - cancellation: the cancellation deadline
 */
export { checkBlacklist, noShowSuspension, noShowWindowStart } from './blacklist.js';
export { cancelDeadline, checkCancelDeadline, patientMayCancel } from './cancellation.js';
export { checkPersonLimits, type PersonOrder } from './identity-limits.js';
export { overlapsLiveVisit } from './overlap.js';
export { checkPatient, type PatientFacts } from './patient.js';
export { checkChosenSlot, checkSchedule, notYetReleased, type ScheduleFacts } from './release-window.js';
