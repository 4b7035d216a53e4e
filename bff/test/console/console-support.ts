import type { StaffRole } from '@cityhealth/shared-types';
import type supertest from 'supertest';
import type { TestApp } from '../support/app.js';
import { staffHttp, staffSession, type StaffHeaders } from '../support/staff.js';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** A signed-in staff member's calls of the console API (the CSRF header on every change). */
export interface ConsoleCaller {
  id: string;
  headers: StaffHeaders;
  call(method: Method, path: string, body?: object): supertest.Test;
}

export async function consoleCaller(t: TestApp, role: StaffRole, hospitalId?: string): Promise<ConsoleCaller> {
  const { login, ...headers } = await staffSession(t, role, hospitalId ? { hospitalId } : {});
  return {
    id: login.id,
    headers,
    call: (method, path, body) => {
      const req = staffHttp(t)[method](path).set(headers);
      return body === undefined ? req : req.send(body);
    },
  };
}

/** The audit entries of a target, oldest first. */
export async function auditOf(
  t: TestApp,
  targetId: string,
): Promise<{ action: string; actor_type: string; actor_id: string | null; detail: string | null }[]> {
  return t.services.db.query(
    'SELECT action, actor_type, actor_id, detail FROM audit_event WHERE target_id = ? ORDER BY at, id',
    [targetId],
  );
}
