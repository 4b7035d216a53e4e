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
  // A tab page leaves room for the app's own tab bar (simulate prefixes the classes with the component's name).
  expect(page.dom?.querySelector('.main--page--with-tab-bar')).not.toBeNull();
  page.detach();
});

test('the custom tab bar WeChat hosts renders the three tabs, the showing one marked', async () => {
  const id = simulate.load(path.join(WEAPP_DIST, 'custom-tab-bar', 'index'), {
    compiler: 'official',
    rootPath: WEAPP_DIST,
  });
  const bar = simulate.render(id);
  bar.attach(document.createElement('parent-wrapper'));
  const items = () => bar.dom?.querySelectorAll('[class*="tab-bar__item"]') ?? [];
  const deadline = Date.now() + 10_000;
  while (items().length !== 3 && Date.now() < deadline) await simulate.sleep(50);
  const labels = [...(bar.dom?.querySelectorAll('[class*="tab-bar__label"]') ?? [])].map((l) => l.textContent?.trim());
  expect(labels).toEqual(['首页', '我的预约', '我的']);
  expect(bar.dom?.querySelectorAll('[class*="tab-bar__item--on"]')).toHaveLength(1);
  expect(errors).toEqual([]);
  bar.detach();
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
