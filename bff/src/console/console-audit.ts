import type { AuditLog } from '../audit/audit-log.js';
import type { BookingRules } from '../config/config.js';
import type { Database } from '../db/database.js';
import type { Pii } from '../identity/pii.js';
import type { Clock } from '../shared/clock.js';
import { AuditSearch } from './audit-search.js';
import { Blacklist } from './blacklist.js';
import { PhoneIndex } from './phone-index.js';
import { SlotTraces } from './slot-trace.js';

/** The console's oversight: the no-show blacklist, the audit trail and slot traceability. */
export interface ConsoleAudit {
  blacklist: Blacklist;
  auditTrail: AuditSearch;
  slotTraces: SlotTraces;
}

export function createConsoleAudit(d: {
  db: Database;
  pii: Pii;
  audit: AuditLog;
  clock: Clock;
  rules: BookingRules;
}): ConsoleAudit {
  const phones = new PhoneIndex(d.db, d.pii);
  return {
    blacklist: new Blacklist({ ...d, phones }),
    auditTrail: new AuditSearch(d.db),
    slotTraces: new SlotTraces(d.db),
  };
}
