/**
 * Where each operation of the API lives and who may call it: the method, the path and the access
 * of every entry of `api` (api.ts adds the summaries and schemas). No zod here: the mini-program
 * builds its client from this table alone, as `@cityhealth/shared-types/routes`, and leaves the
 * schemas out of its bundle.
 */
export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

import type { StaffRole } from './labels.js';

/**
 * Who may call a console operation: the staff roles it is for (a hospital's finance clerk or
 * scheduler sees only their own hospital), or 'any' signed-in staff member.
 */
export type StaffAccess = readonly StaffRole[] | 'any';

export interface Route {
  method: HttpMethod;
  /** Koa-router style path, e.g. /api/v1/patients/:id */
  path: string;
  /** A patient's session token is required. */
  auth: boolean;
  /** A staff member's session (or machine key) is required instead (console operations), and which roles. */
  staff?: StaffAccess;
  /** A hospital's signed call instead (the hospital interface, /api/hospital/v1). */
  hospital?: true;
}

const route = <T extends Route>(r: T): T => r;

const ADMIN = ['admin'] as const;
/** Reconciliation: the commission (its auditors read it too) and hospital finance clerks. */
const FINANCE_READERS = ['admin', 'auditor', 'finance'] as const;
/** Statistics: the commission, and a hospital's finance clerk or scheduler for their own hospital. */
const STATISTICS_READERS = ['admin', 'auditor', 'finance', 'scheduler'] as const;
/** The commission's oversight (blacklist, audit trail): its administrators and auditors. */
const OVERSIGHT = ['admin', 'auditor'] as const;
/** Phone booking (电话预约): the call centre's agents, and administrators. */
const PHONE_AGENTS = ['admin', 'agent'] as const;
const phone = <M extends HttpMethod, P extends string>(method: M, path: P) =>
  route({ method, path: `/api/v1/console/phone${path}` as const, auth: false, staff: PHONE_AGENTS });
/* Content, the hospitals registry and the scheduler's view (console-content, console-hospitals). */
const CONTENT_EDITORS = ['admin', 'scheduler'] as const;
const REGISTRY_READERS = ['admin', 'auditor'] as const;
const SCHEDULERS = ['admin', 'scheduler'] as const;
const staffRoute = <M extends HttpMethod, P extends string, S extends StaffAccess>(method: M, path: P, staff: S) =>
  route({ method, path: `/api/v1/console${path}` as `/api/v1/console${P}`, auth: false as const, staff });

