import type { z } from 'zod';
import { Account, BindRequest, UpdateMeRequest } from './schemas/account.js';
import { AuthResponse, LoginRequest, SmsLoginRequest, SmsSendRequest, SmsSendResponse } from './schemas/auth.js';
import {
  Districts,
  HospitalDetail,
  HospitalListQuery,
  HospitalPage,
  SearchQuery,
  SearchResult,
} from './schemas/catalog.js';
import { IdParams, Ok } from './schemas/common.js';
import { Announcement, AnnouncementPage, AnnouncementQuery, HelpList } from './schemas/content.js';
import { CancelOrderRequest, CreateOrderRequest, Order, OrderListQuery, OrderPage } from './schemas/orders.js';
import { JoinWaitlistRequest, Waitlist, WaitlistList } from './schemas/waitlist.js';
import { DrawTicketList } from './schemas/draw-tickets.js';
import { PaymentRecordPage, PaymentRecordQuery, PaymentTicket, PayOrderRequest } from './schemas/payments.js';
import {
  CsvQuery,
  DateParams,
  ReconciliationCsv,
  ReconciliationLinePage,
  ReconciliationLinesQuery,
  ReconciliationQuery,
  ReconciliationRun,
  ReconciliationSummaryList,
  RunReconciliationRequest,
} from './schemas/console.js';
import {
  MonthlyReportPdf,
  MonthlyReportQuery,
  MonthlyReportXlsx,
  MonthParams,
  Statistics,
  StatisticsQuery,
} from './schemas/statistics.js';
import {
  AddPatientRequest,
  CreatePatientRequest,
  Patient,
  PatientList,
  UpdatePatientRequest,
} from './schemas/patients.js';
import { AcceptedAgreements, AgreementList, DeleteAccountRequest, DeletionCodeResponse } from './schemas/agreements.js';
import { DepartmentSchedules, DepartmentSchedulesQuery, DoctorSchedules, ScheduleDetail } from './schemas/schedules.js';
import { BookingRulesView } from './schemas/rules.js';
import { DrawStatistics, DrawStatisticsQuery } from './schemas/release-draws.js';
import {
  AttendanceRequest,
  AttendanceResult,
  DepartmentBatch,
  DoctorBatch,
  UpsertReport,
  HospitalOrderPage,
  HospitalOrderQuery,
  OrderIdParams,
} from './schemas/hospital-interface.js';
import {
  HisScheduleParams,
  ScheduleBatch,
  ScheduleStateResult,
  ScheduleUpsertReport,
  StopScheduleRequest,
} from './schemas/hospital-schedules.js';
import { HospitalEventPage, HospitalEventQuery } from './schemas/hospital-events.js';
import {
  CreateShareRequest,
  ImageParams,
  ImageQuery,
  ImagingListQuery,
  ImagingShare,
  ImagingShareList,
  OpenShareRequest,
  PatientReportParams,
  PatientShareParams,
  PatientStudyParams,
  RecordHospitalQuery,
  RenderedImage,
  ReportDetail,
  ReportList,
  ReportListQuery,
  ReportPdf,
  SharedStudy,
  ShareParams,
  StudyDetail,
  StudyList,
} from './schemas/records.js';
import {
  CreateStaffRequest,
  RevealRequest,
  RevealResult,
  StaffAccountList,
  StaffChangePasswordRequest,
  StaffCredentials,
  StaffLoginRequest,
  StaffSession,
} from './schemas/staff.js';
import { NoticeTemplates, SubscriptionsRequest, SubscriptionsResult } from './schemas/notices.js';
import {
  AuditPage,
  AuditSearchQuery,
  BlacklistPage,
  BlacklistPersonDetail,
  BlacklistPersonList,
  BlacklistQuery,
  BlacklistSearchQuery,
  LiftBlacklistRequest,
  PersonParams,
  SlotTrace,
  SlotTraceQuery,
} from './schemas/console-audit.js';
import {
  Caller,
  CallerOrderParams,
  CallerParams,
  CallerPatient,
  CallerPatientParams,
  PhoneBookRequest,
  PhoneCancelRequest,
  PhoneLookupRequest,
  PhoneLookupResult,
  RegisterCallerRequest,
} from './schemas/console-phone.js';
import {
  AnnouncementDraft,
  AnnouncementEdit,
  ConsoleAnnouncement,
  ConsoleAnnouncementPage,
  ConsoleAnnouncementQuery,
  ConsoleHelpArticle,
  ConsoleHelpList,
  ConsoleHelpQuery,
  HelpArticleDraft,
  HelpArticleEdit,
} from './schemas/console-content.js';
import {
  HospitalEndpointsChange,
  HospitalRegistryEntry,
  HospitalRegistryList,
  HospitalSecretParams,
  IssuedHospitalSecret,
} from './schemas/console-hospitals.js';
import {
  ConsoleBookingPage,
  ConsoleBookingQuery,
  ConsoleSessionList,
  ConsoleSessionQuery,
  SessionStateResult,
  StopSessionRequest,
} from './schemas/console-schedules.js';
import { routes, type Route } from './routes.js';

