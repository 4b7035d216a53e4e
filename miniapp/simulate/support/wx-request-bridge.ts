import http from 'node:http';

interface WxRequestOptions {
  url: string;
  method?: string;
  data?: unknown;
  header?: Record<string, string>;
  success?: (res: { data: unknown; statusCode: number; header: Record<string, unknown>; errMsg: string }) => void;
  fail?: (err: { errMsg: string }) => void;
  complete?: (res: unknown) => void;
}

/**
 * `wx.request` carried over real HTTP to the BFF of the test run: miniprogram-simulate's own
 * request answers `{}` without asking anyone. The weapp build has its API origin compiled in
 * (TARO_APP_API_BASE); requests to it go to `bffUrl` instead, everything else stays as asked.
 */
export function bridgeWxRequest(wx: Record<string, unknown>, bffUrl: string): void {
  wx.request = (o: WxRequestOptions) => {
    const target = new URL(o.url, bffUrl);
    const bff = new URL(bffUrl);
    target.protocol = bff.protocol;
    target.host = bff.host;
    const method = (o.method ?? 'GET').toUpperCase();
    const body = o.data === undefined || method === 'GET' ? undefined : JSON.stringify(o.data);
    if (method === 'GET' && o.data && typeof o.data === 'object') {
      for (const [k, v] of Object.entries(o.data)) target.searchParams.set(k, String(v));
    }
    const req = http.request(
      target,
      { method, headers: { 'content-type': 'application/json', ...o.header } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          let data: unknown = text;
          try {
            data = JSON.parse(text);
          } catch {
            /* not JSON: handed over as text, like wx.request does */
          }
          const result = { data, statusCode: res.statusCode ?? 0, header: res.headers, errMsg: 'request:ok' };
          o.success?.(result);
          o.complete?.(result);
        });
      },
    );
    req.on('error', (e) => {
      const err = { errMsg: `request:fail ${e.message}` };
      o.fail?.(err);
      o.complete?.(err);
    });
    if (body) req.write(body);
    req.end();
    return { abort: () => req.destroy() };
  };
}
