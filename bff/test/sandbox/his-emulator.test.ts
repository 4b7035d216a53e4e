import crypto from 'node:crypto';
import type { HospitalEvent } from '@cityhealth/shared-types';
import { type SignatureMethod, signedHeaders, signHospitalCall } from '../../src/hospital/signature.js';
import type { ReceivedPush } from '../../src/sandbox/his/inbox.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { createClinic } from '../support/fixtures.js';
import { sandboxCaller } from '../support/hospital-client.js';

/** The emulated HIS of a hospital, pushed to as the platform pushes: a real HTTP call, signed with its secret. */
describe('the emulated HIS of a hospital', () => {
  let t: TestApp;
  let hospitalId: string;
  let caller: { code: string; secret: string };
  let seq = 0;

  beforeAll(async () => {
    // listen: the emulator reads the hospital's credentials from the app, as a hospital's engineer would
    t = await startTestApp('sqlite', { listen: true });
    ({ hospitalId } = await createClinic(t.services.db, { now: t.clock.now(), departments: 1 }));
    caller = await sandboxCaller(t, hospitalId);
  });
  afterAll(async () => t.close());

  const events = () => `/his/${caller.code}/events`;
  const event = (orderId: string = crypto.randomUUID()): HospitalEvent => {
    const at = new Date(t.clock.now()).toISOString();
    return {
      eventId: crypto.randomUUID(),
      seq: ++seq,
      type: 'booking.created',
      occurredAt: at,
      reason: null,
      order: {
        orderId,
        orderNo: `GH${seq}`,
        status: 'booked',
        paymentStatus: 'pay-at-hospital',
        scheduleId: crypto.randomUUID(),
        hisScheduleId: null,
        departmentId: crypto.randomUUID(),
        doctorId: null,
        visitDate: '2026-12-03',
        period: 'morning',
        scheduleType: 'general',
        slotSeq: 3,
        startsAt: at,
        endsAt: at,
        feeFen: 5000,
        patient: { name: '张*', idNumberMasked: '1101**********1234' },
        visitNumber: null,
        hisRecordId: null,
        cancelReason: null,
        createdAt: at,
        updatedAt: at,
      },
    };
  };

  interface PushOptions {
    secret?: string;
    at?: number;
    nonce?: string;
    timeoutMs?: number;
    method?: SignatureMethod;
  }
  const push = async (body: HospitalEvent, o: PushOptions = {}) => {
    const text = JSON.stringify(body);
    const target = events();
    const secret = o.secret ?? caller.secret;
    const call = { method: 'POST', pathWithQuery: target, body: text };
    const headers = signedHeaders(caller.code, secret, call, o.at ?? t.clock.now(), o.method);
    if (o.nonce) {
      headers['x-nonce'] = o.nonce;
      headers['x-signature'] = signHospitalCall(secret, {
        ...call,
        timestamp: headers['x-timestamp']!,
        nonce: o.nonce,
      });
    }
    const r = await fetch(`${t.sandbox!.url}${target}`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: text,
      signal: AbortSignal.timeout(o.timeoutMs ?? 10_000),
    });
    return { status: r.status, body: (await r.json()) as Record<string, unknown> };
  };
  const received = async (limit = 50): Promise<ReceivedPush[]> => {
    const r = await fetch(`${t.sandbox!.url}/his/${caller.code}/sandbox/received?limit=${limit}`);
    expect(r.status).toBe(200);
    return ((await r.json()) as { items: ReceivedPush[] }).items;
  };
  const faults = (mode: string, count: number) =>
    fetch(`${t.sandbox!.url}/his/${caller.code}/sandbox/faults`, {
      method: 'POST',
      body: JSON.stringify({ mode, count }),
    });

  it('accepts a correctly signed push and answers a visit number and its record id', async () => {
    const e = event();
    const r = await push(e);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ visitNumber: expect.stringMatching(/^MZ20261203\d{5}$/), recordId: expect.any(String) });
    const [last] = await received(1);
    expect(last).toMatchObject({ eventId: e.eventId, outcome: 'accepted', status: 200, reply: r.body });
  });

  it('accepts a push signed with HMAC-SM3, refuses a wrong one and a method it does not know', async () => {
    const e = event();
    const r = await push(e, { method: 'HMAC-SM3' });
    expect(r.status).toBe(200);
    expect(r.body.visitNumber).toEqual(expect.stringMatching(/^MZ20261203\d{5}$/));
    const wrong = await push(event(), { method: 'HMAC-SM3', secret: 'not-the-secret' });
    expect(wrong).toEqual({ status: 401, body: { error: 'SIGNATURE_INVALID', message: expect.any(String) } });
    const text = JSON.stringify(event());
    const headers = signedHeaders(
      caller.code,
      caller.secret,
      { method: 'POST', pathWithQuery: events(), body: text },
      t.clock.now(),
    );
    const unknown = await fetch(`${t.sandbox!.url}${events()}`, {
      method: 'POST',
      headers: { ...headers, 'x-signature-method': 'HMAC-MD5', 'content-type': 'application/json' },
      body: text,
    });
    expect([unknown.status, ((await unknown.json()) as { error: string }).error]).toEqual([401, 'SIGNATURE_INVALID']);
  });

  it('takes an eventId once: a repeat gets the same answer, and later events of the order the same visit', async () => {
    const e = event();
    const first = await push(e);
    const again = await push(e);
    expect(again).toEqual(first);
    const recorded = (await received()).filter((x) => x.eventId === e.eventId);
    expect(recorded.map((x) => x.outcome)).toEqual(['duplicate', 'accepted']);
    const paid = { ...event(e.order.orderId), type: 'payment.succeeded' as const };
    expect((await push(paid)).body).toEqual(first.body);
    expect((await push(event())).body.visitNumber).not.toBe(first.body.visitNumber);
  });

  it('refuses a wrong signature, a stale timestamp and a replayed nonce with 401, and records why', async () => {
    const wrong = await push(event(), { secret: 'not-the-secret' });
    expect(wrong).toEqual({ status: 401, body: { error: 'SIGNATURE_INVALID', message: expect.any(String) } });
    const stale = await push(event(), { at: t.clock.now() - 301_000 });
    expect(stale.status).toBe(401);
    expect(stale.body.error).toBe('TIMESTAMP_SKEWED');
    const nonce = crypto.randomBytes(12).toString('base64url');
    const once = event();
    expect((await push(once, { nonce })).status).toBe(200);
    const replay = await push(event(), { nonce });
    expect(replay).toMatchObject({ status: 401, body: { error: 'NONCE_REPLAYED' } });
    const [r3, , r2, r1] = await received(4);
    expect([r1, r2, r3].map((x) => [x!.outcome, x!.status, x!.reason])).toEqual([
      ['refused', 401, expect.stringContaining('X-Signature')],
      ['refused', 401, expect.stringContaining('X-Timestamp')],
      ['refused', 401, expect.stringContaining('X-Nonce')],
    ]);
  });

  it('refuses, fails or holds the next N deliveries when told to, then accepts again', async () => {
    expect((await faults('refuse', 2)).status).toBe(200);
    const e = event();
    expect((await push(e)).status).toBe(422);
    expect((await push(e)).status).toBe(422);
    expect((await push(e)).status).toBe(200);

    await faults('fail', 1);
    const f = event();
    expect((await push(f)).status).toBe(500);
    expect((await push(f)).status).toBe(200);

    await faults('timeout', 1);
    const slow = event();
    await expect(push(slow, { timeoutMs: 500 })).rejects.toThrow();
    const after = await push(slow);
    expect(after.status).toBe(200);
    const mine = (await received()).filter((x) => [e.eventId, f.eventId, slow.eventId].includes(x.eventId!));
    expect(mine.map((x) => x.outcome)).toEqual([
      'accepted',
      'fault',
      'accepted',
      'fault',
      'accepted',
      'fault',
      'fault',
    ]);
    expect(mine.filter((x) => x.outcome === 'fault').map((x) => x.reason)).toEqual([
      'sandbox fault: timeout',
      'sandbox fault: fail',
      'sandbox fault: refuse',
      'sandbox fault: refuse',
    ]);
  });

  it('answers 404 for a hospital the platform does not know, and 400 for a bad fault request', async () => {
    const r = await fetch(`${t.sandbox!.url}/his/NOPE/events`, { method: 'POST', body: '{}' });
    expect(r.status).toBe(404);
    expect(((await r.json()) as { error: string }).error).toBe('NOT_FOUND');
    expect((await faults('explode', 1)).status).toBe(400);
    const summary = (await (await fetch(`${t.sandbox!.url}/his/sandbox/summary`)).json()) as { hospitals: unknown };
    expect(summary.hospitals).toEqual([
      expect.objectContaining({ code: caller.code, received: expect.objectContaining({ fault: 4 }) }),
    ]);
  });

  it('learns a rotated secret from the platform after a mismatch', async () => {
    t.clock.advance(1_000); // the newest secret is the one the platform signs with and hands out
    const { secret } = await t.services.hospitals.secrets.issue(hospitalId, 'test');
    // the emulator asks again only once what it holds is a second old
    await new Promise((r) => setTimeout(r, 1_100));
    expect((await push(event(), { secret })).status).toBe(200);
    expect((await push(event(), { secret: 'not-the-secret' })).status).toBe(401);
  });
});