export type { HttpMethod, Route, RouteName, StaffAccess } from './routes.js';

/** Every call of the hospital interface is signed with the hospital's secret (docs/hospital-interface.md). */
const HOSPITAL_SIGNED = {
  'X-Hospital-Code': { required: true, description: 'The hospital’s code on the platform' },
  'X-Timestamp': { required: true, description: 'Unix seconds; at most 300 s from the platform’s clock' },
  'X-Nonce': { required: true, description: '16–64 printable ASCII characters, never used before' },
  'X-Signature': {
    required: true,
    description:
      'base64(HMAC-SHA256(secret, METHOD\\nPATH_WITH_QUERY\\nTIMESTAMP\\nNONCE\\nhex(SHA-256(body)))); ' +
      'under X-Signature-Method: HMAC-SM3, HMAC-SM3 and SM3 instead',
  },
  'X-Signature-Method': {
    required: false,
    description: 'HMAC-SHA256 (the default, also when absent) or HMAC-SM3 (国密, GB/T 39786)',
  },
};

/**
 * Console operations take a staff member's session (the console's cookie, with X-CSRF-Token on a
 * change) or a machine key, never a patient's token.
 */
const STAFF_KEY = {
  cookie: { required: false, description: 'staff_session=<session> (set by POST /api/v1/console/session)' },
  'X-CSRF-Token': { required: false, description: 'The session’s csrfToken, on every request that changes something' },
  authorization: { required: false, description: 'Bearer <machine key> instead (npm run staff -w bff -- add-key …)' },
};

/**
 * One operation of the patient API: the single source for validation and for /openapi.json. Its
 * method, path and access come from `routes` (routes.ts), which the mini-program reads without zod.
 */
export interface Operation extends Route {
  summary: string;
  tag: string;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** Headers the operation reads (documentation only). */
  headers?: Record<string, { required: boolean; description: string }>;
  response: z.ZodType;
  status?: number;
  /** The media type of a response that is not JSON (e.g. a CSV file): the handler returns its text. */
  produces?: string;
}

const op = <T extends Operation>(o: T): T => o;

