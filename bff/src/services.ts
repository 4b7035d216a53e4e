import type { Config } from './config/config.js';
import type { Database } from './db/database.js';
import { AuditLog } from './audit/audit-log.js';
import { BookingCore } from './core/booking/booking-core.js';
import { CatalogService } from './core/catalog/catalog-service.js';
import { ContentService } from './core/content/content-service.js';
import { ScheduleViewCache } from './core/schedule/schedule-view-cache.js';
import { createIdentity, type Identity } from './identity/identity.js';
import type { ChannelName, PaymentChannel } from './pay/channel.js';
import { createPayChannels } from './pay/channels.js';
import { PaymentService } from './pay/payment-service.js';
import { createHospitalInterface, type HospitalInterface } from './hospital/hospital-interface.js';
import { createConsoleAdmin, type ConsoleAdmin } from './console/console-admin.js';
import { PersonalDataReveal } from './console/reveal.js';
import { createConsoleAudit, type ConsoleAudit } from './console/console-audit.js';
import { PhoneBooking } from './console/phone-booking.js';
import { StaffService } from './console/staff.js';
import { StaffAccounts } from './console/staff-accounts.js';
import { StaffSessions } from './console/staff-sessions.js';
import { OutboxJobs } from './outbox/outbox-jobs.js';
import { DEFAULT_PUSH_OPTIONS } from './hospital/hospital-pusher.js';
import { OutboxRelay } from './outbox/relay.js';
import { ReconciliationService } from './reconcile/reconciliation-service.js';
import { TokenService } from './identity/tokens.js';
import { systemClock, type Clock } from './shared/clock.js';
import type { Logger } from './shared/logger.js';
import { Redis } from 'ioredis';
import { RateLimits } from './throttle/rate-limits.js';
import { Throttles } from './throttle/throttles.js';
import { createNotifications, type Notifications } from './notify/notifications.js';
import { createRecords, type Records } from './records/records.js';
import { StatisticsService } from './statistics/statistics-service.js';
import { createMetrics, type Metrics } from './ops/metrics/metrics.js';
import { ServiceMinuteRecorder } from './ops/availability/minute-recorder.js';
import { WaitlistService } from './core/waitlist/waitlist-service.js';

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
  catalog: CatalogService;
  scheduleViews: ScheduleViewCache;
  content: ContentService;
  payments: PaymentService;
  reconciliation: ReconciliationService;
  staff: StaffService;
  staffAccounts: StaffAccounts;
  staffSessions: StaffSessions;
  reveal: PersonalDataReveal;
  /** The blacklist, the audit trail and slot traceability in the console. */
  consoleAudit: ConsoleAudit;
  /** Phone booking (电话预约): agents acting for a caller through the identity and booking doors. */
  phoneBooking: PhoneBooking;
  hospitals: HospitalInterface;
  /** The console's content management, hospitals registry and scheduler's view. */
  consoleAdmin: ConsoleAdmin;
  /** The outbox's relay and senders (hospital pushes, patient notices). */
  outbox: OutboxJobs;
  /** Per-address and per-session throttles of reads and booking attempts (in-process, shared through Redis). */
  throttles: Throttles;
  /** Login, SMS, verification and per-account booking limits (rate-limiter-flexible, Redis when set). */
  limits: RateLimits;
  /** The process's Redis client (REDIS_URL), shared by the limits and the throttles; null without Redis. */
  redis: Redis | null;
  /** Patient notifications (SMS, WeChat subscription messages): the outbox consumer and the sender. */
  notices: Notifications;
  /** Reports and imaging read live from each hospital (FHIR, DICOMweb), and shared studies. */
  records: Records;
  /** The waitlist (候补): queues of full sessions, served from freed slots through the booking core. */
  waitlist: WaitlistService;
  /** The commission's statistics and monthly reports (aggregates only). */
  statistics: StatisticsService;
  /** This process's figures for GET /metrics (served by the admin listener, never the public port). */
  metrics: Metrics;
  /** This process's answers, written minute by minute for the availability of the monthly report. */
  serviceMinutes: ServiceMinuteRecorder;
}

export interface ServiceDeps {
  config: Config;
  db: Database;
  logger: Logger;
  clock?: Clock;
  /** The payment channels this process can use (default: those the configuration sets up). */
  payChannels?: Partial<Record<ChannelName, PaymentChannel>>;
}

