import crypto from 'node:crypto';
import { AlipaySdk } from 'alipay-sdk';
import { notifySignContent, requestSignContent, signRsa2, verifyRsa2 } from '../../src/sandbox/signing/alipay.js';

/**
 * Alipay RSA2, checked against the production side (alipay-sdk, as the platform's channel and
 * login use it) and the emulator's own signing/alipay.ts alike.
 *
 * The documented example of 自行实现签名 (筛选并排序 → 拼接): a request's parameters and the string
 * to sign they give. Alipay publishes no private key for it, so its signature cannot be checked;
 * the string is. Read through the repost of Alipay's open-platform page (自行实现签名) at
 * https://juejin.cn/post/6844903816484110349
 */
const MENU =
  '{"button":[{"actionParam":"ZFB_HFCZ","actionType":"out","name":"话费充值"},' +
  '{"name":"查询","subButton":[{"actionParam":"ZFB_YECX","actionType":"out","name":"余额查询"},' +
  '{"actionParam":"ZFB_LLCX","actionType":"out","name":"流量查询"},' +
  '{"actionParam":"ZFB_HFCX","actionType":"out","name":"话费查询"}]},' +
  '{"actionParam":"http://m.alipay.com","actionType":"link","name":"最新优惠"}]}';
const DOC_PARAMS: Record<string, string> = {
  app_id: '2014072300007148',
  method: 'alipay.mobile.public.menu.add',
  charset: 'GBK',
  sign_type: 'RSA2',
  timestamp: '2014-07-24 03:07:50',
  biz_content: MENU,
  sign:
    'e9zEAe4TTQ4LPLQvETPoLGXTiURcxiAKfMVQ6Hrrsx2hmyIEGvSfAQzbLxHrhyZ48wOJXTsD4FPnt+YGdK57+fP1BCbf9rIV' +
    'ycfjhYCqlFhbTu9pFnZgT55W+xbAFb9y7vL0MyAxwXUXvZtQVqEwW7pURtKilbcBTEW7TAxzgro=',
  version: '1.0',
};
const DOC_CONTENT = [
  'app_id=2014072300007148',
  `biz_content=${MENU}`,
  'charset=GBK',
  'method=alipay.mobile.public.menu.add',
  'sign_type=RSA2',
  'timestamp=2014-07-24 03:07:50',
  'version=1.0',
].join('&');

const pem = () => {
  const k = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    privateKey: k.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKey: k.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
};
const app = pem();
const platform = pem();
/** The merchant's side: signs with the app key, checks Alipay's signatures with the platform key. */
const sdk = new AlipaySdk({
  appId: '2014072300007148',
  privateKey: app.privateKey,
  alipayPublicKey: platform.publicKey,
  keyType: 'PKCS8',
  signType: 'RSA2',
});
const independentSign = (content: string, key: string) =>
  crypto.createSign('RSA-SHA256').update(content, 'utf8').sign(key, 'base64');

describe('Alipay RSA2: the documented string to sign', () => {
  it('the emulator builds it from the documented parameters (sign left out, sign_type kept)', () => {
    expect(requestSignContent(Object.entries(DOC_PARAMS))).toBe(DOC_CONTENT);
    expect(requestSignContent(Object.entries({ ...DOC_PARAMS, notify_url: '' }))).toBe(DOC_CONTENT);
  });

  it('both sides accept a signature made over the documented string, and refuse it over other parameters', () => {
    const sign = independentSign(DOC_CONTENT, platform.privateKey);
    expect(sdk.checkNotifySignV2({ ...DOC_PARAMS, sign })).toBe(true);
    expect(sdk.checkNotifySignV2({ ...DOC_PARAMS, sign, version: '2.0' })).toBe(false);
    expect(verifyRsa2(requestSignContent(Object.entries(DOC_PARAMS)), sign, platform.publicKey)).toBe(true);
    expect(
      verifyRsa2(requestSignContent(Object.entries({ ...DOC_PARAMS, version: '2.0' })), sign, platform.publicKey),
    ).toBe(false);
  });
});

describe('Alipay RSA2 across the two sides', () => {
  it('the emulator verifies a request the SDK signed, and refuses it changed', () => {
    const signed = new URLSearchParams(
      sdk.sdkExecute('alipay.trade.query', { bizContent: { out_trade_no: 'A20240101000001' } }),
    );
    const params = [...signed.entries()];
    expect(verifyRsa2(requestSignContent(params), signed.get('sign')!, app.publicKey)).toBe(true);
    const changed = params.map(([k, v]) => [k, k === 'biz_content' ? v.replace('0001', '0002') : v] as const);
    expect(verifyRsa2(requestSignContent(changed), signed.get('sign')!, app.publicKey)).toBe(false);
  });

  it('the SDK verifies a notify the emulator signed (sign_type not in the content), and refuses it changed', () => {
    const fields: Record<string, string> = {
      notify_time: '2024-01-01 12:00:00',
      notify_type: 'trade_status_sync',
      notify_id: 'ac05099524730693a8b330c5ecf72da9786',
      app_id: '2014072300007148',
      charset: 'utf-8',
      version: '1.0',
      sign_type: 'RSA2',
      trade_no: '2024010122001400000000000001',
      out_trade_no: 'A20240101000001',
      trade_status: 'TRADE_SUCCESS',
      total_amount: '25.00',
    };
    expect(notifySignContent(fields)).not.toContain('sign_type=');
    const sign = signRsa2(notifySignContent(fields), platform.privateKey);
    expect(sdk.checkNotifySignV2({ ...fields, sign })).toBe(true);
    expect(sdk.checkNotifySignV2({ ...fields, sign, total_amount: '0.01' })).toBe(false);
  });

  it('the SDK verifies an answer signed over the exact text of its _response member, and refuses it changed', () => {
    const text = JSON.stringify({
      code: '40004',
      msg: 'Business Failed',
      sub_code: 'ACQ.TRADE_NOT_EXIST',
      sub_msg: '交易不存在',
    });
    const raw = `{"alipay_trade_query_response":${text},"sign":"${signRsa2(text, platform.privateKey)}"}`;
    const sign = (JSON.parse(raw) as { sign: string }).sign;
    expect(sdk.rsaCheck(sdk.getSignStr(raw, 'alipay_trade_query_response'), sign, 'RSA2')).toBe(true);
    expect(
      sdk.rsaCheck(
        sdk.getSignStr(raw.replace('交易不存在', '交易已关闭'), 'alipay_trade_query_response'),
        sign,
        'RSA2',
      ),
    ).toBe(false);
  });
});
