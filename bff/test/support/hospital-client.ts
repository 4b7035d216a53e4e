import { type SignatureMethod, signedHeaders, signHospitalCall } from '../../src/hospital/signature.js';
import type { TestApp } from './app.js';

export interface SignOptions {
  /** Another hospital code than the caller's own. */
  as?: string;
  /** Another secret than the caller's own. */
  secret?: string;
  /** The signing time (default: the app's clock). */
  at?: number;
  /** A chosen nonce instead of a random one. */
  nonce?: string;
  /** A body sent instead of the one signed. */
  sendBody?: string;
  /** HMAC-SM3 instead of HMAC-SHA256 (X-Signature-Method). */
  method?: SignatureMethod;
}

/** Signed calls of one hospital, as its HIS makes them. */
export function hospitalClient(t: TestApp, caller: { code: string; secret: string }) {
  return (method: 'GET' | 'POST' | 'PUT', target: string, body?: object, o: SignOptions = {}) => {
    const text = body === undefined ? '' : JSON.stringify(body);
    const secret = o.secret ?? caller.secret;
    const at = o.at ?? t.clock.now();
    const call = { method, pathWithQuery: target, body: text };
    const headers = signedHeaders(o.as ?? caller.code, secret, call, at, o.method);
    if (o.nonce) {
      headers['x-nonce'] = o.nonce;
      const timestamp = headers['x-timestamp']!;
      headers['x-signature'] = signHospitalCall(
        secret,
        {
          method,
          pathWithQuery: target,
          timestamp,
          nonce: o.nonce,
          body: text,
        },
        o.method,
      );
    }
    const req = method === 'GET' ? t.http.get(target) : method === 'PUT' ? t.http.put(target) : t.http.post(target);
    req.set(headers);
    const sent = o.sendBody ?? text;
    return sent ? req.set('Content-Type', 'application/json').send(sent) : req;
  };
}

/** A hospital's code and its sandbox secret. */
export async function sandboxCaller(t: TestApp, hospitalId: string): Promise<{ code: string; secret: string }> {
  const [row] = await t.services.db.query<{ code: string }>('SELECT code FROM hospital WHERE id = ?', [hospitalId]);
  const r = await t.http.get(`/sandbox/hospitals/${row!.code}/credentials`).expect(200);
  return { code: row!.code, secret: r.body.secret as string };
}
