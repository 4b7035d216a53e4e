import type { AuditLog } from '../audit/audit-log.js';
import type { ContentService } from '../core/content/content-service.js';
import type { Database } from '../db/database.js';
import type { HospitalInterface } from '../hospital/hospital-interface.js';
import type { Clock } from '../shared/clock.js';
import { AnnouncementAdmin } from './announcement-admin.js';
import { HelpAdmin } from './help-admin.js';
import { HospitalAdmin } from './hospital-admin.js';
import { SchedulerView } from './scheduler-view.js';

/** The console's content management, hospitals registry and scheduler's view. */
export interface ConsoleAdmin {
  announcements: AnnouncementAdmin;
  help: HelpAdmin;
  hospitals: HospitalAdmin;
  scheduler: SchedulerView;
}

export function createConsoleAdmin(d: {
  db: Database;
  audit: AuditLog;
  clock: Clock;
  content: ContentService;
  hospitals: HospitalInterface;
}): ConsoleAdmin {
  return {
    announcements: new AnnouncementAdmin(d.db, d.audit, d.content, d.clock),
    help: new HelpAdmin(d.db, d.audit, d.content, d.clock),
    hospitals: new HospitalAdmin(d.db, d.audit, d.hospitals.secrets, d.clock),
    scheduler: new SchedulerView(d.db, d.audit, d.hospitals.scheduleStates, d.hospitals.orders),
  };
}