export function createServices(deps: ServiceDeps): Services {
  const clock = deps.clock ?? systemClock;
  const { config, db, logger } = deps;
  const metrics = createMetrics({ db, clock, logger });
  const jobs = metrics.jobs;
  const tokens = new TokenService(config.jwtSecret, config.env.TOKEN_TTL_MINUTES * 60_000, clock);
  const audit = new AuditLog(db, clock);
  // One Redis client per process for every count shared between processes (limits and throttles).
  const redis = config.env.REDIS_URL
    ? new Redis(config.env.REDIS_URL, { maxRetriesPerRequest: 1, connectTimeout: 2000 })
    : null;
  redis?.on('error', (err: Error) => logger.warn({ err: err.message }, 'rate-limit redis error'));
  const limits = new RateLimits(config, redis);
  const identity = createIdentity({ config, db, clock, logger, audit, tokens, limits });
  const throttles = new Throttles(config, clock, logger, redis);
  // Every booking request first passes the address throttle (across accounts), then the account's own.
  // A phone agent's bookings count per agent: a call centre's seats share one address.
  const admit = async ({ accountId, ip, agentId }: { accountId: string; ip: string; agentId?: string }) => {
    throttles.booking(agentId ? `agent:${agentId}` : ip);
    await limits.consume('bookingPerAccount', accountId);
  };
  const booking = new BookingCore({
    db,
    rules: config.rules,
    clock,
    logger,
    audit,
    batchMax: config.env.BOOKING_BATCH_MAX,
    lanes: config.env.BOOKING_LANES,
    admit,
    metrics: metrics.booking,
    jobs,
    fairRelease: config.fairRelease,
  });
  const catalog = new CatalogService({ db, logger });
  const scheduleViews = new ScheduleViewCache({ db, clock, rules: config.rules, fairRelease: config.fairRelease });
  booking.onSchedulesChanged((ids) => {
    for (const id of ids) scheduleViews.invalidateSchedule(id);
  });
  const content = new ContentService({ db, clock });
  const channels = deps.payChannels ?? createPayChannels(config);
  const payments = new PaymentService({
    db,
    booking,
    channels,
    clock,
    logger,
    audit,
    notifies: metrics.notifies,
    jobs,
  });
  const reconciliation = new ReconciliationService({ db, channels, clock, logger, audit, jobs });
  const staff = new StaffService(db, clock);
  const staffAccounts = new StaffAccounts(db, identity.pii, audit, clock);
  const staffSessions = new StaffSessions(
    db,
    identity.pii,
    audit,
    clock,
    {
      idleMs: config.env.STAFF_IDLE_MINUTES * 60_000,
      lifetimeMs: config.env.STAFF_SESSION_HOURS * 3600_000,
      lockoutFailures: config.env.STAFF_LOCKOUT_FAILURES,
      lockoutMs: config.env.STAFF_LOCKOUT_MINUTES * 60_000,
    },
    config.jwtSecret,
    (ip) => limits.consume('staffLoginPerIp', ip),
  );
  const reveal = new PersonalDataReveal(db, identity.pii, audit);
  const consoleAudit = createConsoleAudit({ db, pii: identity.pii, audit, clock, rules: config.rules });
  const phoneBooking = new PhoneBooking({
    db,
    pii: identity.pii,
    clock,
    logger,
    audit,
    accounts: identity.accounts,
    patients: identity.patients,
    registration: identity.registration,
    booking,
    payments,
  });
  const hospitals = createHospitalInterface({
    db,
    pii: identity.pii,
    clock,
    audit,
    booking,
    catalog,
    rules: config.rules,
    logger,
    refundCancelled: () => payments.refundCancelled(),
    push: { ...DEFAULT_PUSH_OPTIONS, timeoutMs: config.env.HOSPITAL_PUSH_TIMEOUT_MS },
  });
  const consoleAdmin = createConsoleAdmin({ db, audit, clock, content, hospitals });
  const outbox = new OutboxJobs(new OutboxRelay(db, clock), db, logger, {
    intervalMs: 250,
    // A release's pace, far above a day's: a city books a few a second outside the releases.
    busy: () => booking.bookingRate() >= 100,
    relayEveryMs: 30_000,
    sendEveryMs: 30_000,
    jobs,
  });
  outbox.addSender({
    name: 'hospital-push',
    sendOnce: (bounded) => hospitals.pusher.pushOnce(bounded ? 1 : undefined),
  });
  booking.setExpiryGuard((orderId) => payments.closeOverdue(orderId));
  const notices = createNotifications({ db, config, clock, logger, pii: identity.pii, jobs });
  outbox.relay.addConsumer(notices.consumer);
  booking.draw?.tellDecidedBy(notices.tellDrawDecided);
  outbox.addSender({
    name: 'patient-notices',
    sendOnce: (bounded) => notices.sender.sendOnce(bounded ? 1 : undefined),
  });
  const records = createRecords({ db, config, pii: identity.pii, clock, logger, audit, secrets: hospitals.secrets });
  const waitlist = new WaitlistService({
    db,
    booking,
    rules: config.rules,
    clock,
    logger,
    tellEnded: notices.tellWaitlistEnded,
    jobs,
  });
  return {
    config,
    db,
    clock,
    logger,
    tokens,
    audit,
    booking,
    identity,
    catalog,
    scheduleViews,
    content,
    payments,
    reconciliation,
    staff,
    staffAccounts,
    staffSessions,
    reveal,
    consoleAudit,
    phoneBooking,
    hospitals,
    consoleAdmin,
    outbox,
    throttles,
    limits,
    redis,
    notices,
    records,
    waitlist,
    statistics: new StatisticsService({ db, clock, blacklistDays: config.rules.blacklistDays }),
    metrics,
    serviceMinutes: new ServiceMinuteRecorder({ db, clock, logger, totals: () => metrics.http.answered() }),
  };
}

/** Releases what the services hold (timers, connections) other than the database. */
export async function closeServices(services: Services): Promise<void> {
  await services.serviceMinutes.stop();
  services.booking.stopJobs();
  await services.waitlist.stopJobs();
  services.payments.stopJobs();
  services.reconciliation.stopJobs();
  await services.outbox.stop();
  services.notices.sender.stopJobs();
  services.throttles.close();
  if (services.redis) await services.redis.quit().catch(() => services.redis?.disconnect());
}
