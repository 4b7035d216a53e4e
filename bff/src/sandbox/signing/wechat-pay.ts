import crypto from 'node:crypto';
import { rsaSign, rsaVerify } from './rsa.js';

/**
 * WeChat Pay APIv3 signatures as the emulator makes and checks them, written from the channel's
 * documentation (签名生成 / 签名验证 / 证书和回调报文解密), not from the SDK the platform uses.
 */

export const AUTH_SCHEME = 'WECHATPAY2-SHA256-RSA2048';

/** The five lines a merchant signs a request over: method, path with query, timestamp, nonce, body. */
export function requestSignatureMessage(
  method: string,
  pathAndQuery: string,
  timestamp: string,
  nonce: string,
  body: string,
): string {
  return `${method}\n${pathAndQuery}\n${timestamp}\n${nonce}\n${body}\n`;
}

/** The three lines WeChat Pay signs an answer or a notify over. */
export function platformSignatureMessage(timestamp: string, nonce: string, body: string): string {
  return `${timestamp}\n${nonce}\n${body}\n`;
}

export interface RequestAuthorization {
  mchid: string | undefined;
  serialNo: string | undefined;
  timestamp: string | undefined;
  nonce: string | undefined;
  signature: string | undefined;
}

/**
 * The fields of `WECHATPAY2-SHA256-RSA2048
 * mchid="…",nonce_str="…",timestamp="…",serial_no="…",signature="…"` (any order); null for another scheme.
 */
export function parseAuthorization(header: string): RequestAuthorization | null {
  const m = new RegExp(`^${AUTH_SCHEME}\\s+(.+)$`).exec(header);
  if (!m) return null;
  const fields = new Map([...m[1]!.matchAll(/(\w+)="([^"]*)"/g)].map((f) => [f[1]!, f[2]!]));
  return {
    mchid: fields.get('mchid'),
    serialNo: fields.get('serial_no'),
    timestamp: fields.get('timestamp'),
    nonce: fields.get('nonce_str'),
    signature: fields.get('signature'),
  };
}

export const signSha256Rsa = (message: string, privateKey: crypto.KeyLike): string =>
  rsaSign('RSA-SHA256', message, privateKey);

export const verifySha256Rsa = (message: string, signature: string, publicKey: crypto.KeyLike): boolean =>
  rsaVerify('RSA-SHA256', message, signature, publicKey);

/** The `Wechatpay-*` headers of an answer or notify, signed with the platform key. */
export function platformSignatureHeaders(
  body: string,
  at: number,
  privateKey: crypto.KeyLike,
  publicKeyId: string,
): Record<string, string> {
  const timestamp = String(Math.floor(at / 1000));
  const nonce = crypto.randomBytes(16).toString('hex').toUpperCase();
  return {
    'wechatpay-timestamp': timestamp,
    'wechatpay-nonce': nonce,
    'wechatpay-serial': publicKeyId,
    'wechatpay-signature': signSha256Rsa(platformSignatureMessage(timestamp, nonce, body), privateKey),
    'wechatpay-signature-type': AUTH_SCHEME,
  };
}

export interface SealedResource {
  original_type: string;
  algorithm: 'AEAD_AES_256_GCM';
  ciphertext: string;
  associated_data: string;
  nonce: string;
}

/**
 * AEAD_AES_256_GCM as a notify's `resource` carries it: the 32-character APIv3 key and the
 * 12-character nonce are used as their UTF-8 bytes, the ciphertext is base64(encrypted ‖ 16-byte tag).
 */
export function sealResource(
  apiV3Key: string,
  plaintext: string,
  associatedData: string,
  originalType: string,
  nonce = randomNonce(),
): SealedResource {
  const cipher = crypto.createCipheriv('aes-256-gcm', Buffer.from(apiV3Key, 'utf8'), Buffer.from(nonce, 'utf8'));
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const sealed = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return {
    original_type: originalType,
    algorithm: 'AEAD_AES_256_GCM',
    ciphertext: sealed.toString('base64'),
    associated_data: associatedData,
    nonce,
  };
}

const NONCE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomNonce(): string {
  return Array.from(crypto.randomBytes(12), (b) => NONCE_ALPHABET[b % NONCE_ALPHABET.length]).join('');
}
