import { api, STAFF_ROLES, type StaffRole } from '@cityhealth/shared-types';
import { startTestApp, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/databases.js';
import { createClinic, createPatients, type Clinic, type PatientFixture } from '../support/fixtures.js';
import { staffHttp, type StaffHeaders } from '../support/staff.js';
import { asStaff, bookOnNewSession } from './support.js';

type OperationName =
  | 'blacklist'
  | 'blacklistSearch'
  | 'blacklistPerson'
  | 'liftBlacklist'
  | 'auditSearch'
  | 'slotTrace';

/** Who may call each of the oversight operations (the contract says the same; checked below). */
const ALLOWED: Record<OperationName, readonly StaffRole[]> = {
  blacklist: ['admin', 'auditor'],
  blacklistSearch: ['admin', 'auditor'],
  blacklistPerson: ['admin', 'auditor'],
  liftBlacklist: ['admin'],
  auditSearch: ['admin', 'auditor'],
  slotTrace: ['admin', 'auditor', 'scheduler'],
};
const OPERATIONS = Object.keys(ALLOWED) as OperationName[];

describe.each(databaseKinds())('console oversight access on %s', (kind) => {
  let t: TestApp;
  let http: ReturnType<typeof staffHttp>;
  let clinic: Clinic;
  let other: Clinic;
  let p: PatientFixture;
  let slotId: string;
  const as = {} as Record<StaffRole, StaffHeaders>;

  beforeAll(async () => {
    t = await startTestApp(kind);
    http = staffHttp(t);
    clinic = await createClinic(t.services.db, { now: t.clock.now() });
    other = await createClinic(t.services.db, { now: t.clock.now() });
    [p] = (await createPatients(t.services.db, 1, { now: t.clock.now() })) as [PatientFixture];
    const orderId = await bookOnNewSession(t, clinic, p);
    [{ slotId }] = (await t.services.db.query<{ slotId: string }>(
      'SELECT slot_id AS slotId FROM booking_order WHERE id = ?',
      [orderId],
    )) as [{ slotId: string }];
    for (const role of STAFF_ROLES)
      as[role] = (
        await asStaff(t, role, role === 'finance' || role === 'scheduler' ? { hospitalId: clinic.hospitalId } : {})
      ).headers;
  });
  afterAll(async () => t.close());

  const call = (op: OperationName, headers?: StaffHeaders) => {
    const req = (() => {
      switch (op) {
        case 'blacklist':
          return http.get('/api/v1/console/blacklist');
        case 'blacklistSearch':
          return http.get(`/api/v1/console/blacklist/people?name=${encodeURIComponent('张三')}`);
        case 'blacklistPerson':
          return http.get(`/api/v1/console/blacklist/people/${p.personId}`);
        case 'liftBlacklist':
          return http.post(`/api/v1/console/blacklist/people/${p.personId}/lift`).send({ reason: '核实后解除暂停' });
        case 'auditSearch':
          return http.get('/api/v1/console/audit?action=staff.');
        case 'slotTrace':
          return http.get(`/api/v1/console/slot-trace?slotId=${slotId}`);
      }
    })();
    return headers ? req.set({ ...headers }) : req;
  };

  it('declares the same roles in the contract', () => {
    for (const op of OPERATIONS)
      expect([...(api[op].staff as readonly StaffRole[])].sort()).toEqual([...ALLOWED[op]].sort());
  });

  const cases = OPERATIONS.flatMap((op) => STAFF_ROLES.map((role) => [op, role] as const));
  it.each(cases)('%s by %s: allowed or 403', async (op, role) => {
    const r = await call(op, as[role]);
    if (ALLOWED[op].includes(role)) {
      expect(r.status).toBeLessThan(500);
      expect([401, 403]).not.toContain(r.status);
      // the one person here is not suspended: an administrator's lifting is refused for that, not for the role
      expect(r.status).toBe(op === 'liftBlacklist' ? 409 : 200);
    } else {
      expect([r.status, r.body.error?.code]).toEqual([403, 'STAFF_FORBIDDEN']);
    }
  });

  it.each(OPERATIONS)('%s without a session: 401', async (op) => {
    const r = await call(op);
    expect([r.status, r.body.error?.code]).toEqual([401, 'STAFF_UNAUTHENTICATED']);
  });

  it('refuses a scheduler of another hospital the slot (403), and a finance clerk any slot', async () => {
    const foreign = (await asStaff(t, 'scheduler', { hospitalId: other.hospitalId })).headers;
    const r = await call('slotTrace', foreign);
    expect([r.status, r.body.error?.code]).toEqual([403, 'STAFF_FORBIDDEN']);
    const finance = await call('slotTrace', as.finance);
    expect(finance.status).toBe(403);
  });
});
