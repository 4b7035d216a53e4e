import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { documentPolicy, securityHeadersFor } from '../../src/http/middleware/security-headers.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/databases.js';

const INLINE = '!function(n){n.document.documentElement.style.fontSize="20px"}(window);';
const INDEX = [
  `<!doctype html><html><head><script>${INLINE}</script><script defer src="/js/app.js"></script></head>`,
  '<body><div id="app"></div></body></html>',
].join('');

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** What a hostile client can send: raw request lines and headers, no URL normalisation on the way. */
describe.each(databaseKinds())('the HTTP edge on %s', (kind) => {
  let t: TestApp;
  let h5: string;
  beforeAll(async () => {
    h5 = fs.mkdtempSync(path.join(os.tmpdir(), 'cityhealth-h5-'));
    fs.mkdirSync(path.join(h5, 'js'));
    fs.writeFileSync(path.join(h5, 'index.html'), INDEX);
    fs.writeFileSync(path.join(h5, 'js', 'app.js'), 'console.log(1)');
    t = await startTestApp(kind, { listen: true, env: { H5_DIR: h5, RATE_LOGIN_PER_IP_MINUTE: '5' } });
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(h5, { recursive: true, force: true });
  });

  const raw = (method: string, target: string, headers: Record<string, string> = {}, body?: Buffer | string) =>
    new Promise<Raw>((resolve, reject) => {
      const url = new URL(t.url!);
      const req = http.request({ host: url.hostname, port: url.port, method, path: target, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
      });
      req.on('error', reject);
      req.end(body);
    });
  const errorOf = (r: Raw) => {
    expect(r.headers['content-type']).toMatch(/^application\/json/);
    return (JSON.parse(r.body) as { error: { code: string; message: string } }).error;
  };

  it.each([
    '/../../etc/passwd',
    '/%2e%2e/%2e%2e/etc/passwd',
    '/..%5c..%5cetc%5cpasswd',
    '/js/..%2f..%2fpackage.json',
    '/api/v1/../../etc/passwd',
  ])('refuses the path traversal %s with 400 PATH_NOT_ALLOWED', async (target) => {
    const r = await raw('GET', target);
    expect(r.status).toBe(400);
    expect(errorOf(r)).toEqual({ code: 'PATH_NOT_ALLOWED', message: '请求地址不被允许' });
  });

  it.each(['/%E0%A4%A', '/%00', '/index.html%00.png', '//etc/passwd', '/api/v1/hospitals/%E0%A4%A'])(
    'refuses the malformed URL %s with 400 MALFORMED_URL (not INVALID_JSON: no body was sent)',
    async (target) => {
      const r = await raw('GET', target);
      expect(r.status).toBe(400);
      expect(errorOf(r).code).toBe('MALFORMED_URL');
    },
  );

  it('still serves the app, its assets and its client routes', async () => {
    expect((await raw('GET', '/')).status).toBe(200);
    expect((await raw('GET', '/js/app.js')).body).toBe('console.log(1)');
    expect((await raw('GET', '/packages/order/detail')).status).toBe(200);
    expect(errorOf(await raw('GET', '/js/missing.js')).code).toBe('NOT_FOUND');
  });

  it.each([
    ['gzip that is not gzip', 'gzip', Buffer.from('{"platform":"weapp"}')],
    ['real gzip', 'gzip', zlib.gzipSync('{"platform":"weapp","code":"sandbox:x"}')],
    ['brotli', 'br', zlib.brotliCompressSync('{}')],
    ['an unknown encoding', 'x-custom', Buffer.from('{}')],
  ])(
    'answers a body sent as %s with 415 UNSUPPORTED_CONTENT_ENCODING, on the Koa routes and the booking fast path',
    async (_what, encoding, body) => {
      for (const target of ['/api/v1/auth/login', '/api/v1/orders', '/api/v1/payments/notify/wechat']) {
        const r = await raw(
          'POST',
          target,
          { 'content-type': 'application/json', 'content-encoding': encoding, 'content-length': String(body.length) },
          body,
        );
        expect(r.status).toBe(415);
        expect(errorOf(r).code).toBe('UNSUPPORTED_CONTENT_ENCODING');
      }
    },
  );

  it('answers unknown methods in JSON: 405 with Allow on a known path', async () => {
    for (const method of ['TRACE', 'PROPFIND', 'PURGE']) {
      const known = await raw(method, '/api/v1/hospitals');
      expect(known.status).toBe(405);
      expect(errorOf(known).code).toBe('METHOD_NOT_ALLOWED');
      expect(known.headers.allow).toMatch(/GET/);
      const anywhere = await raw(method, '/');
      expect(anywhere.status).toBe(405);
      expect(errorOf(anywhere).code).toBe('METHOD_NOT_ALLOWED');
    }
    const wrong = await raw('DELETE', '/api/v1/hospitals');
    expect(wrong.status).toBe(405);
    expect(wrong.headers.allow).toMatch(/GET/);
  });

  it('sends the H5 document with a CSP allowing its own inline script by hash, and no framing anywhere', async () => {
    const doc = await raw('GET', '/');
    const csp = String(doc.headers['content-security-policy']);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain(`'sha256-${crypto.createHash('sha256').update(INLINE).digest('base64')}'`);
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toMatch(/script-src 'self' 'sha256-[^ ;]+'(;|$)/);
    expect(doc.headers['x-frame-options']).toBe('DENY');
    for (const target of ['/api/v1/hospitals', '/api/v1/nothing', '/js/app.js']) {
      const r = await raw('GET', target);
      expect(r.headers['x-frame-options']).toBe('DENY');
      expect(r.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    }
    // A sandbox is plain http on this machine: no HSTS there.
    expect(doc.headers['strict-transport-security']).toBeUndefined();
  });

  it('trusts no X-Forwarded-For with no proxy configured: a spoofed header dodges no per-IP login limit', async () => {
    const answers: number[] = [];
    for (let i = 0; i < 8; i++) {
      const body = JSON.stringify({ platform: 'weapp', code: `sandbox:spoof${i}` });
      answers.push(
        (
          await raw(
            'POST',
            '/api/v1/auth/login',
            {
              'content-type': 'application/json',
              'content-length': String(Buffer.byteLength(body)),
              'x-forwarded-for': `203.0.113.${i}`,
            },
            body,
          )
        ).status,
      );
    }
    expect(answers.slice(0, 5).every((s) => s === 200)).toBe(true);
    expect(answers.slice(5)).toEqual([429, 429, 429]);
  });
});

describe.each(databaseKinds())('behind a configured gateway on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind, {
      env: { TRUSTED_PROXIES: '127.0.0.1,::1,::ffff:127.0.0.1', RATE_LOGIN_PER_IP_MINUTE: '5' },
    });
  });
  afterAll(async () => t.close());

  it('takes the client from X-Forwarded-For as far as the hops are trusted gateways', async () => {
    const login = (xff: string, i: number) =>
      t.http
        .post('/api/v1/auth/login')
        .set('X-Forwarded-For', xff)
        .send({ platform: 'weapp', code: `sandbox:gw${i}` });
    // Six clients behind the gateway: each is its own address.
    for (let i = 0; i < 6; i++) expect((await login(`198.51.100.${i}`, i)).status).toBe(200);
    // A client that prepends a spoofed address is still known by the address the gateway saw.
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await login(`10.9.9.${i}, 198.51.100.200`, 100 + i)).status);
    expect(statuses.slice(0, 5).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(5)).toEqual([429, 429]);
  });
});

describe('security headers by mode', () => {
  it('adds Strict-Transport-Security in production only', () => {
    expect(securityHeadersFor({ sandbox: false })['Strict-Transport-Security']).toMatch(/^max-age=31536000/);
    expect(securityHeadersFor({ sandbox: true })).not.toHaveProperty('Strict-Transport-Security');
  });

  it('hashes every inline script of the document and no external one', () => {
    const policy = documentPolicy(
      '<script>a()</script><script src="/x.js"></script><script type="module">b()</script>',
    );
    expect(policy.match(/'sha256-/g)).toHaveLength(2);
  });
});
