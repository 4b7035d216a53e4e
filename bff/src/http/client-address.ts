import type http from 'node:http';
import proxyaddr from 'proxy-addr';
import type { Config } from '../config/config.js';

/** Distinct addresses whose trust is remembered (a gateway's few, and every client's "not a gateway"). */
const TRUST_MEMO_SIZE = 50_000;

/**
 * The client's address as every per-IP rule sees it. X-Forwarded-For is believed only as far as
 * the hops that appended to it are gateways of ours (TRUSTED_PROXIES): a client that reaches the
 * BFF directly cannot name an address for itself. Whether an address is a gateway is remembered,
 * so the read path parses no address twice.
 */
function clientAddress(trustedProxies: string[]): (req: http.IncomingMessage) => string {
  if (!trustedProxies.length) return (req) => req.socket.remoteAddress ?? '';
  const compiled = proxyaddr.compile(trustedProxies);
  let memo = new Map<string, boolean>();
  const trust = (address: string, hop: number): boolean => {
    let trusted = memo.get(address);
    if (trusted === undefined) {
      trusted = compiled(address, hop);
      if (memo.size >= TRUST_MEMO_SIZE) memo = new Map();
      memo.set(address, trusted);
    }
    return trusted;
  };
  return (req) => proxyaddr(req, trust);
}

const resolvers = new WeakMap<Pick<Config, 'trustedProxies'>, (req: http.IncomingMessage) => string>();

/** The one resolver of a configuration, shared by the Koa app and the fast paths (one memo, one compiled list). */
export function clientAddressOf(config: Pick<Config, 'trustedProxies'>): (req: http.IncomingMessage) => string {
  let resolve = resolvers.get(config);
  if (!resolve) {
    resolve = clientAddress(config.trustedProxies);
    resolvers.set(config, resolve);
  }
  return resolve;
}
