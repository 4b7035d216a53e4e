import type http from 'node:http';
import type { Config } from '../config/config.js';
import { fromGatewayOf } from './client-address.js';

/** A gateway's stamp older than this is not believed (its clock is off, or the header was kept from elsewhere). */
export const REQUEST_START_MAX_AGE_MS = 60_000;

/**
 * The header a gateway sets when it first reads a request, as nginx (`proxy_set_header
 * X-Request-Start "t=${msec}"`) and other load balancers write it: `t=` and the time in seconds,
 * milliseconds or microseconds since the epoch. Returns milliseconds, or undefined when unreadable.
 */
export function parseRequestStart(header: string | undefined): number | undefined {
  if (!header) return undefined;
  const text = header.startsWith('t=') ? header.slice(2) : header;
  if (!/^\d+(\.\d+)?$/.test(text)) return undefined;
  const value = Number(text);
  if (value < 1e11) return value * 1000; // seconds (nginx's ${msec})
  if (value < 1e14) return value; // milliseconds
  return value / 1000; // microseconds
}

/**
 * When a request arrived. On a busy server a request can wait in the connection's queue before the
 * event loop first sees it; a gateway of ours (TRUSTED_PROXIES) saw it earlier and says so in
 * X-Request-Start, which is believed from a gateway only and only as far back as
 * REQUEST_START_MAX_AGE_MS. Anyone else's request arrived when it is read.
 */
export function requestStartOf(
  config: Pick<Config, 'trustedProxies'>,
): (req: http.IncomingMessage, now: number) => number {
  if (!config.trustedProxies.length) return (_req, now) => now;
  const fromGateway = fromGatewayOf(config);
  return (req, now) => {
    const header = req.headers['x-request-start'];
    if (typeof header !== 'string' || !fromGateway(req)) return now;
    const stamped = parseRequestStart(header);
    if (stamped === undefined || stamped < now - REQUEST_START_MAX_AGE_MS) return now;
    return Math.min(stamped, now);
  };
}
