import type { Config } from './config/config.js';
import type { Database } from './db/database.js';
import { AuditLog } from './audit/audit-log.js';
import { BookingCore } from './core/booking/booking-core.js';
import { createIdentity, type Identity } from './identity/identity.js';
import { TokenService } from './identity/tokens.js';
import { systemClock, type Clock } from './shared/clock.js';
import type { Logger } from './shared/logger.js';

/** The composition root: every service the HTTP layer calls, built once per process. */
export interface Services {
  config: Config;
  db: Database;
  clock: Clock;
  logger: Logger;
  tokens: TokenService;
  audit: AuditLog;
  booking: BookingCore;
  identity: Identity;
}

export interface ServiceDeps {
  config: Config;
  db: Database;
  logger: Logger;
  clock?: Clock;
}

export function createServices(deps: ServiceDeps): Services {
  const clock = deps.clock ?? systemClock;
  const { config, db, logger } = deps;
  const tokens = new TokenService(config.jwtSecret, config.env.TOKEN_TTL_MINUTES * 60_000, clock);
  const audit = new AuditLog(db, clock);
  const booking = new BookingCore({ db, rules: config.rules, clock, logger, audit, batchMax: config.env.BOOKING_BATCH_MAX, lanes: config.env.BOOKING_LANES });
  const identity = createIdentity({ config, db, clock, logger, audit, tokens });
  return { config, db, clock, logger, tokens, audit, booking, identity };
}

/** Releases what the services hold (timers, connections) other than the database. */
export async function closeServices(services: Services): Promise<void> {
  services.booking.stopJobs();
  await services.identity.close();
}
