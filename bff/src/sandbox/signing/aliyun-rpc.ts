import crypto from 'node:crypto';

/**
 * Aliyun RPC-style signatures (SignatureMethod HMAC-SHA1, SignatureVersion 1.0) as the emulators
 * check them, written from Alibaba Cloud's documentation (签名机制), not from the SDK the platform uses.
 */

/** RFC 3986 percent-encoding as the RPC signature defines it: only A–Z a–z 0–9 - _ . ~ stay as they are. */
export const percentEncode = (s: string): string =>
  encodeURIComponent(s)
    .replace(/!/g, '%21')
    .replace(/'/g, '%27')
    .replace(/\(/g, '%28')
    .replace(/\)/g, '%29')
    .replace(/\*/g, '%2A');

/** `METHOD&%2F&encode(k=v&…)` over every parameter but Signature, names and values encoded, sorted by name. */
export function rpcStringToSign(method: string, params: Map<string, string>): string {
  const canonical = [...params.entries()]
    .filter(([k]) => k !== 'Signature')
    .map(([k, v]) => [percentEncode(k), percentEncode(v)] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  return `${method}&${percentEncode('/')}&${percentEncode(canonical)}`;
}

/** Base64(HMAC-SHA1) of the string to sign under the key `AccessKeySecret&`. */
export function rpcSignature(method: string, params: Map<string, string>, secret: string): string {
  return crypto.createHmac('sha1', `${secret}&`).update(rpcStringToSign(method, params), 'utf8').digest('base64');
}
