import path from 'node:path';
import simulate from 'miniprogram-simulate';
import { getJson } from './support/http-json.js';
import { installMiniProgramHost, type MiniProgramHost } from './support/mini-program-host.js';
import { WEAPP_DIST, weappPageRoutes } from './support/weapp-dist.js';
import { bridgeWxRequest } from './support/wx-request-bridge.js';

/**
 * The compiled WeChat build (miniapp/dist/weapp, as the global set-up leaves it: fresh) loads in
 * miniprogram-simulate with the official WXML compiler, and every page of app.json renders
 * without a runtime error; its requests reach the real BFF started for this run.
 */
const BFF_URL = process.env.SIMULATE_BFF_URL ?? '';
const ROUTES = weappPageRoutes();

let host: MiniProgramHost;
let errors: unknown[][];

beforeAll(() => {
  if (!BFF_URL) throw new Error('SIMULATE_BFF_URL is not set: run through this package’s jest config (global set-up)');
  host = installMiniProgramHost();
  bridgeWxRequest((globalThis as unknown as { wx: Record<string, unknown> }).wx, BFF_URL);
  require(path.join(WEAPP_DIST, 'app.js'));
  const app = host.app() as { onLaunch?: (o: unknown) => void; onShow?: (o: unknown) => void };
  app.onLaunch?.({ path: ROUTES[0], query: {}, scene: 1001 });
  app.onShow?.({ path: ROUTES[0], query: {}, scene: 1001 });
});

beforeEach(() => {
  errors = [];
  jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void errors.push(args));
});
afterEach(() => jest.restoreAllMocks());

/** Loads a page of the build, attaches it and waits until `done` holds for its DOM (or times out). */
async function renderPage(route: string, done: (dom: HTMLElement) => boolean, query: Record<string, string> = {}) {
  host.openNext(route, query);
  const id = simulate.load(path.join(WEAPP_DIST, route), { compiler: 'official', rootPath: WEAPP_DIST });
  const page = simulate.render(id);
  page.attach(document.createElement('parent-wrapper'));
  const dom = page.dom;
  if (!dom) throw new Error(`${route} rendered no DOM`);
  const deadline = Date.now() + 10_000;
  while (!done(dom) && Date.now() < deadline) await simulate.sleep(50);
  return { page, text: (dom.textContent ?? '').trim() };
}

test('app.json lists the home page first', () => {
  expect(ROUTES[0]).toBe('pages/index/index');
});

test('the home page renders the hospitals the BFF lists', async () => {
  const { items } = await getJson<{ items: { name: string }[] }>(`${BFF_URL}/api/v1/hospitals?pageSize=5`);
  expect(items.length).toBeGreaterThan(0);
  const { page, text } = await renderPage('pages/index/index', (dom) =>
    (dom.textContent ?? '').includes(items[0]!.name),
  );
  expect(text).toContain(items[0]!.name);
  expect(errors).toEqual([]);
  page.detach();
});

const OTHER_ROUTES = ROUTES.slice(1);
if (OTHER_ROUTES.length > 0) {
  test.each(OTHER_ROUTES)('%s renders without a runtime error', async (route) => {
    const { page, text } = await renderPage(route, (dom) => (dom.textContent ?? '').trim().length > 0);
    expect(text).not.toBe('');
    expect(errors).toEqual([]);
    page.detach();
  });
}
