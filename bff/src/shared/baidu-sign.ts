import crypto from 'node:crypto';

/**
 * Baidu cashier (百度收银台) signatures: every parameter but `rsaSign` and `sign`, sorted by name,
 * written `k=v&k=v` without encoding, signed SHA1withRSA and sent in base64. The developer signs
 * orderInfo with its own key; Baidu signs notifies with its platform key (平台公钥 verifies them).
 */
export function baiduSignContent(params: Record<string, string>): string {
  return Object.keys(params)
    .filter((k) => k !== 'rsaSign' && k !== 'sign')
    .sort()
    .map((k) => `${k}=${params[k]}`)
    .join('&');
}

export function baiduSign(params: Record<string, string>, privateKey: crypto.KeyLike): string {
  return crypto.createSign('RSA-SHA1').update(baiduSignContent(params), 'utf8').sign(privateKey, 'base64');
}

export function baiduVerify(params: Record<string, string>, signature: string, publicKey: crypto.KeyLike): boolean {
  try {
    return crypto.createVerify('RSA-SHA1').update(baiduSignContent(params), 'utf8').verify(publicKey, signature, 'base64');
  } catch {
    return false;
  }
}