export const routes = {
  login: route({ method: 'post', path: '/api/v1/auth/login', auth: false }),
  smsSend: route({ method: 'post', path: '/api/v1/auth/sms/send', auth: false }),
  smsLogin: route({ method: 'post', path: '/api/v1/auth/sms/login', auth: false }),
  refreshToken: route({ method: 'post', path: '/api/v1/auth/refresh', auth: true }),

  me: route({ method: 'get', path: '/api/v1/me', auth: true }),
  updateMe: route({ method: 'patch', path: '/api/v1/me', auth: true }),
  bind: route({ method: 'post', path: '/api/v1/me/bindings', auth: true }),
  subscribeNotices: route({ method: 'post', path: '/api/v1/me/subscriptions', auth: true }),
  noticeTemplates: route({ method: 'get', path: '/api/v1/notice-templates', auth: false }),

  listPatients: route({ method: 'get', path: '/api/v1/patients', auth: true }),
  createPatient: route({ method: 'post', path: '/api/v1/patients', auth: true }),
  updatePatient: route({ method: 'patch', path: '/api/v1/patients/:id', auth: true }),
  deletePatient: route({ method: 'delete', path: '/api/v1/patients/:id', auth: true }),
  verifyPatient: route({ method: 'post', path: '/api/v1/patients/:id/verify', auth: true }),
  addPatient: route({ method: 'post', path: '/api/v1/patients/real-name', auth: true }),
  agreements: route({ method: 'get', path: '/api/v1/agreements', auth: false }),
  acceptAgreements: route({ method: 'post', path: '/api/v1/me/agreements', auth: true }),
  deletionCode: route({ method: 'post', path: '/api/v1/me/deletion/code', auth: true }),
  deleteAccount: route({ method: 'post', path: '/api/v1/me/deletion', auth: true }),

  patientReports: route({ method: 'get', path: '/api/v1/patients/:id/reports', auth: true }),
  patientReport: route({ method: 'get', path: '/api/v1/patients/:id/reports/:reportId', auth: true }),
  patientReportPdf: route({ method: 'get', path: '/api/v1/patients/:id/reports/:reportId/pdf', auth: true }),
  patientStudies: route({ method: 'get', path: '/api/v1/patients/:id/imaging', auth: true }),
  patientStudy: route({ method: 'get', path: '/api/v1/patients/:id/imaging/:studyId', auth: true }),
  createShare: route({ method: 'post', path: '/api/v1/patients/:id/imaging/:studyId/shares', auth: true }),
  listShares: route({ method: 'get', path: '/api/v1/patients/:id/shares', auth: true }),
  revokeShare: route({ method: 'delete', path: '/api/v1/patients/:id/shares/:shareId', auth: true }),
  studyImage: route({ method: 'get', path: '/api/v1/images/:ticket', auth: false }),
  openShare: route({ method: 'post', path: '/api/v1/shares/:token/open', auth: false }),

  listHospitals: route({ method: 'get', path: '/api/v1/hospitals', auth: false }),
  districts: route({ method: 'get', path: '/api/v1/districts', auth: false }),
  getHospital: route({ method: 'get', path: '/api/v1/hospitals/:id', auth: false }),
  search: route({ method: 'get', path: '/api/v1/search', auth: false }),
  departmentSchedules: route({ method: 'get', path: '/api/v1/departments/:id/schedules', auth: false }),
  getSchedule: route({ method: 'get', path: '/api/v1/schedules/:id', auth: false }),
  doctorSchedules: route({ method: 'get', path: '/api/v1/doctors/:id/schedules', auth: false }),

  createOrder: route({ method: 'post', path: '/api/v1/orders', auth: true }),
  payOrder: route({ method: 'post', path: '/api/v1/orders/:id/pay', auth: true }),
  listOrders: route({ method: 'get', path: '/api/v1/orders', auth: true }),
  getOrder: route({ method: 'get', path: '/api/v1/orders/:id', auth: true }),
  cancelOrder: route({ method: 'post', path: '/api/v1/orders/:id/cancel', auth: true }),
  listPayments: route({ method: 'get', path: '/api/v1/payments', auth: true }),

  joinWaitlist: route({ method: 'post', path: '/api/v1/waitlist', auth: true }),
  listWaitlist: route({ method: 'get', path: '/api/v1/waitlist', auth: true }),
  leaveWaitlist: route({ method: 'post', path: '/api/v1/waitlist/:id/leave', auth: true }),

  listDrawTickets: route({ method: 'get', path: '/api/v1/draw-tickets', auth: true }),

  announcements: route({ method: 'get', path: '/api/v1/announcements', auth: false }),
  announcement: route({ method: 'get', path: '/api/v1/announcements/:id', auth: false }),
  help: route({ method: 'get', path: '/api/v1/help', auth: false }),
  bookingRules: route({ method: 'get', path: '/api/v1/booking-rules', auth: false }),

  reconciliations: route({
    method: 'get',
    path: '/api/v1/console/reconciliations',
    auth: false,
    staff: FINANCE_READERS,
  }),
  reconciliationLines: route({
    method: 'get',
    path: '/api/v1/console/reconciliations/:date/lines',
    auth: false,
    staff: FINANCE_READERS,
  }),
  reconciliationCsv: route({
    method: 'get',
    path: '/api/v1/console/reconciliations/:date.csv',
    auth: false,
    staff: FINANCE_READERS,
  }),
  runReconciliation: route({
    method: 'post',
    path: '/api/v1/console/reconciliations/:date/run',
    auth: false,
    staff: ADMIN,
  }),

  statistics: route({ method: 'get', path: '/api/v1/console/statistics', auth: false, staff: STATISTICS_READERS }),
  drawStatistics: route({
    method: 'get',
    path: '/api/v1/console/statistics/draws',
    auth: false,
    staff: STATISTICS_READERS,
  }),
  monthlyReportXlsx: route({
    method: 'get',
    path: '/api/v1/console/statistics/monthly/:month.xlsx',
    auth: false,
    staff: STATISTICS_READERS,
  }),
  monthlyReportPdf: route({
    method: 'get',
    path: '/api/v1/console/statistics/monthly/:month.pdf',
    auth: false,
    staff: STATISTICS_READERS,
  }),

  staffLogin: route({ method: 'post', path: '/api/v1/console/session', auth: false }),
  staffSession: route({ method: 'get', path: '/api/v1/console/session', auth: false, staff: 'any' }),
  staffLogout: route({ method: 'delete', path: '/api/v1/console/session', auth: false, staff: 'any' }),
  staffChangePassword: route({
    method: 'post',
    path: '/api/v1/console/session/password',
    auth: false,
    staff: 'any',
  }),
  listStaff: route({ method: 'get', path: '/api/v1/console/staff', auth: false, staff: ADMIN }),
  createStaff: route({ method: 'post', path: '/api/v1/console/staff', auth: false, staff: ADMIN }),
  disableStaff: route({ method: 'post', path: '/api/v1/console/staff/:id/disable', auth: false, staff: ADMIN }),
  resetStaff: route({ method: 'post', path: '/api/v1/console/staff/:id/reset', auth: false, staff: ADMIN }),
  revealPersonalData: route({
    method: 'post',
    path: '/api/v1/console/reveal',
    auth: false,
    staff: ['admin', 'agent'],
  }),

  blacklist: route({ method: 'get', path: '/api/v1/console/blacklist', auth: false, staff: OVERSIGHT }),
  blacklistSearch: route({ method: 'get', path: '/api/v1/console/blacklist/people', auth: false, staff: OVERSIGHT }),
  blacklistPerson: route({
    method: 'get',
    path: '/api/v1/console/blacklist/people/:id',
    auth: false,
    staff: OVERSIGHT,
  }),
  liftBlacklist: route({
    method: 'post',
    path: '/api/v1/console/blacklist/people/:id/lift',
    auth: false,
    staff: ADMIN,
  }),
  auditSearch: route({ method: 'get', path: '/api/v1/console/audit', auth: false, staff: OVERSIGHT }),
  slotTrace: route({
    method: 'get',
    path: '/api/v1/console/slot-trace',
    auth: false,
    staff: ['admin', 'auditor', 'scheduler'],
  }),

  phoneLookup: phone('post', '/lookup'),
  phoneRegisterCaller: phone('post', '/callers'),
  phoneCaller: phone('get', '/callers/:accountId'),
  phoneAddPatient: phone('post', '/callers/:accountId/patients'),
  phoneVerifyPatient: phone('post', '/callers/:accountId/patients/:patientId/verify'),
  phoneBook: phone('post', '/callers/:accountId/orders'),
  phoneOrder: phone('get', '/callers/:accountId/orders/:orderId'),
  phoneCancel: phone('post', '/callers/:accountId/orders/:orderId/cancel'),
  consoleAnnouncements: staffRoute('get', '/announcements', CONTENT_EDITORS),
  createAnnouncement: staffRoute('post', '/announcements', CONTENT_EDITORS),
  consoleAnnouncement: staffRoute('get', '/announcements/:id', CONTENT_EDITORS),
  updateAnnouncement: staffRoute('patch', '/announcements/:id', CONTENT_EDITORS),
  publishAnnouncement: staffRoute('post', '/announcements/:id/publish', CONTENT_EDITORS),
  withdrawAnnouncement: staffRoute('post', '/announcements/:id/withdraw', CONTENT_EDITORS),
  consoleHelpArticles: staffRoute('get', '/help-articles', ADMIN),
  createHelpArticle: staffRoute('post', '/help-articles', ADMIN),
  updateHelpArticle: staffRoute('patch', '/help-articles/:id', ADMIN),
  publishHelpArticle: staffRoute('post', '/help-articles/:id/publish', ADMIN),
  withdrawHelpArticle: staffRoute('post', '/help-articles/:id/withdraw', ADMIN),
  consoleHospitals: staffRoute('get', '/hospitals', REGISTRY_READERS),
  consoleHospital: staffRoute('get', '/hospitals/:id', REGISTRY_READERS),
  setConsoleHospitalEndpoints: staffRoute('put', '/hospitals/:id/endpoints', ADMIN),
  issueHospitalSecret: staffRoute('post', '/hospitals/:id/secrets', ADMIN),
  retireHospitalSecret: staffRoute('post', '/hospitals/:id/secrets/:secretId/retire', ADMIN),
  consoleSessions: staffRoute('get', '/sessions', SCHEDULERS),
  stopConsoleSession: staffRoute('post', '/sessions/:id/stop', SCHEDULERS),
  resumeConsoleSession: staffRoute('post', '/sessions/:id/resume', SCHEDULERS),
  consoleBookings: staffRoute('get', '/bookings', SCHEDULERS),
  markConsoleAttendance: staffRoute('post', '/bookings/:id/attendance', SCHEDULERS),

  hospitalAttendance: route({
    method: 'post',
    path: '/api/hospital/v1/orders/:orderId/attendance',
    auth: false,
    hospital: true,
  }),
  hospitalOrders: route({ method: 'get', path: '/api/hospital/v1/orders', auth: false, hospital: true }),
  hospitalDepartments: route({ method: 'put', path: '/api/hospital/v1/departments', auth: false, hospital: true }),
  hospitalDoctors: route({ method: 'put', path: '/api/hospital/v1/doctors', auth: false, hospital: true }),
  hospitalSchedules: route({ method: 'put', path: '/api/hospital/v1/schedules', auth: false, hospital: true }),
  hospitalStopSchedule: route({
    method: 'post',
    path: '/api/hospital/v1/schedules/:hisScheduleId/stop',
    auth: false,
    hospital: true,
  }),
  hospitalResumeSchedule: route({
    method: 'post',
    path: '/api/hospital/v1/schedules/:hisScheduleId/resume',
    auth: false,
    hospital: true,
  }),
  hospitalEvents: route({ method: 'get', path: '/api/hospital/v1/events', auth: false, hospital: true }),
} as const satisfies Record<string, Route>;

export type RouteName = keyof typeof routes;
