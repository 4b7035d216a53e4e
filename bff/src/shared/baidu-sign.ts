import crypto from 'node:crypto';
import { sortedSignContent } from './sign-content.js';

/**
 * Baidu cashier (百度收银台) signatures: every parameter but `rsaSign` and `sign`, sorted by name,
 * written `k=v&k=v` without encoding, signed SHA1withRSA and sent in base64. The developer signs
 * orderInfo with its own key; Baidu signs notifies with its platform key (平台公钥 verifies them).
 */
export const baiduSignContent = (params: Record<string, string>): string =>
  sortedSignContent(params, ['rsaSign', 'sign']);

export function baiduSign(params: Record<string, string>, privateKey: crypto.KeyLike): string {
  return crypto.createSign('RSA-SHA1').update(baiduSignContent(params), 'utf8').sign(privateKey, 'base64');
}

export function baiduVerify(params: Record<string, string>, signature: string, publicKey: crypto.KeyLike): boolean {
  try {
    return crypto
      .createVerify('RSA-SHA1')
      .update(baiduSignContent(params), 'utf8')
      .verify(publicKey, signature, 'base64');
  } catch {
    return false;
  }
}
