import type {
  Account,
  Announcement,
  AuthResponse,
  BookingRulesView,
  DepartmentSchedules,
  HelpArticle,
  HospitalDetail,
  HospitalLevel,
  HospitalSummary,
  Order,
  OrderSummary,
  Page,
  Patient,
  PatientList,
  PayChannel,
  PayScene,
  PaymentTicket,
  Platform,
  Relation,
  ScheduleDetail,
  SearchResult,
  SmsSendResponse,
} from '@cityhealth/shared-types';
import { ApiError, MISSING_PARAMETER_MESSAGE } from './api-error';
import { call } from './client';
import { saveSession } from './session-store';

/* One function per operation of the patient API (shared-types/src/api.ts), typed by the contract. */

function keepSession(a: AuthResponse): AuthResponse {
  saveSession({ token: a.token, expiresAt: a.expiresAt, accountId: a.account.id });
  return a;
}

/**
 * One path segment. A page opened without its id (a bad share link, a lost query) would otherwise
 * call the collection route (`/hospitals/` answers the list) and render it as the wrong shape.
 */
const id = (v: string) => {
  if (!v) throw new ApiError(400, 'MISSING_PAGE_PARAMETER', MISSING_PARAMETER_MESSAGE);
  return encodeURIComponent(v);
};

export const api = {
  loginWithPlatform: (platform: Platform, code: string) =>
    call<AuthResponse>('POST', '/api/v1/auth/login', { body: { platform, code } }).then(keepSession),
  sendSmsCode: (phone: string, purpose: 'login' | 'change-phone' = 'login') =>
    call<SmsSendResponse>('POST', '/api/v1/auth/sms/send', { body: { phone, purpose } }),
  loginWithSms: (phone: string, code: string) =>
    call<AuthResponse>('POST', '/api/v1/auth/sms/login', { body: { phone, code } }).then(keepSession),

  me: () => call<Account>('GET', '/api/v1/me', { auth: true }),
  changeNickname: (nickname: string) => call<Account>('PATCH', '/api/v1/me', { auth: true, body: { nickname } }),
  changePhone: (phone: string, code: string) => call<Account>('PATCH', '/api/v1/me', { auth: true, body: { phone: { phone, code } } }),
  bindPlatform: (platform: Platform, code: string) => call<Account>('POST', '/api/v1/me/bindings', { auth: true, body: { platform, code } }),

  patients: () => call<PatientList>('GET', '/api/v1/patients', { auth: true }),
  addPatient: (p: { name: string; idNumber: string; phone: string; relation: Relation }) =>
    call<Patient>('POST', '/api/v1/patients', { auth: true, body: p }),
  updatePatient: (patientId: string, p: Partial<{ name: string; idNumber: string; phone: string; relation: Relation }>) =>
    call<Patient>('PATCH', `/api/v1/patients/${id(patientId)}`, { auth: true, body: p }),
  removePatient: (patientId: string) => call<{ ok: true }>('DELETE', `/api/v1/patients/${id(patientId)}`, { auth: true }),
  verifyPatient: (patientId: string) => call<Patient>('POST', `/api/v1/patients/${id(patientId)}/verify`, { auth: true }),

  hospitals: (q: { q?: string; district?: string; level?: HospitalLevel; page?: number; pageSize?: number }) =>
    call<Page<HospitalSummary>>('GET', '/api/v1/hospitals', { query: q }),
  districts: () => call<{ items: string[] }>('GET', '/api/v1/districts'),
  hospital: (hospitalId: string) => call<HospitalDetail>('GET', `/api/v1/hospitals/${id(hospitalId)}`),
  search: (q: string, limit = 20) => call<SearchResult>('GET', '/api/v1/search', { query: { q, limit } }),
  departmentSchedules: (departmentId: string, range: { from?: string; to?: string } = {}) =>
    call<DepartmentSchedules>('GET', `/api/v1/departments/${id(departmentId)}/schedules`, { query: range }),
  schedule: (scheduleId: string) => call<ScheduleDetail>('GET', `/api/v1/schedules/${id(scheduleId)}`),

  book: (b: { scheduleId?: string; slotId?: string; patientId: string }, idempotencyKey: string) =>
    call<Order>('POST', '/api/v1/orders', { auth: true, body: b, idempotencyKey }),
  pay: (orderId: string, channel: PayChannel, scene: PayScene) => call<PaymentTicket>('POST', `/api/v1/orders/${id(orderId)}/pay`, { auth: true, body: { channel, scene } }),
  orders: (q: { status?: 'active' | 'history'; page?: number; pageSize?: number }) =>
    call<Page<OrderSummary>>('GET', '/api/v1/orders', { auth: true, query: q }),
  order: (orderId: string) => call<Order>('GET', `/api/v1/orders/${id(orderId)}`, { auth: true }),
  cancelOrder: (orderId: string, reason?: string) =>
    call<Order>('POST', `/api/v1/orders/${id(orderId)}/cancel`, { auth: true, body: reason ? { reason } : {} }),

  announcements: (q: { hospitalId?: string; page?: number; pageSize?: number } = {}) =>
    call<Page<Announcement>>('GET', '/api/v1/announcements', { query: q }),
  announcement: (announcementId: string) => call<Announcement>('GET', `/api/v1/announcements/${id(announcementId)}`),
  help: () => call<{ items: HelpArticle[] }>('GET', '/api/v1/help'),
  bookingRules: () => call<BookingRulesView>('GET', '/api/v1/booking-rules'),
};
