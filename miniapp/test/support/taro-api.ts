import http from 'node:http';
import { useEffect, useRef } from 'react';

/*
 * The part of @tarojs/taro the pages use, for page tests in jsdom. Requests really go over HTTP
 * to the BFF the test started (sandbox emulators, fresh SQLite); storage lives in memory;
 * navigation is recorded so a test can assert where the page sent the patient.
 */

export interface Navigation {
  kind: 'navigateTo' | 'redirectTo' | 'switchTab' | 'navigateBack' | 'reLaunch';
  url?: string;
}

const storage = new Map<string, unknown>();
export const navigations: Navigation[] = [];
/** Numbers the page asked the platform to dial. */
export const phoneCalls: string[] = [];
let routerParams: Record<string, string> = {};
let currentRoute = 'pages/index/index';
const pullDown = new Set<() => void>();
const reachBottom = new Set<() => void>();

/** Between tests: empty storage, no navigation, the page's route and query. */
export function resetTaro(route = 'pages/index/index', params: Record<string, string> = {}): void {
  storage.clear();
  navigations.length = 0;
  phoneCalls.length = 0;
  routerParams = params;
  currentRoute = route;
}

export const pullDownRefresh = () => {
  for (const f of pullDown) f();
};
export const reachPageBottom = () => {
  for (const f of reachBottom) f();
};

interface RequestOption {
  url: string;
  method?: string;
  header?: Record<string, string>;
  data?: unknown;
  timeout?: number;
}

function request(o: RequestOption): Promise<{ statusCode: number; data: unknown; header: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const body = o.data === undefined ? undefined : JSON.stringify(o.data);
    const req = http.request(
      o.url,
      {
        method: o.method ?? 'GET',
        headers: { ...(o.header ?? {}), ...(body ? { 'content-length': Buffer.byteLength(body) } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let data: unknown = text;
          try {
            data = text ? JSON.parse(text) : '';
          } catch {
            // not JSON: pass the text on, as the platforms do
          }
          resolve({ statusCode: res.statusCode ?? 0, data, header: res.headers });
        });
      },
    );
    req.on('error', (e) => reject({ errMsg: `request:fail ${e.message}` }));
    if (body) req.write(body);
    req.end();
  });
}

const nav =
  (kind: Navigation['kind']) =>
  (o: { url?: string; delta?: number } = {}) => {
    navigations.push({ kind, url: o.url });
    return Promise.resolve({ errMsg: `${kind}:ok` });
  };

const Taro = {
  request,
  getStorageSync: (key: string) => (storage.has(key) ? storage.get(key) : ''),
  setStorageSync: (key: string, value: unknown) => void storage.set(key, value),
  removeStorageSync: (key: string) => void storage.delete(key),
  navigateTo: nav('navigateTo'),
  redirectTo: nav('redirectTo'),
  switchTab: nav('switchTab'),
  reLaunch: nav('reLaunch'),
  navigateBack: nav('navigateBack'),
  getCurrentPages: () => [{ route: currentRoute }],
  stopPullDownRefresh: () => undefined,
  pageScrollTo: () => Promise.resolve(),
  login: () => Promise.reject({ errMsg: 'login:fail not in a mini-program' }),
  requestPayment: () => Promise.reject({ errMsg: 'requestPayment:fail not in a mini-program' }),
  setNavigationBarTitle: () => Promise.resolve(),
  makePhoneCall: (o: { phoneNumber: string }) => {
    phoneCalls.push(o.phoneNumber);
    return Promise.resolve({ errMsg: 'makePhoneCall:ok' });
  },
};

export default Taro;

export const useRouter = () => ({ params: routerParams, path: `/${currentRoute}` });
export const useDidShow = (f: () => void) => {
  const ref = useRef(f);
  ref.current = f;
  useEffect(() => ref.current(), []);
};
export const useDidHide = () => undefined;
export const useLoad = useDidShow;
export const useReady = useDidShow;
export const useUnload = () => undefined;
export const usePullDownRefresh = (f: () => void) => {
  const ref = useRef(f);
  ref.current = f;
  useEffect(() => {
    const h = () => ref.current();
    pullDown.add(h);
    return () => void pullDown.delete(h);
  }, []);
};
export const useReachBottom = (f: () => void) => {
  const ref = useRef(f);
  ref.current = f;
  useEffect(() => {
    const h = () => ref.current();
    reachBottom.add(h);
    return () => void reachBottom.delete(h);
  }, []);
};
