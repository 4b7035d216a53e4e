import fs from 'node:fs';
import { routes } from '@cityhealth/shared-types/routes';
import { api, ApiError, saveSession } from '../../src/api';
import type { PatientOperation } from '../../src/api/operation';
import { resetTaro } from '../support/taro-api';
import { startRecordingServer } from '../support/recording-server';

// The build's default edition (config/index.ts defineConstants), which a booking names.
(globalThis as Record<string, unknown>).__EDITION__ = 'elder';

/** An id that must be encoded to stay one path segment. */
const ID = 'a/b c';
const ENCODED_ID = 'a%2Fb%20c';

/** Each function of the pages' API client and the contract operation it stands for. */
const CALLS: Record<keyof typeof api, [PatientOperation, () => Promise<unknown>]> = {
  loginWithPlatform: ['login', () => api.loginWithPlatform('weapp', 'code')],
  sendSmsCode: ['smsSend', () => api.sendSmsCode('13800138000')],
  loginWithSms: ['smsLogin', () => api.loginWithSms('13800138000', '123456')],
  me: ['me', () => api.me()],
  changeNickname: ['updateMe', () => api.changeNickname('王')],
  changePhone: ['updateMe', () => api.changePhone('13800138000', '123456')],
  bindPlatform: ['bind', () => api.bindPlatform('alipay', 'code')],
  patients: ['listPatients', () => api.patients()],
  addPatient: [
    'addPatient',
    () =>
      api.addPatient({
        documentType: 'id-card',
        name: '王秀英',
        idNumber: '11010519491231002X',
        phone: '13800138000',
        relation: 'self',
      }),
  ],
  agreements: ['agreements', () => api.agreements()],
  acceptAgreements: ['acceptAgreements', () => api.acceptAgreements({ terms: '2026-12', privacy: '2026-12' })],
  sendDeletionCode: ['deletionCode', () => api.sendDeletionCode()],
  deleteAccount: ['deleteAccount', () => api.deleteAccount('123456')],
  updatePatient: ['updatePatient', () => api.updatePatient(ID, { relation: 'parent' })],
  removePatient: ['deletePatient', () => api.removePatient(ID)],
  verifyPatient: ['verifyPatient', () => api.verifyPatient(ID)],
  hospitals: ['listHospitals', () => api.hospitals({ q: '协和' })],
  districts: ['districts', () => api.districts()],
  hospital: ['getHospital', () => api.hospital(ID)],
  search: ['search', () => api.search('xh')],
  departmentSchedules: ['departmentSchedules', () => api.departmentSchedules(ID, { from: '2026-12-01' })],
  schedule: ['getSchedule', () => api.schedule(ID)],
  doctorSchedules: ['doctorSchedules', () => api.doctorSchedules(ID, { from: '2026-12-01' })],
  book: ['createOrder', () => api.book({ scheduleId: 's1', patientId: 'p1' }, 'key-12345678')],
  pay: ['payOrder', () => api.pay(ID, 'wechat', 'h5')],
  orders: ['listOrders', () => api.orders({ status: 'active' })],
  order: ['getOrder', () => api.order(ID)],
  cancelOrder: ['cancelOrder', () => api.cancelOrder(ID, '行程有变')],
  joinWaitlist: ['joinWaitlist', () => api.joinWaitlist({ patientId: ID, scheduleId: ID })],
  waitlists: ['listWaitlist', () => api.waitlists()],
  leaveWaitlist: ['leaveWaitlist', () => api.leaveWaitlist(ID)],
  drawTickets: ['listDrawTickets', () => api.drawTickets()],
  payments: ['listPayments', () => api.payments({ orderId: 'o1', page: 2 })],
  announcements: ['announcements', () => api.announcements()],
  announcement: ['announcement', () => api.announcement(ID)],
  help: ['help', () => api.help()],
  bookingRules: ['bookingRules', () => api.bookingRules()],
  noticeTemplates: ['noticeTemplates', () => api.noticeTemplates()],
  subscribeNotices: ['subscribeNotices', () => api.subscribeNotices(['tmpl-1'])],
  reports: ['patientReports', () => api.reports(ID, { category: 'lab' })],
  report: ['patientReport', () => api.report(ID, ID, ID)],
  // The platform downloads the PDF itself (downloadFile / fetch) with the address and header it is given.
  reportPdfRequest: [
    'patientReportPdf',
    async () => {
      const r = await api.reportPdfRequest(ID, ID, ID);
      await fetch(r.url, { headers: r.header });
    },
  ],
  studies: ['patientStudies', () => api.studies(ID)],
  study: ['patientStudy', () => api.study(ID, ID, ID)],
  shareStudy: ['createShare', () => api.shareStudy(ID, ID, { hospitalId: ID, validHours: 24, maxUses: 5 })],
  shares: ['listShares', () => api.shares(ID)],
  revokeShare: ['revokeShare', () => api.revokeShare(ID, ID)],
};

