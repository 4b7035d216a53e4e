import { api, type Operation, STAFF_ROLES, type StaffRole } from '@cityhealth/shared-types';
import { startTestApp, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/databases.js';
import { createClinic } from '../support/fixtures.js';
import { staffHttp, staffSession, type StaffHeaders } from '../support/staff.js';

const DUMMY_ID = '00000000-0000-4000-8000-000000000000';

/** Every console operation of the contract, with a path of placeholders filled in. */
const consoleOperations = (Object.entries(api) as [string, Operation][]).filter(
  ([name, op]) => op.staff !== undefined && name !== 'staffLogout',
);
const pathOf = (op: Operation) => op.path.replace(/:date/g, '2026-11-30').replace(/:\w+/g, DUMMY_ID);

/**
 * The API refuses every console operation to the roles it is not for (403), whatever the menu
 * shows, and lets the roles it is for past the check. New operations are covered as they are added.
 */
describe.each(databaseKinds())('console role boundaries on %s', (kind) => {
  let t: TestApp;
  const sessions = {} as Record<StaffRole, StaffHeaders>;

  beforeAll(async () => {
    t = await startTestApp(kind);
    const clinic = await createClinic(t.services.db, { now: t.clock.now() });
    for (const role of STAFF_ROLES)
      sessions[role] = await staffSession(
        t,
        role,
        role === 'finance' || role === 'scheduler' ? { hospitalId: clinic.hospitalId } : {},
      );
  });
  afterAll(async () => t.close());

  it.each(consoleOperations.map(([name]) => name))('%s: its roles pass, the others get 403', async (name) => {
    const op = api[name as keyof typeof api] as Operation;
    for (const role of STAFF_ROLES) {
      const allowed = op.staff === 'any' || (op.staff as readonly StaffRole[]).includes(role);
      const r = await staffHttp(t)
        [op.method](pathOf(op))
        .set(sessions[role])
        .send(op.method === 'get' ? undefined : {});
      const code = r.body?.error?.code as string | undefined;
      expect([role, r.status < 500]).toEqual([role, true]);
      if (allowed) expect([role, code]).not.toEqual([role, 'STAFF_FORBIDDEN']);
      else expect([role, r.status, code]).toEqual([role, 403, 'STAFF_FORBIDDEN']);
    }
  });

  it('answers 401 to every console operation without a session or key', async () => {
    for (const [, op] of consoleOperations) {
      const r = await staffHttp(t)[op.method](pathOf(op));
      expect([op.path, r.status, r.body.error.code]).toEqual([op.path, 401, 'STAFF_UNAUTHENTICATED']);
    }
  });
});
