import type http from 'node:http';
import { api, DepartmentSchedulesQuery, HospitalListQuery, Id, type Operation } from '@cityhealth/shared-types';
import type { Services } from '../services.js';
import { clientAddressOf } from './client-address.js';
import { errorResponse } from './middleware/errors.js';
import { operationNameOf } from './operation-names.js';
import { securityHeadersFor } from './middleware/security-headers.js';

type Peek = (s: Services, match: RegExpExecArray, query: URLSearchParams) => string | null;
/** A path's pattern, its Cache-Control, its peek at the cache, and its operation in the contract. */
type FastRead = [RegExp, string, Peek, Operation];

const parsed = <T>(
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } },
  query: URLSearchParams,
): T | null => {
  const r = schema.safeParse(Object.fromEntries(query));
  return r.success ? r.data : null;
};
const id = (raw: string | undefined): string | null => (Id.safeParse(raw).success ? raw! : null);

/** The public reads whose cached texts may be answered before Koa, with their Cache-Control. */
const ROUTES: FastRead[] = [
  [
    /^\/api\/v1\/schedules\/([^/]+)$/,
    'public, max-age=1',
    (s, m, q) => (q.size === 0 && id(m[1]) ? s.scheduleViews.peekSchedule(m[1]!) : null),
    api.getSchedule,
  ],
  [
    /^\/api\/v1\/departments\/([^/]+)\/schedules$/,
    'public, max-age=1',
    (s, m, q) => {
      const query = parsed(DepartmentSchedulesQuery, q);
      return query && id(m[1]) ? s.scheduleViews.peekDepartmentSchedules(m[1]!, query) : null;
    },
    api.departmentSchedules,
  ],
  [
    /^\/api\/v1\/doctors\/([^/]+)\/schedules$/,
    'public, max-age=1',
    (s, m, q) => {
      const query = parsed(DepartmentSchedulesQuery, q);
      return query && id(m[1]) ? s.scheduleViews.peekDoctorSchedules(m[1]!, query) : null;
    },
    api.doctorSchedules,
  ],
  [
    /^\/api\/v1\/hospitals$/,
    'public, max-age=30',
    (s, _m, q) => {
      const query = parsed(HospitalListQuery, q);
      return query ? s.catalog.peekHospitals(query) : null;
    },
    api.listHospitals,
  ],
  [
    /^\/api\/v1\/hospitals\/([^/]+)$/,
    'public, max-age=30',
    (s, m, q) => (q.size === 0 && id(m[1]) ? s.catalog.peekHospitalDetail(m[1]!) : null),
    api.getHospital,
  ],
];

/**
 * The read path's hot loop: a GET whose view is already cached is answered straight from
 * node:http with the pre-serialised bytes, keeping Koa's middleware off the hot path. Everything
 * else, and every miss, goes to Koa, which validates, loads and fills the cache; so both paths
 * answer with the same bytes.
 */
export function withFastReads(s: Services, next: http.RequestListener): http.RequestListener {
  const securityHeaders = securityHeadersFor(s.config);
  const addressOf = clientAddressOf(s.config);
  // each route's series bound once: a hit adds to them and allocates nothing
  const tracks = ROUTES.map(([, , , op]) => s.metrics.http.operation(operationNameOf(op)));
  return (req, res) => {
    if (req.method === 'GET' && req.url?.startsWith('/api/v1/')) {
      const started = performance.now();
      const q = req.url.indexOf('?');
      const path = q < 0 ? req.url : req.url.slice(0, q);
      const query = new URLSearchParams(q < 0 ? '' : req.url.slice(q + 1));
      for (let i = 0; i < ROUTES.length; i++) {
        const [pattern, cacheControl, peek] = ROUTES[i]!;
        const m = pattern.exec(path);
        if (!m) continue;
        const text = peek(s, m, query);
        // A miss goes to Koa, whose route counts it against the throttles; a hit is counted here.
        if (text === null) break;
        const refused = s.throttles.scan('read', addressOf(req), req.headers.authorization);
        if (refused) {
          const { status, headers, body } = errorResponse(refused.code, refused.message, refused.details);
          const bytes = Buffer.from(JSON.stringify(body));
          res.writeHead(status, {
            ...headers,
            'Content-Type': 'application/json; charset=utf-8',
            'Content-Length': bytes.length,
            ...securityHeaders,
            'Cache-Control': 'no-store',
          });
          res.end(bytes);
          tracks[i]!.done(status, started);
          return;
        }
        const body = Buffer.from(text);
        res.writeHead(200, {
          'Content-Type': 'application/json; charset=utf-8',
          'Content-Length': body.length,
          'Cache-Control': cacheControl,
          ...securityHeaders,
        });
        res.end(body);
        tracks[i]!.done(200, started);
        return;
      }
    }
    next(req, res);
  };
}
