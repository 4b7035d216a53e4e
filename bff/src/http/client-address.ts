import type http from 'node:http';
import proxyaddr from 'proxy-addr';

/** Distinct addresses whose trust is remembered (a gateway's few, and every client's "not a gateway"). */
const TRUST_MEMO_SIZE = 50_000;

/**
 * The client's address as every per-IP rule sees it. X-Forwarded-For is believed only as far as
 * the hops that appended to it are gateways of ours (TRUSTED_PROXIES): a client that reaches the
 * BFF directly cannot name an address for itself. Whether an address is a gateway is remembered,
 * so the read path parses no address twice.
 */
export function clientAddress(trustedProxies: string[]): (req: http.IncomingMessage) => string {
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
