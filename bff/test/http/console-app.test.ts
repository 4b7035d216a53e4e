import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CONSOLE_DOCUMENT_POLICY } from '../../src/http/middleware/security-headers.js';
import { startTestApp, type TestApp } from '../support/app.js';

const CONSOLE_INDEX =
  '<!doctype html><html><head><script type="module" src="/console/assets/index-abc.js"></script></head>' +
  '<body><div id="root"></div></body></html>';
// The H5 app's document carries an inline script (allowed by its hash), the console's none.
const H5_INDEX =
  '<!doctype html><html><head><script>var h5=1</script></head><body><div id="app">h5</div></body></html>';

function fakeBuilds(): { root: string; console: string; h5: string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cityhealth-console-'));
  const consoleDir = path.join(root, 'console');
  const h5 = path.join(root, 'h5');
  fs.mkdirSync(path.join(consoleDir, 'assets'), { recursive: true });
  fs.mkdirSync(h5);
  fs.writeFileSync(path.join(consoleDir, 'index.html'), CONSOLE_INDEX);
  fs.writeFileSync(path.join(consoleDir, 'assets', 'index-abc.js'), 'console.log("console")');
  fs.writeFileSync(path.join(h5, 'index.html'), H5_INDEX);
  return { root, console: consoleDir, h5 };
}

describe('the staff console served at /console', () => {
  let t: TestApp;
  let builds: ReturnType<typeof fakeBuilds>;
  beforeAll(async () => {
    builds = fakeBuilds();
    t = await startTestApp('sqlite', { env: { CONSOLE_DIR: builds.console, H5_DIR: builds.h5 } });
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(builds.root, { recursive: true, force: true });
  });

  it.each(['/console', '/console/', '/console/login', '/console/reconciliation', '/console/staff/new'])(
    'answers %s with the console document, revalidated, under its own policy',
    async (target) => {
      const r = await t.http.get(target);
      expect(r.status).toBe(200);
      expect(r.headers['content-type']).toMatch(/^text\/html/);
      expect(r.text).toBe(CONSOLE_INDEX);
      expect(r.headers['cache-control']).toBe('no-cache');
      expect(r.headers['content-security-policy']).toBe(CONSOLE_DOCUMENT_POLICY);
    },
  );

  it("allows scripts from the console's origin only, antd's inline styles, and no framing", () => {
    const directives = new Map(
      CONSOLE_DOCUMENT_POLICY.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]),
    );
    expect(directives.get('script-src')).toBe("'self'");
    expect(directives.get('style-src')).toBe("'self' 'unsafe-inline'");
    expect(directives.get('img-src')).toBe("'self' data: blob:");
    expect(directives.get('connect-src')).toBe("'self'");
    expect(directives.get('frame-ancestors')).toBe("'none'");
  });

  it('serves its hashed assets for long', async () => {
    const r = await t.http.get('/console/assets/index-abc.js');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(/javascript/);
    expect(r.headers['cache-control']).toMatch(/max-age=31536000.*immutable/);
  });

  it('answers a missing file of the console with 404 JSON, not a document', async () => {
    const r = await t.http.get('/console/assets/missing.js');
    expect(r.status).toBe(404);
    expect(r.headers['content-type']).toMatch(/^application\/json/);
  });

  it('refuses a path out of the build', async () => {
    const r = await t.http.get('/console/assets/..%2f..%2fh5%2findex.html');
    expect([400, 404]).toContain(r.status);
    expect(r.text).not.toContain('h5');
  });

  it('leaves the H5 app its own fallback', async () => {
    const r = await t.http.get('/hospitals/abc');
    expect(r.status).toBe(200);
    expect(r.text).toBe(H5_INDEX);
    expect(r.headers['content-security-policy']).toMatch(/script-src 'self' 'sha256-/);
  });
});

describe('/console without a console build', () => {
  let t: TestApp;
  let builds: ReturnType<typeof fakeBuilds>;
  beforeAll(async () => {
    builds = fakeBuilds();
    t = await startTestApp('sqlite', { env: { CONSOLE_DIR: path.join(builds.root, 'none'), H5_DIR: builds.h5 } });
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(builds.root, { recursive: true, force: true });
  });

  it.each(['/console', '/console/login'])(
    'answers %s with 404 JSON (the H5 fallback does not swallow it)',
    async (p) => {
      const r = await t.http.get(p);
      expect(r.status).toBe(404);
      expect(r.headers['content-type']).toMatch(/^application\/json/);
      expect(r.text).not.toContain('h5');
    },
  );
});
