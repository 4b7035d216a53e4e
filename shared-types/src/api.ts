import type { z } from 'zod';
import { Account, BindRequest, UpdateMeRequest } from './schemas/account.js';
import { AuthResponse, LoginRequest, SmsLoginRequest, SmsSendRequest, SmsSendResponse } from './schemas/auth.js';
import { Districts, HospitalDetail, HospitalListQuery, HospitalPage, SearchQuery, SearchResult } from './schemas/catalog.js';
import { IdParams, Ok } from './schemas/common.js';
import { Announcement, AnnouncementPage, AnnouncementQuery, HelpList } from './schemas/content.js';
import { CancelOrderRequest, CreateOrderRequest, Order, OrderListQuery, OrderPage } from './schemas/orders.js';
import { PaymentTicket, PayOrderRequest } from './schemas/payments.js';
import { CsvQuery, DateParams, ReconciliationCsv, ReconciliationLinePage, ReconciliationLinesQuery, ReconciliationQuery, ReconciliationRun, ReconciliationSummaryList, RunReconciliationRequest } from './schemas/console.js';
import { CreatePatientRequest, Patient, PatientList, UpdatePatientRequest } from './schemas/patients.js';
import { DepartmentSchedules, DepartmentSchedulesQuery, ScheduleDetail } from './schemas/schedules.js';
import { BookingRulesView } from './schemas/rules.js';

/** Console operations take a staff key (hospital finance or administrator), not a patient's token. */
const STAFF_KEY = { authorization: { required: true, description: 'Bearer <staff key> (npm run staff -w bff -- add …)' } };

/** Who may call a console operation: any staff key (a hospital's sees its own hospital), or administrators only. */
export type StaffAccess = 'staff' | 'admin';

export type HttpMethod = 'get' | 'post' | 'patch' | 'delete';

/** One operation of the patient API: the single source for validation and for /openapi.json. */
export interface Operation {
  method: HttpMethod;
  /** Koa-router style path, e.g. /api/v1/patients/:id */
  path: string;
  summary: string;
  tag: string;
  /** A patient's session token is required. */
  auth: boolean;
  /** A staff key is required instead (console operations), and which. */
  staff?: StaffAccess;
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
  login: op({ method: 'post', path: '/api/v1/auth/login', summary: 'Log in with a mini-program login code', tag: 'auth', auth: false, body: LoginRequest, response: AuthResponse }),
  smsSend: op({ method: 'post', path: '/api/v1/auth/sms/send', summary: 'Send an SMS verification code', tag: 'auth', auth: false, body: SmsSendRequest, response: SmsSendResponse }),
  smsLogin: op({ method: 'post', path: '/api/v1/auth/sms/login', summary: 'Log in (or register) with phone + SMS code', tag: 'auth', auth: false, body: SmsLoginRequest, response: AuthResponse }),
  refreshToken: op({ method: 'post', path: '/api/v1/auth/refresh', summary: 'Exchange a still-valid session token for a fresh one', tag: 'auth', auth: true, response: AuthResponse }),

  me: op({ method: 'get', path: '/api/v1/me', summary: 'The logged-in account', tag: 'account', auth: true, response: Account }),
  updateMe: op({ method: 'patch', path: '/api/v1/me', summary: 'Change nickname or phone (SMS-verified)', tag: 'account', auth: true, body: UpdateMeRequest, response: Account }),
  bind: op({ method: 'post', path: '/api/v1/me/bindings', summary: 'Bind a further platform identity (e.g. 绑定微信)', tag: 'account', auth: true, body: BindRequest, response: Account }),

  listPatients: op({ method: 'get', path: '/api/v1/patients', summary: 'The account’s patients (就诊人)', tag: 'patients', auth: true, response: PatientList }),
  createPatient: op({ method: 'post', path: '/api/v1/patients', summary: 'Add a patient', tag: 'patients', auth: true, body: CreatePatientRequest, response: Patient, status: 201 }),
  updatePatient: op({ method: 'patch', path: '/api/v1/patients/:id', summary: 'Change a patient', tag: 'patients', auth: true, params: IdParams, body: UpdatePatientRequest, response: Patient }),
  deletePatient: op({ method: 'delete', path: '/api/v1/patients/:id', summary: 'Remove a patient', tag: 'patients', auth: true, params: IdParams, response: Ok }),
  verifyPatient: op({ method: 'post', path: '/api/v1/patients/:id/verify', summary: 'Real-name authentication of a patient', tag: 'patients', auth: true, params: IdParams, response: Patient }),

