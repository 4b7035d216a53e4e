import type { AuditLog } from '../audit/audit-log.js';
import type { BookingCore } from '../core/booking/booking-core.js';
import type { CatalogService } from '../core/catalog/catalog-service.js';
import type { BookingRules } from '../config/config.js';
import type { Database } from '../db/database.js';
import type { Pii } from '../identity/pii.js';
import type { Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';
import { HospitalCatalogUpserts } from './catalog-upserts.js';
import { HospitalAuthenticator } from './hospital-auth.js';
import { HospitalOrders } from './hospital-orders.js';
import { HospitalSecrets } from './hospital-secrets.js';
import { HospitalNonces } from './nonces.js';
import { HospitalEventFeed } from './hospital-events.js';
import { HospitalPusher, type PushOptions } from './hospital-pusher.js';
import { HospitalScheduleStates } from './schedule-states.js';
import { HospitalScheduleUpserts } from './schedule-upserts.js';

/** The hospital interface as the HTTP layer and the CLI see it. */
export interface HospitalInterface {
  secrets: HospitalSecrets;
  authenticator: HospitalAuthenticator;
  orders: HospitalOrders;
  catalog: HospitalCatalogUpserts;
  events: HospitalEventFeed;
  pusher: HospitalPusher;
  schedules: HospitalScheduleUpserts;
  scheduleStates: HospitalScheduleStates;
}

export function createHospitalInterface(d: {
  db: Database;
  pii: Pii;
  clock: Clock;
  audit: AuditLog;
  booking: BookingCore;
  catalog: CatalogService;
  rules: BookingRules;
  logger: Logger;
  push?: PushOptions;
  /** Refunds the cancelled paid bookings now (the payment domain's job, also run by its sweep). */
  refundCancelled: () => Promise<unknown>;
}): HospitalInterface {
  const secrets = new HospitalSecrets(d.db, d.pii, d.clock, d.audit);
  const authenticator = new HospitalAuthenticator(d.db, secrets, new HospitalNonces(d.db), d.clock);
  const events = new HospitalEventFeed(d.db);
  return {
    events,
    pusher: new HospitalPusher(d.db, events, secrets, d.clock, d.logger, d.push),
    secrets,
    authenticator,
    orders: new HospitalOrders(d.db, d.booking),
    catalog: new HospitalCatalogUpserts(d.db, d.catalog, d.clock),
    schedules: new HospitalScheduleUpserts(d.db, d.booking, d.rules, d.clock),
    scheduleStates: new HospitalScheduleStates(d.db, d.booking, d.refundCancelled, d.logger),
  };
}
