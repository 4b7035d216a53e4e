import type crypto from 'node:crypto';
import { rsaSign, rsaVerify } from './rsa.js';

/**
 * Alipay open platform RSA2 (SHA256withRSA, base64) as the emulator makes and checks it, written
 * from Alipay's documentation (自行实现签名 / 异步通知验签), not from the SDK the platform uses.
 */

/** A request's sign content: every parameter but `sign`, empty values dropped, sorted by name, `k=v&…` unencoded. */
export function requestSignContent(params: Iterable<readonly [string, string]>): string {
  return joinSorted([...params].filter(([k, v]) => k !== 'sign' && v !== ''));
}

/**
 * A notify's sign content: every parameter Alipay sent but `sign` and `sign_type`, sorted by name, `k=v&…` unencoded.
 */
export function notifySignContent(params: Record<string, string>): string {
  return joinSorted(Object.entries(params).filter(([k]) => k !== 'sign' && k !== 'sign_type'));
}

export const signRsa2 = (content: string, privateKey: crypto.KeyLike): string =>
  rsaSign('RSA-SHA256', content, privateKey);

export const verifyRsa2 = (content: string, signature: string, publicKey: crypto.KeyLike): boolean =>
  rsaVerify('RSA-SHA256', content, signature, publicKey);

/** Ascending by the names' character codes, as the documentation's ASCII order asks. */
function joinSorted(entries: (readonly [string, string])[]): string {
  return entries
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}