export const api = {
  login: op({
    ...routes.login,
    summary: 'Log in with a mini-program login code',
    tag: 'auth',
    body: LoginRequest,
    response: AuthResponse,
  }),
  smsSend: op({
    ...routes.smsSend,
    summary: 'Send an SMS verification code',
    tag: 'auth',
    body: SmsSendRequest,
    response: SmsSendResponse,
  }),
  smsLogin: op({
    ...routes.smsLogin,
    summary: 'Log in (or register) with phone + SMS code',
    tag: 'auth',
    body: SmsLoginRequest,
    response: AuthResponse,
  }),
  refreshToken: op({
    ...routes.refreshToken,
    summary: 'Exchange a still-valid session token for a fresh one',
    tag: 'auth',
    response: AuthResponse,
  }),

  me: op({ ...routes.me, summary: 'The logged-in account', tag: 'account', response: Account }),
  updateMe: op({
    ...routes.updateMe,
    summary: 'Change nickname or phone (SMS-verified)',
    tag: 'account',
    body: UpdateMeRequest,
    response: Account,
  }),
  bind: op({
    ...routes.bind,
    summary: 'Bind a further platform identity (e.g. 绑定微信)',
    tag: 'account',
    body: BindRequest,
    response: Account,
  }),
  subscribeNotices: op({
    ...routes.subscribeNotices,
    summary: 'Record the notification templates the user accepted (WeChat one-time subscriptions)',
    tag: 'account',
    body: SubscriptionsRequest,
    response: SubscriptionsResult,
  }),
  noticeTemplates: op({
    ...routes.noticeTemplates,
    summary: 'The notification templates the mini-program asks consent for, by platform',
    tag: 'account',
    response: NoticeTemplates,
  }),

  listPatients: op({
    ...routes.listPatients,
    summary: 'The account’s patients (就诊人)',
    tag: 'patients',
    response: PatientList,
  }),
  createPatient: op({
    ...routes.createPatient,
    summary: 'Add a patient',
    tag: 'patients',
    body: CreatePatientRequest,
    response: Patient,
    status: 201,
  }),
  updatePatient: op({
    ...routes.updatePatient,
    summary: 'Change a patient',
    tag: 'patients',
    params: IdParams,
    body: UpdatePatientRequest,
    response: Patient,
  }),
  deletePatient: op({
    ...routes.deletePatient,
    summary: 'Remove a patient',
    tag: 'patients',
    params: IdParams,
    response: Ok,
  }),
  verifyPatient: op({
    ...routes.verifyPatient,
    summary: 'Real-name authentication of a patient',
    tag: 'patients',
    params: IdParams,
    response: Patient,
  }),
  addPatient: op({
    ...routes.addPatient,
    summary: 'Add a patient by document and verify the real name in one step (nothing is saved when it fails)',
    tag: 'patients',
    body: AddPatientRequest,
    response: Patient,
    status: 201,
  }),
  agreements: op({
    ...routes.agreements,
    summary: 'The current 用户协议 and 隐私政策 with their versions',
    tag: 'account',
    response: AgreementList,
  }),
  acceptAgreements: op({
    ...routes.acceptAgreements,
    summary: 'Record that the account accepted the current versions of the agreements',
    tag: 'account',
    body: AcceptedAgreements,
    response: Account,
  }),
  deletionCode: op({
    ...routes.deletionCode,
    summary: 'Send the SMS code that confirms 注销账号 to the account’s phone',
    tag: 'account',
    response: DeletionCodeResponse,
  }),
  deleteAccount: op({
    ...routes.deleteAccount,
    summary: 'Delete the account (注销): bindings and personal data erased, bookings and payments kept detached',
    tag: 'account',
    body: DeleteAccountRequest,
    response: Ok,
  }),

  patientReports: op({
    ...routes.patientReports,
    summary: 'A verified patient’s lab and exam reports, read live from each hospital (partial when one fails)',
    tag: 'records',
    params: IdParams,
    query: ReportListQuery,
    response: ReportList,
  }),
  patientReport: op({
    ...routes.patientReport,
    summary: 'One report: items with result, unit, reference range and flag; the conclusion; whether a PDF exists',
    tag: 'records',
    params: PatientReportParams,
    query: RecordHospitalQuery,
    response: ReportDetail,
  }),
  patientReportPdf: op({
    ...routes.patientReportPdf,
    summary: 'The report’s original PDF, from the hospital',
    tag: 'records',
    params: PatientReportParams,
    query: RecordHospitalQuery,
    response: ReportPdf,
    produces: 'application/pdf',
  }),
  patientStudies: op({
    ...routes.patientStudies,
    summary: 'A verified patient’s imaging studies (CT, DX, US …) from each hospital (partial when one fails)',
    tag: 'records',
    params: IdParams,
    query: ImagingListQuery,
    response: StudyList,
  }),
  patientStudy: op({
    ...routes.patientStudy,
    summary: 'One study: its series and images (urls on the platform that expire), the report text, CT windows',
    tag: 'records',
    params: PatientStudyParams,
    query: RecordHospitalQuery,
    response: StudyDetail,
  }),
  createShare: op({
    ...routes.createShare,
    summary: 'Share a study (云胶片): a link with an access code, an expiry and a number of uses',
    tag: 'records',
    params: PatientStudyParams,
    body: CreateShareRequest,
    response: ImagingShare,
    status: 201,
  }),
  listShares: op({
    ...routes.listShares,
    summary: 'The patient’s shared studies, newest first, revoked and expired ones included',
    tag: 'records',
    params: IdParams,
    response: ImagingShareList,
  }),
  revokeShare: op({
    ...routes.revokeShare,
    summary: 'Revoke a share: its link stops working at once',
    tag: 'records',
    params: PatientShareParams,
    response: ImagingShare,
  }),
  studyImage: op({
    ...routes.studyImage,
    summary: 'One rendered image (JPEG or PNG) of a study, by the expiring url a study or a share gave',
    tag: 'records',
    params: ImageParams,
    query: ImageQuery,
    response: RenderedImage,
    produces: 'image/jpeg',
  }),
  openShare: op({
    ...routes.openShare,
    summary: 'Open a shared study with its access code (no login; each opening uses one of its uses)',
    tag: 'records',
    params: ShareParams,
    body: OpenShareRequest,
    response: SharedStudy,
  }),

  listHospitals: op({
    ...routes.listHospitals,
    summary: 'Hospital list with filters',
    tag: 'catalog',
    query: HospitalListQuery,
    response: HospitalPage,
  }),
  districts: op({ ...routes.districts, summary: 'Districts that have hospitals', tag: 'catalog', response: Districts }),
  getHospital: op({
    ...routes.getHospital,
    summary: 'A hospital with its departments',
    tag: 'catalog',
    params: IdParams,
    response: HospitalDetail,
  }),
  search: op({
    ...routes.search,
    summary: 'Search hospitals, departments and doctors (Chinese or pinyin initials)',
    tag: 'catalog',
    query: SearchQuery,
    response: SearchResult,
  }),
  departmentSchedules: op({
    ...routes.departmentSchedules,
    summary: 'A department’s sessions over a date range',
    tag: 'schedules',
    params: IdParams,
    query: DepartmentSchedulesQuery,
    response: DepartmentSchedules,
  }),
  getSchedule: op({
    ...routes.getSchedule,
    summary: 'A session with its slots',
    tag: 'schedules',
    params: IdParams,
    response: ScheduleDetail,
  }),
  doctorSchedules: op({
    ...routes.doctorSchedules,
    summary: 'A doctor (title, specialty, intro, department, hospital) with their sessions over a date range',
    tag: 'schedules',
    params: IdParams,
    query: DepartmentSchedulesQuery,
    response: DoctorSchedules,
  }),

  createOrder: op({
    ...routes.createOrder,
    summary: 'Book a session (next free slot) or a specific slot',
    tag: 'orders',
    body: CreateOrderRequest,
    response: Order,
    status: 201,
    headers: {
      'Idempotency-Key': {
        required: true,
        description: 'Client-chosen key; a retry with the same key returns the same order',
      },
    },
  }),
  payOrder: op({
    ...routes.payOrder,
    summary: 'Start (or resume) the online payment of a pending booking on a channel',
    tag: 'orders',
    params: IdParams,
    body: PayOrderRequest,
    response: PaymentTicket,
  }),
  listOrders: op({
    ...routes.listOrders,
    summary: 'The account’s bookings',
    tag: 'orders',
    query: OrderListQuery,
    response: OrderPage,
  }),
  getOrder: op({
    ...routes.getOrder,
    summary: 'One booking with its history',
    tag: 'orders',
    params: IdParams,
    response: Order,
  }),
  cancelOrder: op({
    ...routes.cancelOrder,
    summary: 'Cancel a booking',
    tag: 'orders',
    params: IdParams,
    body: CancelOrderRequest,
    response: Order,
  }),
  listPayments: op({
    ...routes.listPayments,
    summary: 'The account’s confirmed payments with their refunds, newest first (one booking’s with orderId)',
    tag: 'orders',
    query: PaymentRecordQuery,
    response: PaymentRecordPage,
  }),

  joinWaitlist: op({
    ...routes.joinWaitlist,
    summary: 'Join the waitlist (候补) of a full session, or of every full session of a department’s day',
    tag: 'waitlist',
    body: JoinWaitlistRequest,
    response: Waitlist,
    status: 201,
  }),
  listWaitlist: op({
    ...routes.listWaitlist,
    summary: 'The account’s waitlists, newest first, with each place in its queue',
    tag: 'waitlist',
    response: WaitlistList,
  }),
  leaveWaitlist: op({
    ...routes.leaveWaitlist,
    summary: 'Leave a waitlist (every session of it)',
    tag: 'waitlist',
    params: IdParams,
    response: Waitlist,
  }),

  listDrawTickets: op({
    ...routes.listDrawTickets,
    summary:
      'The account’s tickets in release draws (放号抽签) of the last 30 days, newest first: pending, won (its order) ' +
      'or lost (why)',
    tag: 'orders',
    response: DrawTicketList,
  }),

  announcements: op({
    ...routes.announcements,
    summary: 'Announcements (platform-wide or per hospital)',
    tag: 'content',
    query: AnnouncementQuery,
    response: AnnouncementPage,
  }),
  announcement: op({
    ...routes.announcement,
    summary: 'One published announcement (for a shared link or a reopened page)',
    tag: 'content',
    params: IdParams,
    response: Announcement,
  }),
  help: op({ ...routes.help, summary: 'Help centre articles', tag: 'content', response: HelpList }),
  bookingRules: op({
    ...routes.bookingRules,
    summary:
      'The booking rules a patient agrees to (limits, payment window, cancellation deadline, no-show suspension), ' +
      'as configured',
    tag: 'content',
    response: BookingRulesView,
  }),

  reconciliations: op({
    ...routes.reconciliations,
    summary: 'Reconciliation summaries per channel, day and hospital (a hospital key sees its own)',
    tag: 'console',
    headers: STAFF_KEY,
    query: ReconciliationQuery,
    response: ReconciliationSummaryList,
  }),
  reconciliationLines: op({
    ...routes.reconciliationLines,
    summary: 'The lines of a day’s reconciliation (default: the discrepancies)',
    tag: 'console',
    headers: STAFF_KEY,
    params: DateParams,
    query: ReconciliationLinesQuery,
    response: ReconciliationLinePage,
  }),
  reconciliationCsv: op({
    ...routes.reconciliationCsv,
    summary: 'Every line of a day’s reconciliation as a CSV for Excel (UTF-8 with BOM, CRLF, Chinese headers, yuan)',
    tag: 'console',
    headers: STAFF_KEY,
    params: DateParams,
    query: CsvQuery,
    response: ReconciliationCsv,
    produces: 'text/csv; charset=utf-8',
  }),
  runReconciliation: op({
    ...routes.runReconciliation,
    summary: 'Reconcile a day now (administrators; repeating it replaces the day’s result)',
    tag: 'console',
    headers: STAFF_KEY,
    params: DateParams,
    body: RunReconciliationRequest,
    response: ReconciliationRun,
  }),

  statistics: op({
    ...routes.statistics,
    summary:
      'Figures for a date range (Asia/Shanghai, at most 366 days): bookings per day, hospital, department, ' +
      'channel and edition, cancellations, no-shows, suspensions, how fast releases sold out',
    tag: 'console',
    headers: STAFF_KEY,
    query: StatisticsQuery,
    response: Statistics,
  }),
  drawStatistics: op({
    ...routes.drawStatistics,
    summary:
      'Fair release (公平放号): per release with a draw in a date range, how many persons entered it and how many ' +
      'won a place, with the seed that replays its order',
    tag: 'console',
    headers: STAFF_KEY,
    query: DrawStatisticsQuery,
    response: DrawStatistics,
  }),
  monthlyReportXlsx: op({
    ...routes.monthlyReportXlsx,
    summary: 'The monthly report (月度数据分析报告) of a month as an Excel workbook (download audited)',
    tag: 'console',
    headers: STAFF_KEY,
    params: MonthParams,
    query: MonthlyReportQuery,
    response: MonthlyReportXlsx,
    produces: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  }),
  monthlyReportPdf: op({
    ...routes.monthlyReportPdf,
    summary: 'The monthly report (月度数据分析报告) of a month as a PDF (download audited)',
    tag: 'console',
    headers: STAFF_KEY,
    params: MonthParams,
    query: MonthlyReportQuery,
    response: MonthlyReportPdf,
    produces: 'application/pdf',
  }),

  staffLogin: op({
    ...routes.staffLogin,
    summary:
      'A staff member logs in to the console (user name, password, TOTP); sets the HttpOnly session cookie. ' +
      'Repeated failures lock the account for a while',
    tag: 'console',
    body: StaffLoginRequest,
    response: StaffSession,
  }),
  staffSession: op({
    ...routes.staffSession,
    summary: 'The signed-in staff member and the session’s CSRF token (after a reload)',
    tag: 'console',
    headers: STAFF_KEY,
    response: StaffSession,
  }),
  staffLogout: op({
    ...routes.staffLogout,
    summary: 'Log out: the session ends on the server and its cookie is cleared',
    tag: 'console',
    headers: STAFF_KEY,
    response: Ok,
  }),
  staffChangePassword: op({
    ...routes.staffChangePassword,
    summary: 'Change one’s own password (required after an administrator set it)',
    tag: 'console',
    headers: STAFF_KEY,
    body: StaffChangePasswordRequest,
    response: StaffSession,
  }),
  listStaff: op({
    ...routes.listStaff,
    summary: 'Every staff account and machine key (administrators)',
    tag: 'console',
    headers: STAFF_KEY,
    response: StaffAccountList,
  }),
  createStaff: op({
    ...routes.createStaff,
    summary: 'Make a staff account; its first password and TOTP enrolment are shown only in this answer',
    tag: 'console',
    headers: STAFF_KEY,
    body: CreateStaffRequest,
    response: StaffCredentials,
    status: 201,
  }),
  disableStaff: op({
    ...routes.disableStaff,
    summary: 'Disable a staff account or machine key; its sessions end at once',
    tag: 'console',
    headers: STAFF_KEY,
    params: IdParams,
    response: Ok,
  }),
  resetStaff: op({
    ...routes.resetStaff,
    summary: 'New password and TOTP for a staff account (lifts a lock-out; its sessions end), shown once',
    tag: 'console',
    headers: STAFF_KEY,
    params: IdParams,
    response: StaffCredentials,
  }),
  revealPersonalData: op({
    ...routes.revealPersonalData,
    summary: 'One ID number or phone in full, for a stated reason (audited)',
    tag: 'console',
    headers: STAFF_KEY,
    body: RevealRequest,
    response: RevealResult,
  }),

  blacklist: op({
    ...routes.blacklist,
    summary: 'The people suspended for no-shows now, newest suspension first (masked)',
    tag: 'console',
    headers: STAFF_KEY,
    query: BlacklistQuery,
    response: BlacklistPage,
  }),
  blacklistSearch: op({
    ...routes.blacklistSearch,
    summary: 'Find a person by full ID number, full phone or name (masked answers; the search is audited)',
    tag: 'console',
    headers: STAFF_KEY,
    query: BlacklistSearchQuery,
    response: BlacklistPersonList,
  }),
  blacklistPerson: op({
    ...routes.blacklistPerson,
    summary: 'One person: suspension, the no-shows behind it, the last lifting (masked)',
    tag: 'console',
    headers: STAFF_KEY,
    params: PersonParams,
    response: BlacklistPersonDetail,
  }),
  liftBlacklist: op({
    ...routes.liftBlacklist,
    summary: 'Lift a person’s suspension for a stated reason (administrators; audited); they can book at once',
    tag: 'console',
    headers: STAFF_KEY,
    params: PersonParams,
    body: LiftBlacklistRequest,
    response: BlacklistPersonDetail,
  }),
  auditSearch: op({
    ...routes.auditSearch,
    summary: 'Search the audit trail by actor, action (or prefix), target and Beijing dates, newest first',
    tag: 'console',
    headers: STAFF_KEY,
    query: AuditSearchQuery,
    response: AuditPage,
  }),
  slotTrace: op({
    ...routes.slotTrace,
    summary: 'One slot’s history (by slot id or order number): published, booked, paid, cancelled, attendance',
    tag: 'console',
    headers: STAFF_KEY,
    query: SlotTraceQuery,
    response: SlotTrace,
  }),

  phoneLookup: op({
    ...routes.phoneLookup,
    summary: 'Phone booking: the caller’s account by the phone they give, with its patients and coming bookings',
    tag: 'console-phone',
    headers: STAFF_KEY,
    body: PhoneLookupRequest,
    response: PhoneLookupResult,
  }),
  phoneRegisterCaller: op({
    ...routes.phoneRegisterCaller,
    summary: 'Phone booking: register the caller as a new account by their phone (no SMS: they are on the line)',
    tag: 'console-phone',
    headers: STAFF_KEY,
    body: RegisterCallerRequest,
    response: Caller,
    status: 201,
  }),
  phoneCaller: op({
    ...routes.phoneCaller,
    summary: 'Phone booking: the caller’s card again (after a change)',
    tag: 'console-phone',
    headers: STAFF_KEY,
    params: CallerParams,
    response: Caller,
  }),
  phoneAddPatient: op({
    ...routes.phoneAddPatient,
    summary:
      'Phone booking: add a patient to the caller’s account by document and verify the real name in one step, ' +
      'as the patient API does (nothing is saved when it fails)',
    tag: 'console-phone',
    headers: STAFF_KEY,
    params: CallerParams,
    body: AddPatientRequest,
    response: CallerPatient,
    status: 201,
  }),
  phoneVerifyPatient: op({
    ...routes.phoneVerifyPatient,
    summary: 'Phone booking: verify the real name of a patient the caller added before',
    tag: 'console-phone',
    headers: STAFF_KEY,
    params: CallerPatientParams,
    response: CallerPatient,
  }),
  phoneBook: op({
    ...routes.phoneBook,
    summary: 'Phone booking: book a session (next free slot) or a slot for a patient of the caller, by the same rules',
    tag: 'console-phone',
    headers: {
      ...STAFF_KEY,
      'Idempotency-Key': {
        required: true,
        description: 'Client-chosen key; a retry with the same key returns the same order',
      },
    },
    params: CallerParams,
    body: PhoneBookRequest,
    response: Order,
    status: 201,
  }),
  phoneOrder: op({
    ...routes.phoneOrder,
    summary: 'Phone booking: one booking of the caller with its history, to read back',
    tag: 'console-phone',
    headers: STAFF_KEY,
    params: CallerOrderParams,
    response: Order,
  }),
  phoneCancel: op({
    ...routes.phoneCancel,
    summary: 'Phone booking: cancel a booking of the caller (by the patient’s deadline; reason 电话取消 unless given)',
    tag: 'console-phone',
    headers: STAFF_KEY,
    params: CallerOrderParams,
    body: PhoneCancelRequest,
    response: Order,
  }),
  consoleAnnouncements: op({
    ...routes.consoleAnnouncements,
    summary: 'Announcements in every state (a scheduler: their hospital’s), newest change first',
    tag: 'console',
    headers: STAFF_KEY,
    query: ConsoleAnnouncementQuery,
    response: ConsoleAnnouncementPage,
  }),
  createAnnouncement: op({
    ...routes.createAnnouncement,
    summary: 'Write an announcement as a draft (platform-wide: administrators; a hospital’s: its scheduler too)',
    tag: 'console',
    headers: STAFF_KEY,
    body: AnnouncementDraft,
    response: ConsoleAnnouncement,
    status: 201,
  }),
  consoleAnnouncement: op({
    ...routes.consoleAnnouncement,
    summary: 'One announcement with who wrote, changed, published and withdrew it',
    tag: 'console',
    headers: STAFF_KEY,
    params: IdParams,
    response: ConsoleAnnouncement,
  }),
  updateAnnouncement: op({
    ...routes.updateAnnouncement,
    summary: 'Change an announcement’s title or text (a published one changes for patients at once)',
    tag: 'console',
    headers: STAFF_KEY,
    params: IdParams,
    body: AnnouncementEdit,
    response: ConsoleAnnouncement,
  }),
  publishAnnouncement: op({
    ...routes.publishAnnouncement,
    summary: 'Publish a draft or withdrawn announcement now (publishing a published one changes nothing)',
    tag: 'console',
    headers: STAFF_KEY,
    params: IdParams,
    response: ConsoleAnnouncement,
  }),
  withdrawAnnouncement: op({
    ...routes.withdrawAnnouncement,
    summary: 'Withdraw a published announcement: patients no longer see it',
    tag: 'console',
    headers: STAFF_KEY,
    params: IdParams,
    response: ConsoleAnnouncement,
  }),
  consoleHelpArticles: op({
    ...routes.consoleHelpArticles,
    summary: 'Help articles in every state, in their order',
    tag: 'console',
    headers: STAFF_KEY,
    query: ConsoleHelpQuery,
    response: ConsoleHelpList,
  }),
  createHelpArticle: op({
    ...routes.createHelpArticle,
    summary: 'Write a help article as a draft',
    tag: 'console',
    headers: STAFF_KEY,
    body: HelpArticleDraft,
    response: ConsoleHelpArticle,
    status: 201,
  }),
  updateHelpArticle: op({
    ...routes.updateHelpArticle,
    summary: 'Change a help article',
    tag: 'console',
    headers: STAFF_KEY,
    params: IdParams,
    body: HelpArticleEdit,
    response: ConsoleHelpArticle,
  }),
  publishHelpArticle: op({
    ...routes.publishHelpArticle,
    summary: 'Publish a help article now',
    tag: 'console',
    headers: STAFF_KEY,
    params: IdParams,
    response: ConsoleHelpArticle,
  }),
  withdrawHelpArticle: op({
    ...routes.withdrawHelpArticle,
    summary: 'Withdraw a published help article',
    tag: 'console',
    headers: STAFF_KEY,
    params: IdParams,
    response: ConsoleHelpArticle,
  }),
  consoleHospitals: op({
    ...routes.consoleHospitals,
    summary: 'The hospitals registry: codes, interface secrets (never their values), addresses, push health',
    tag: 'console',
    headers: STAFF_KEY,
    response: HospitalRegistryList,
  }),
  consoleHospital: op({
    ...routes.consoleHospital,
    summary: 'One hospital of the registry',
    tag: 'console',
    headers: STAFF_KEY,
    params: IdParams,
    response: HospitalRegistryEntry,
  }),
  setConsoleHospitalEndpoints: op({
    ...routes.setConsoleHospitalEndpoints,
    summary: 'Set a hospital’s webhook, FHIR and DICOMweb addresses (http or https; an empty one clears it)',
    tag: 'console',
    headers: STAFF_KEY,
    params: IdParams,
    body: HospitalEndpointsChange,
    response: HospitalRegistryEntry,
  }),
  issueHospitalSecret: op({
    ...routes.issueHospitalSecret,
    summary: 'Issue a new interface secret, shown only in this answer (at most two active at once)',
    tag: 'console',
    headers: STAFF_KEY,
    params: IdParams,
    response: IssuedHospitalSecret,
    status: 201,
  }),
  retireHospitalSecret: op({
    ...routes.retireHospitalSecret,
    summary: 'Retire an interface secret: calls signed with it are refused from now on',
    tag: 'console',
    headers: STAFF_KEY,
    params: HospitalSecretParams,
    response: HospitalRegistryEntry,
  }),
  consoleSessions: op({
    ...routes.consoleSessions,
    summary: 'A hospital’s sessions over at most 31 days, by department and doctor, with capacity, booked and free',
    tag: 'console',
    headers: STAFF_KEY,
    query: ConsoleSessionQuery,
    response: ConsoleSessionList,
  }),
  stopConsoleSession: op({
    ...routes.stopConsoleSession,
    summary:
      'Stop a session (停诊) as the hospital interface does: bookings cancelled, paid ones refunded, patients told',
    tag: 'console',
    headers: STAFF_KEY,
    params: IdParams,
    body: StopSessionRequest,
    response: SessionStateResult,
  }),
  resumeConsoleSession: op({
    ...routes.resumeConsoleSession,
    summary: 'Resume a stopped session: its slots nobody holds are free again',
    tag: 'console',
    headers: STAFF_KEY,
    params: IdParams,
    response: SessionStateResult,
  }),
  consoleBookings: op({
    ...routes.consoleBookings,
    summary: 'A day’s bookings of a hospital, by visit time (patients masked)',
    tag: 'console',
    headers: STAFF_KEY,
    query: ConsoleBookingQuery,
    response: ConsoleBookingPage,
  }),
  markConsoleAttendance: op({
    ...routes.markConsoleAttendance,
    summary: 'Mark a booked patient arrived (已就诊) or a no-show (爽约), as the hospital interface does',
    tag: 'console',
    headers: STAFF_KEY,
    params: IdParams,
    body: AttendanceRequest,
    response: AttendanceResult,
  }),

  hospitalAttendance: op({
    ...routes.hospitalAttendance,
    summary: 'Mark a booked patient arrived (已就诊) or a no-show (爽约); repeating it changes nothing',
    tag: 'hospital',
    headers: HOSPITAL_SIGNED,
    params: OrderIdParams,
    body: AttendanceRequest,
    response: AttendanceResult,
  }),
  hospitalOrders: op({
    ...routes.hospitalOrders,
    summary: 'The hospital’s bookings for a visit date, in booking order, cursor-paged',
    tag: 'hospital',
    headers: HOSPITAL_SIGNED,
    query: HospitalOrderQuery,
    response: HospitalOrderPage,
  }),
  hospitalDepartments: op({
    ...routes.hospitalDepartments,
    summary: 'Publish departments by the hospital’s own codes (the same version twice changes nothing)',
    tag: 'hospital',
    headers: HOSPITAL_SIGNED,
    body: DepartmentBatch,
    response: UpsertReport,
  }),
  hospitalDoctors: op({
    ...routes.hospitalDoctors,
    summary: 'Publish doctors by the hospital’s own codes, each in a department published before',
    tag: 'hospital',
    headers: HOSPITAL_SIGNED,
    body: DoctorBatch,
    response: UpsertReport,
  }),
  hospitalSchedules: op({
    ...routes.hospitalSchedules,
    summary:
      'Publish sessions by the hospital’s own ids: a higher capacity adds slots, a lower one removes only free ones',
    tag: 'hospital',
    headers: HOSPITAL_SIGNED,
    body: ScheduleBatch,
    response: ScheduleUpsertReport,
  }),
  hospitalStopSchedule: op({
    ...routes.hospitalStopSchedule,
    summary: 'Stop a session (停诊): every booking on it cancelled, paid ones refunded, each patient told why',
    tag: 'hospital',
    headers: HOSPITAL_SIGNED,
    params: HisScheduleParams,
    body: StopScheduleRequest,
    response: ScheduleStateResult,
  }),
  hospitalResumeSchedule: op({
    ...routes.hospitalResumeSchedule,
    summary: 'Resume a stopped session: its slots no patient holds are free again',
    tag: 'hospital',
    headers: HOSPITAL_SIGNED,
    params: HisScheduleParams,
    response: ScheduleStateResult,
  }),
  hospitalEvents: op({
    ...routes.hospitalEvents,
    summary: 'The events pushed to the hospital’s webhook, in stream order (for a hospital that missed some)',
    tag: 'hospital',
    headers: HOSPITAL_SIGNED,
    query: HospitalEventQuery,
    response: HospitalEventPage,
  }),
} as const satisfies { [K in keyof typeof routes]: Operation };

export type Api = typeof api;
export type OperationName = keyof Api;
export type ResponseOf<K extends OperationName> = z.infer<Api[K]['response']>;

/**
 * What a client sends in a part of the request (`z.input`: before
 * defaults and coercion); undefined where the operation has none.
 */
type InputOf<K extends OperationName, Part extends 'params' | 'query' | 'body'> = Api[K] extends {
  [P in Part]: infer S extends z.ZodType;
}
  ? z.input<S>
  : undefined;
export type ParamsOf<K extends OperationName> = InputOf<K, 'params'>;
export type QueryOf<K extends OperationName> = InputOf<K, 'query'>;
export type BodyOf<K extends OperationName> = InputOf<K, 'body'>;
