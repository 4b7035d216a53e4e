import { api, type Operation } from '@cityhealth/shared-types';
import { HOSPITAL_INTERFACE } from '../../src/http/middleware/hospital-auth.js';
import { CONSOLE } from '../../src/http/middleware/staff-auth.js';
import { databaseKinds } from '../support/databases.js';
import { startTestApp, type TestApp } from '../support/app.js';

describe.each(databaseKinds())('HTTP basics on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => t.close());

  it('answers health and readiness', async () => {
    await t.http.get('/healthz').expect(200, { status: 'ok' });
    const r = await t.http.get('/readyz').expect(200);
    expect(r.body.checks.database).toBe(true);
  });

  it('describes the API as OpenAPI 3.1', async () => {
    const r = await t.http.get('/openapi.json').expect(200);
    expect(r.body.openapi).toBe('3.1.0');
    expect(Object.keys(r.body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/orders', '/api/v1/patients/{id}/verify']),
    );
    const ref: string = r.body.paths['/api/v1/orders'].post.requestBody.content['application/json'].schema.$ref;
    expect(ref).toBe('#/components/schemas/CreateOrderRequest');
    expect(r.body.components.schemas.CreateOrderRequest.properties).toHaveProperty('patientId');
  });

  it('declares each hospital-interface operation signed in the contract, as its middleware reads it', async () => {
    for (const op of Object.values(api) as Operation[])
      expect([op.path, HOSPITAL_INTERFACE.test(op.path)]).toEqual([op.path, op.hospital === true]);
    const doc = (await t.http.get('/openapi.json').expect(200)).body;
    const attendance = doc.paths['/api/hospital/v1/orders/{orderId}/attendance'].post;
    expect(attendance.security).toEqual([{ hospitalSignature: [] }]);
    expect(attendance.tags).toEqual(['hospital']);
    expect(doc.components.securitySchemes.hospitalSignature).toMatchObject({ type: 'apiKey', in: 'header' });
  });

  it("declares each console operation's staff access in the contract, where staff middleware reads it", async () => {
    // Every console operation names its roles, the login alone excepted (it makes the session).
    for (const op of Object.values(api) as Operation[])
      expect([op.path, op.method, CONSOLE.test(op.path)]).toEqual([
        op.path,
        op.method,
        op.staff !== undefined || op === api.staffLogin,
      ]);
    expect(api.runReconciliation.staff).toEqual(['admin']);
    const doc = (await t.http.get('/openapi.json').expect(200)).body;
    expect(doc.paths['/api/v1/console/reconciliations'].get.security).toEqual([{ staffSession: [] }, { staffKey: [] }]);
    expect(doc.paths['/api/v1/orders'].post.security).toEqual([{ bearerAuth: [] }]);
  });

  it('answers unknown paths with the error shape', async () => {
    const r = await t.http.get('/api/v1/nothing-here').expect(404);
    expect(r.body).toEqual({ error: { code: 'NOT_FOUND', message: expect.any(String) } });
  });
});
