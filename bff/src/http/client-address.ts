import type http from 'node:http';
import proxyaddr from 'proxy-addr';
import type { Config } from '../config/config.js';

/** Distinct addresses whose trust is remembered (a gateway's few, and every client's "not a gateway"). */
const TRUST_MEMO_SIZE = 50_000;

type Trust = (address: string, hop: number) => boolean;

/** Whether an address is one of our gateways (TRUSTED_PROXIES), remembered so no address is parsed twice. */
function gatewayTrust(trustedProxies: string[]): Trust {
  if (!trustedProxies.length) return () => false;
  const compiled = proxyaddr.compile(trustedProxies);
  let memo = new Map<string, boolean>();
  return (address, hop) => {
    let trusted = memo.get(address);
    if (trusted === undefined) {
      trusted = compiled(address, hop);
      if (memo.size >= TRUST_MEMO_SIZE) memo = new Map();
      memo.set(address, trusted);
    }
    return trusted;
  };
}

interface Resolver {
  /** Whether the connection's peer is a gateway of ours, so the headers it sets may be believed. */
  fromGateway: (req: http.IncomingMessage) => boolean;
  clientAddress: (req: http.IncomingMessage) => string;
}

function resolverOf(trustedProxies: string[]): Resolver {
  if (!trustedProxies.length) {
    return { fromGateway: () => false, clientAddress: (req) => req.socket.remoteAddress ?? '' };
  }
  const trust = gatewayTrust(trustedProxies);
  return {
    fromGateway: (req) => trust(req.socket.remoteAddress ?? '', 0),
    clientAddress: (req) => proxyaddr(req, trust),
  };
}

const resolvers = new WeakMap<Pick<Config, 'trustedProxies'>, Resolver>();

function resolver(config: Pick<Config, 'trustedProxies'>): Resolver {
  let r = resolvers.get(config);
  if (!r) {
    r = resolverOf(config.trustedProxies);
    resolvers.set(config, r);
  }
  return r;
}

/**
 * The client's address as every per-IP rule sees it. X-Forwarded-For is believed only as far as
 * the hops that appended to it are gateways of ours (TRUSTED_PROXIES): a client that reaches the
 * BFF directly cannot name an address for itself. One resolver per configuration, shared by the
 * Koa app and the fast paths (one memo, one compiled list).
 */
export function clientAddressOf(config: Pick<Config, 'trustedProxies'>): (req: http.IncomingMessage) => string {
  return resolver(config).clientAddress;
}

/** Whether a request came straight from one of our gateways (its peer is in TRUSTED_PROXIES). */
export function fromGatewayOf(config: Pick<Config, 'trustedProxies'>): (req: http.IncomingMessage) => boolean {
  return resolver(config).fromGateway;
}
