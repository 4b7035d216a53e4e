import type http from 'node:http';
import proxyaddr from 'proxy-addr';

/**
 * The client's address as every per-IP rule sees it. X-Forwarded-For is believed only as far as
 * the hops that appended to it are gateways of ours (TRUSTED_PROXIES): a client that reaches the
 * BFF directly cannot name an address for itself.
 */
export function clientAddress(trustedProxies: string[]): (req: http.IncomingMessage) => string {
  if (!trustedProxies.length) return (req) => req.socket.remoteAddress ?? '';
  const trust = proxyaddr.compile(trustedProxies);
  return (req) => proxyaddr(req, trust);
}
