import type crypto from 'node:crypto';
import { rsaSign, rsaVerify } from './rsa.js';

/**
 * Baidu cashier (百度收银台) signatures as the emulator makes and checks them, written from Baidu's
 * documentation (签名与验签), not from the helper the platform uses: the parameters but the
 * signature fields, sorted by name, `k=v&…` unencoded, signed SHA1withRSA, base64.
 */

/**
 * `sign` and `sign_type` are excluded by the documentation;
 * `rsaSign` is the field the cashier carries the signature in.
 */
const SIGNATURE_FIELDS = new Set(['sign', 'sign_type', 'rsaSign']);

export function cashierSignContent(params: Record<string, string>): string {
  return Object.entries(params)
    .filter(([k]) => !SIGNATURE_FIELDS.has(k))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

export function cashierSign(params: Record<string, string>, privateKey: crypto.KeyLike): string {
  return rsaSign('RSA-SHA1', cashierSignContent(params), privateKey);
}

export function cashierVerify(params: Record<string, string>, signature: string, publicKey: crypto.KeyLike): boolean {
  return rsaVerify('RSA-SHA1', cashierSignContent(params), signature, publicKey);
}