/**
 * Operations the app reaches without a call of its own: a study's images are `<Image>` sources at
 * the urls the study gives, and a shared study is opened on the BFF's public share page. Adding a
 * patient without verifying it (createPatient) is for the app's older versions: this one saves and
 * verifies in one step (addPatient).
 */
const NOT_CALLED = ['studyImage', 'openShare', 'createPatient'];

const EXPIRES_AT = new Date(Date.now() + 7 * 86_400_000).toISOString();
let server: Awaited<ReturnType<typeof startRecordingServer>>;

beforeAll(async () => {
  // Every answer passes for a login answer, so the calls that keep a session can complete.
  server = await startRecordingServer({ token: 'recorded', expiresAt: EXPIRES_AT, account: { id: 'acc1' } });
  (globalThis as Record<string, unknown>).__API_BASE__ = server.url;
});
afterAll(() => server.stop());

beforeEach(() => {
  resetTaro();
  saveSession({ token: 'session-token', expiresAt: EXPIRES_AT, accountId: 'acc1' });
  server.requests.length = 0;
});

describe('the API client is the contract’s operation table', () => {
  it.each(Object.entries(CALLS))(
    'api.%s calls its operation’s method and path, with a token exactly when the operation needs one',
    async (_, [operation, callIt]) => {
      await callIt();
      const route = routes[operation];
      expect(server.requests).toHaveLength(1);
      const [request] = server.requests;
      expect(request!.method).toBe(route.method.toUpperCase());
      expect(request!.url.split('?')[0]).toBe(route.path.replace(/:\w+/g, ENCODED_ID));
      expect(request!.headers.authorization !== undefined).toBe(route.auth);
    },
  );

  it('covers every operation a patient’s app calls (the token refresh is the client’s own)', () => {
    const patientOperations = Object.entries(routes)
      .filter(
        ([name, r]) =>
          !('staff' in r) && !('hospital' in r) && !r.path.startsWith('/api/v1/console/') && !NOT_CALLED.includes(name),
      )
      .map(([name]) => name);
    const called = new Set([...Object.values(CALLS).map(([operation]) => operation), 'refreshToken']);
    expect([...called].sort()).toEqual(patientOperations.sort());
  });

  it('sends the query, the body and the idempotency key it is given', async () => {
    await api.search('xh', 5);
    await api.book({ scheduleId: 's1', patientId: 'p1' }, 'key-12345678');
    const [search, book] = server.requests;
    expect(search!.url).toBe('/api/v1/search?q=xh&limit=5');
    expect(book!.body).toEqual({ scheduleId: 's1', patientId: 'p1', edition: 'elder' });
    expect(book!.headers['idempotency-key']).toBe('key-12345678');
  });

  it('refuses a page opened without its id instead of calling the collection', () => {
    let err: unknown;
    try {
      void api.hospital('');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 400, code: 'MISSING_PAGE_PARAMETER' });
    expect(server.requests).toEqual([]);
  });

  it('writes no path or method of its own', () => {
    const source = fs.readFileSync(new URL('../../src/api/endpoints.ts', import.meta.url), 'utf8');
    expect(source).not.toMatch(/\/api\/v1|'(GET|POST|PATCH|DELETE)'/i);
  });
});