  listHospitals: op({ method: 'get', path: '/api/v1/hospitals', summary: 'Hospital list with filters', tag: 'catalog', auth: false, query: HospitalListQuery, response: HospitalPage }),
  districts: op({ method: 'get', path: '/api/v1/districts', summary: 'Districts that have hospitals', tag: 'catalog', auth: false, response: Districts }),
  getHospital: op({ method: 'get', path: '/api/v1/hospitals/:id', summary: 'A hospital with its departments', tag: 'catalog', auth: false, params: IdParams, response: HospitalDetail }),
  search: op({ method: 'get', path: '/api/v1/search', summary: 'Search hospitals, departments and doctors (Chinese or pinyin initials)', tag: 'catalog', auth: false, query: SearchQuery, response: SearchResult }),
  departmentSchedules: op({ method: 'get', path: '/api/v1/departments/:id/schedules', summary: 'A department’s sessions over a date range', tag: 'schedules', auth: false, params: IdParams, query: DepartmentSchedulesQuery, response: DepartmentSchedules }),
  getSchedule: op({ method: 'get', path: '/api/v1/schedules/:id', summary: 'A session with its slots', tag: 'schedules', auth: false, params: IdParams, response: ScheduleDetail }),

  createOrder: op({
    method: 'post', path: '/api/v1/orders', summary: 'Book a session (next free slot) or a specific slot', tag: 'orders', auth: true,
    body: CreateOrderRequest, response: Order, status: 201,
    headers: { 'Idempotency-Key': { required: true, description: 'Client-chosen key; a retry with the same key returns the same order' } },
  }),
  payOrder: op({ method: 'post', path: '/api/v1/orders/:id/pay', summary: 'Start (or resume) the online payment of a pending booking on a channel', tag: 'orders', auth: true, params: IdParams, body: PayOrderRequest, response: PaymentTicket }),
  listOrders: op({ method: 'get', path: '/api/v1/orders', summary: 'The account’s bookings', tag: 'orders', auth: true, query: OrderListQuery, response: OrderPage }),
  getOrder: op({ method: 'get', path: '/api/v1/orders/:id', summary: 'One booking with its history', tag: 'orders', auth: true, params: IdParams, response: Order }),
  cancelOrder: op({ method: 'post', path: '/api/v1/orders/:id/cancel', summary: 'Cancel a booking', tag: 'orders', auth: true, params: IdParams, body: CancelOrderRequest, response: Order }),

  announcements: op({ method: 'get', path: '/api/v1/announcements', summary: 'Announcements (platform-wide or per hospital)', tag: 'content', auth: false, query: AnnouncementQuery, response: AnnouncementPage }),
  announcement: op({ method: 'get', path: '/api/v1/announcements/:id', summary: 'One published announcement (for a shared link or a reopened page)', tag: 'content', auth: false, params: IdParams, response: Announcement }),
  help: op({ method: 'get', path: '/api/v1/help', summary: 'Help centre articles', tag: 'content', auth: false, response: HelpList }),
  bookingRules: op({ method: 'get', path: '/api/v1/booking-rules', summary: 'The booking rules a patient agrees to (limits, payment window, cancellation deadline, no-show suspension), as configured', tag: 'content', auth: false, response: BookingRulesView }),

  reconciliations: op({ method: 'get', path: '/api/v1/console/reconciliations', summary: 'Reconciliation summaries per channel, day and hospital (a hospital key sees its own)', tag: 'console', auth: false, staff: 'staff', headers: STAFF_KEY, query: ReconciliationQuery, response: ReconciliationSummaryList }),
  reconciliationLines: op({ method: 'get', path: '/api/v1/console/reconciliations/:date/lines', summary: 'The lines of a day’s reconciliation (default: the discrepancies)', tag: 'console', auth: false, staff: 'staff', headers: STAFF_KEY, params: DateParams, query: ReconciliationLinesQuery, response: ReconciliationLinePage }),
  reconciliationCsv: op({ method: 'get', path: '/api/v1/console/reconciliations/:date.csv', summary: 'Every line of a day’s reconciliation as a CSV for Excel (UTF-8 with BOM, CRLF, Chinese headers, yuan)', tag: 'console', auth: false, staff: 'staff', headers: STAFF_KEY, params: DateParams, query: CsvQuery, response: ReconciliationCsv, produces: 'text/csv; charset=utf-8' }),
  runReconciliation: op({ method: 'post', path: '/api/v1/console/reconciliations/:date/run', summary: 'Reconcile a day now (administrators; repeating it replaces the day’s result)', tag: 'console', auth: false, staff: 'admin', headers: STAFF_KEY, params: DateParams, body: RunReconciliationRequest, response: ReconciliationRun }),
} as const satisfies Record<string, Operation>;

export type Api = typeof api;
export type OperationName = keyof Api;
export type ResponseOf<K extends OperationName> = z.infer<Api[K]['response']>;
