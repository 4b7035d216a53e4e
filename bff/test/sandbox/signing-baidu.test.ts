import crypto from 'node:crypto';
import { cashierSign, cashierSignContent, cashierVerify } from '../../src/sandbox/signing/baidu.js';
import { baiduSign, baiduSignContent, baiduVerify } from '../../src/shared/baidu-sign.js';

/**
 * The Baidu cashier's published example (签名与验签, 签名计算过程示例, computed with the example key
 * of 密钥生成), checked against the production helper and the emulator's own code alike. Read
 * through the copy of Baidu's smart-program documentation at
 * https://w3cschool.cn/baiduapp/baiduapp-d9273981.html (signing) and
 * https://w3cschool.cn/baiduapp/baiduapp-bmv73982.html (the example key).
 */
const DOC_PARAMS = { appKey: 'MMMabc', dealId: '470193086', tpOrderId: '3028903626', totalAmount: '11300' };
const DOC_CONTENT = 'appKey=MMMabc&dealId=470193086&totalAmount=11300&tpOrderId=3028903626';
const DOC_SIGNATURE =
  'TN0ZNPyQeTnPjCN5hUa7JwrXOhR8uDASXPazidVQHFSiGCH5aouBkVvJxtf8PeqzGYWAASwS2oOt2eJfunzC5dTFd/pWJeJ' +
  'ToMgCSgRY7KtQUCCDnMrtpqiMAf+dLiXps3HpWhVB4CK6MXfHc64ejP5a2fu5bg8B0BTcHrqaGc0=';
const DOC_PRIVATE_KEY = `-----BEGIN RSA PRIVATE KEY-----
MIICXQIBAAKBgQC6ZbnSK6EeCMFq3KUdp2hyd5ExvfPYy65berLkjm8eKX2swDq9
nF+bpCtM27+0pssRuoypaBIOTP3nf+Qpd1p8yP8kMQF3GbUy1t9kZzs0lqpGe7RZ
/7ehVKIyLlCEgm5cUMFGKyLH33XL1QcQkqAJjinbjgYjtvt1Ms+VCmmolwIDAQAB
AoGBAJ9H/HGHzOeAbd/masabXtqqKA3Ml4rECturTyGWQYgRxo4PumJ7NQwoTsQf
6IL0IQWmVzsQbpV/31yq4gs5Lb2MzXDAsfAWkj+Z4xCvApLyzCgrS9HomKl/PM4W
tZeCH7rYiqs2eTtqGlV/zBwKe5sUQJ7uTkSqePkGz9+WyVw5AkEA49tYgWlv2vkf
WPNq5Rv4ouPRBbNFCGJiWD5jBl2cGEhywfsEfZsqGzUPkgFI+rs4VPWyHzwUuVRU
bJhcfyBPJQJBANFrdvaFkiNdjpay+VRlMRgPkOB4wlXk+16RgX5tj5WJY/yKOEGI
k6T8tExXJuwzp2b/zqdqjGJYDawbBiOimgsCQEZyPGzWUlTbDMwNhhELktWZpbgj
csZi1JD/yNHhAy+mxoQevYawAFalEwlLCGsskwABbm6lvqqF3gwtFvve21kCQFQ3
RjDfCCTGs9ewg4nH49VMNTO//E60dc3S7+NaxdoZ1SayourftJgts4fbqGBmaVSH
XKCAvZGy3VSvzWk5M38CQQCozKD1ddDDrtE2gQKtKAjOzcvgJsell085f1cObc/C
pRG0IMfXcGi352IS5xbgJWnX+9UZwW5UppDJr6YKFA1K
-----END RSA PRIVATE KEY-----`;
const docPublicKey = crypto.createPublicKey(DOC_PRIVATE_KEY);

const implementations = [
  { side: 'production (shared/baidu-sign.ts)', content: baiduSignContent, sign: baiduSign, verify: baiduVerify },
  {
    side: 'emulator (sandbox/signing/baidu.ts)',
    content: cashierSignContent,
    sign: cashierSign,
    verify: cashierVerify,
  },
];

describe.each(implementations)('Baidu cashier rsaSign, $side', ({ content, sign, verify }) => {
  it('builds the documented sign content, leaving the signature field out', () => {
    expect(content(DOC_PARAMS)).toBe(DOC_CONTENT);
    expect(content({ ...DOC_PARAMS, rsaSign: DOC_SIGNATURE })).toBe(DOC_CONTENT);
  });

  it('signs the documented parameters to the documented signature with the example key', () => {
    expect(sign(DOC_PARAMS, DOC_PRIVATE_KEY)).toBe(DOC_SIGNATURE);
  });

  it('accepts the documented signature and refuses it over a changed amount', () => {
    expect(verify(DOC_PARAMS, DOC_SIGNATURE, docPublicKey)).toBe(true);
    expect(verify({ ...DOC_PARAMS, totalAmount: '1' }, DOC_SIGNATURE, docPublicKey)).toBe(false);
  });
});

describe('Baidu cashier rsaSign across the two sides', () => {
  const notify = {
    userId: '1234567890',
    orderId: '800020000001',
    tpOrderId: 'T1',
    payMoney: '2500',
    status: '2',
    promoDetail: '',
    returnData: '',
  };
  const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });

  it('what the emulator signs, production verifies, and the other way round', () => {
    expect(baiduVerify(notify, cashierSign(notify, privateKey), publicKey)).toBe(true);
    expect(cashierVerify(notify, baiduSign(notify, privateKey), publicKey)).toBe(true);
  });

  it('both refuse a notify changed after signing', () => {
    const tampered = { ...notify, payMoney: '1' };
    expect(baiduVerify(tampered, cashierSign(notify, privateKey), publicKey)).toBe(false);
    expect(cashierVerify(tampered, baiduSign(notify, privateKey), publicKey)).toBe(false);
  });
});
