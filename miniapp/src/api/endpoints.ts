import type {
  AcceptedAgreements,
  AuthResponse,
  BodyOf,
  PayChannel,
  PayScene,
  Platform,
  QueryOf,
  SmsPurpose,
} from '@cityhealth/shared-types';
import { currentEdition } from '../edition/edition-store';
import { platformLogin } from '../platform/login';
import { callOperation, operationRequest } from './operation';
import { saveSession } from './session-store';

/*
 * The calls the pages make, each one operation of the patient API (shared-types/src/api.ts): the
 * method, path and session requirement come from the contract's route table, the types from its
 * schemas.
 */

function keepSession(a: AuthResponse): AuthResponse {
  saveSession({ token: a.token, expiresAt: a.expiresAt, accountId: a.account.id });
  return a;
}

const byId = (id: string) => ({ id });

export const api = {
  loginWithPlatform: (platform: Platform, code: string, agreements?: AcceptedAgreements) =>
    callOperation('login', { body: { platform, code, ...(agreements ? { agreements } : {}) } }).then(keepSession),
  sendSmsCode: (phone: string, purpose: SmsPurpose = 'login') => callOperation('smsSend', { body: { phone, purpose } }),
  // The platform (absent in H5) and the edition are how the commission's statistics count bookings.
  loginWithSms: (phone: string, code: string, agreements?: AcceptedAgreements) =>
    callOperation('smsLogin', {
      body: {
        phone,
        code,
        ...(platformLogin.platform ? { platform: platformLogin.platform } : {}),
        ...(agreements ? { agreements } : {}),
      },
    }).then(keepSession),

  me: () => callOperation('me'),
  changeNickname: (nickname: string) => callOperation('updateMe', { body: { nickname } }),
  changePhone: (phone: string, code: string) => callOperation('updateMe', { body: { phone: { phone, code } } }),
  bindPlatform: (platform: Platform, code: string) => callOperation('bind', { body: { platform, code } }),
  agreements: () => callOperation('agreements'),
  acceptAgreements: (accepted: AcceptedAgreements) => callOperation('acceptAgreements', { body: accepted }),
  sendDeletionCode: () => callOperation('deletionCode'),
  deleteAccount: (code: string) => callOperation('deleteAccount', { body: { code } }),

  patients: () => callOperation('listPatients'),
  /** Saves and verifies the real name in one request: nothing is saved when the verification fails. */
  addPatient: (p: BodyOf<'addPatient'>) => callOperation('addPatient', { body: p }),
  updatePatient: (patientId: string, p: BodyOf<'updatePatient'>) =>
    callOperation('updatePatient', { params: byId(patientId), body: p }),
  removePatient: (patientId: string) => callOperation('deletePatient', { params: byId(patientId) }),
  verifyPatient: (patientId: string) => callOperation('verifyPatient', { params: byId(patientId) }),

  hospitals: (q: QueryOf<'listHospitals'>) => callOperation('listHospitals', { query: q }),
  districts: () => callOperation('districts'),
  hospital: (hospitalId: string) => callOperation('getHospital', { params: byId(hospitalId) }),
  search: (q: string, limit = 20) => callOperation('search', { query: { q, limit } }),
  departmentSchedules: (departmentId: string, range: QueryOf<'departmentSchedules'> = {}) =>
    callOperation('departmentSchedules', { params: byId(departmentId), query: range }),
  schedule: (scheduleId: string) => callOperation('getSchedule', { params: byId(scheduleId) }),
  doctorSchedules: (doctorId: string, range: QueryOf<'doctorSchedules'> = {}) =>
    callOperation('doctorSchedules', { params: byId(doctorId), query: range }),

  book: (b: BodyOf<'createOrder'>, idempotencyKey: string) =>
    callOperation('createOrder', { body: { ...b, edition: currentEdition() }, idempotencyKey }),
  pay: (orderId: string, channel: PayChannel, scene: PayScene) =>
    callOperation('payOrder', { params: byId(orderId), body: { channel, scene } }),
  orders: (q: QueryOf<'listOrders'>) => callOperation('listOrders', { query: q }),
  order: (orderId: string) => callOperation('getOrder', { params: byId(orderId) }),
  cancelOrder: (orderId: string, reason?: string) =>
    callOperation('cancelOrder', { params: byId(orderId), body: reason ? { reason } : {} }),
  payments: (q: QueryOf<'listPayments'>) => callOperation('listPayments', { query: q }),

  joinWaitlist: (b: BodyOf<'joinWaitlist'>) =>
    callOperation('joinWaitlist', { body: { ...b, edition: currentEdition() } }),
  waitlists: () => callOperation('listWaitlist'),
  leaveWaitlist: (groupId: string) => callOperation('leaveWaitlist', { params: byId(groupId) }),
  drawTickets: () => callOperation('listDrawTickets'),

  reports: (patientId: string, q: QueryOf<'patientReports'> = {}) =>
    callOperation('patientReports', { params: byId(patientId), query: q }),
  report: (patientId: string, reportId: string, hospitalId: string) =>
    callOperation('patientReport', { params: { id: patientId, reportId }, query: { hospitalId } }),
  /** Where the report's PDF is downloaded from, with the session header (the platform fetches it). */
  reportPdfRequest: (patientId: string, reportId: string, hospitalId: string) =>
    operationRequest('patientReportPdf', { params: { id: patientId, reportId }, query: { hospitalId } }),
  studies: (patientId: string, q: QueryOf<'patientStudies'> = {}) =>
    callOperation('patientStudies', { params: byId(patientId), query: q }),
  study: (patientId: string, studyId: string, hospitalId: string) =>
    callOperation('patientStudy', { params: { id: patientId, studyId }, query: { hospitalId } }),
  shareStudy: (patientId: string, studyId: string, b: BodyOf<'createShare'>) =>
    callOperation('createShare', { params: { id: patientId, studyId }, body: b }),
  shares: (patientId: string) => callOperation('listShares', { params: byId(patientId) }),
  revokeShare: (patientId: string, shareId: string) =>
    callOperation('revokeShare', { params: { id: patientId, shareId } }),

  announcements: (q: QueryOf<'announcements'> = {}) => callOperation('announcements', { query: q }),
  announcement: (announcementId: string) => callOperation('announcement', { params: byId(announcementId) }),
  help: () => callOperation('help'),
  bookingRules: () => callOperation('bookingRules'),
  noticeTemplates: () => callOperation('noticeTemplates'),
  subscribeNotices: (templateIds: string[]) => callOperation('subscribeNotices', { body: { templateIds } }),
};
