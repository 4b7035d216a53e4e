import type { TestApp } from '../support/app.js';
import { idemKey } from '../support/fixtures.js';
import { staffHttp, type StaffHeaders } from '../support/staff.js';

const BASE = '/api/v1/console/phone';

/** The phone-booking operations as an agent's console calls them (the session's cookie and CSRF token). */
export function phoneApi(t: TestApp, h: StaffHeaders) {
  const http = staffHttp(t);
  const headers = { Cookie: h.Cookie, 'X-CSRF-Token': h['X-CSRF-Token'] };
  const post = (path: string) => http.post(`${BASE}${path}`).set(headers);
  return {
    lookup: (phone: string) => post('/lookup').send({ phone }),
    register: (phone: string) => post('/callers').send({ phone }),
    caller: (accountId: string) => http.get(`${BASE}/callers/${accountId}`).set(headers),
    /** By document, as the app's form (the resident ID card unless the body names another). */
    addPatient: (accountId: string, body: object) =>
      post(`/callers/${accountId}/patients`).send({ documentType: 'id-card', ...body }),
    verifyPatient: (accountId: string, patientId: string) =>
      post(`/callers/${accountId}/patients/${patientId}/verify`).send({}),
    book: (accountId: string, body: object, key: string = idemKey()) =>
      post(`/callers/${accountId}/orders`).set('Idempotency-Key', key).send(body),
    order: (accountId: string, orderId: string) =>
      http.get(`${BASE}/callers/${accountId}/orders/${orderId}`).set(headers),
    cancel: (accountId: string, orderId: string, body: object = {}) =>
      post(`/callers/${accountId}/orders/${orderId}/cancel`).send(body),
  };
}

export type PhoneApi = ReturnType<typeof phoneApi>;

/** The order row's origin and the actor of its first history event. */
export async function originOf(t: TestApp, orderId: string) {
  const [row] = await t.services.db.query<{ channel: string; agent_id: string | null }>(
    'SELECT channel, agent_id FROM booking_order WHERE id = ?',
    [orderId],
  );
  const events = await t.services.db.query<{ actor_type: string; actor_id: string | null; reason: string | null }>(
    'SELECT actor_type, actor_id, reason FROM order_event WHERE order_id = ? ORDER BY at, id',
    [orderId],
  );
  return { ...row, events };
}

/** The audit trail of one staff member, oldest first. */
export function auditOf(t: TestApp, staffId: string) {
  return t.services.db.query<{
    actor_type: string;
    action: string;
    target_type: string | null;
    target_id: string | null;
    detail: string | null;
  }>(
    `SELECT actor_type, action, target_type, target_id, detail FROM audit_event WHERE actor_id = ?
      ORDER BY at, id`,
    [staffId],
  );
}
