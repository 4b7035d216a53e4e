import crypto from 'node:crypto';

/** RSASSA-PKCS1-v1_5, base64: SHA256withRSA (WeChat Pay, Alipay RSA2) or SHA1withRSA (Baidu cashier). */
export type RsaDigest = 'RSA-SHA256' | 'RSA-SHA1';

export function rsaSign(digest: RsaDigest, message: string, privateKey: crypto.KeyLike): string {
  return crypto.createSign(digest).update(message, 'utf8').sign(privateKey, 'base64');
}

/** False for a wrong signature and for one that cannot be read (bad base64, wrong key type). */
export function rsaVerify(digest: RsaDigest, message: string, signature: string, publicKey: crypto.KeyLike): boolean {
  try {
    return crypto.createVerify(digest).update(message, 'utf8').verify(publicKey, signature, 'base64');
  } catch {
    return false;
  }
}
