import crypto from 'node:crypto';
import http from 'node:http';
import type { Logger } from '../../shared/logger.js';

export interface MetricsListenerOptions {
  host: string;
  port: number;
  /** When set, a scrape must send `Authorization: Bearer <token>`. */
  token?: string;
  render(): Promise<{ contentType: string; text: string }>;
  logger: Logger;
}

export interface MetricsListener {
  port: number;
  close(): Promise<void>;
}

const sameSecret = (given: string, expected: string) => {
  const a = crypto.createHash('sha256').update(given).digest();
  const b = crypto.createHash('sha256').update(expected).digest();
  return crypto.timingSafeEqual(a, b);
};

/**
 * The admin listener: GET /metrics only, on its own port (never the public one), so a load
 * balancer in front of the platform never exposes the figures.
 */
export async function startMetricsListener(o: MetricsListenerOptions): Promise<MetricsListener> {
  const json = (res: http.ServerResponse, status: number, code: string, extra: Record<string, string> = {}) => {
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...extra });
    res.end(JSON.stringify({ error: { code } }));
  };
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (path !== '/metrics') return json(res, 404, 'NOT_FOUND');
    if (req.method !== 'GET' && req.method !== 'HEAD') return json(res, 405, 'METHOD_NOT_ALLOWED', { Allow: 'GET' });
    if (o.token && !sameSecret(req.headers.authorization ?? '', `Bearer ${o.token}`))
      return json(res, 401, 'UNAUTHENTICATED', { 'WWW-Authenticate': 'Bearer' });
    o.render().then(
      ({ contentType, text }) => {
        res.writeHead(200, { 'Content-Type': contentType, 'Cache-Control': 'no-store' });
        res.end(req.method === 'HEAD' ? undefined : text);
      },
      (err: unknown) => {
        o.logger.warn({ err: (err as Error).message }, 'metrics scrape failed');
        json(res, 503, 'METRICS_UNAVAILABLE');
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => resolve());
  });
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : o.port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
