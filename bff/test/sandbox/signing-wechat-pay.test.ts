import crypto from 'node:crypto';
import WxPay from 'wechatpay-node-v3';
import { decryptResource } from '../../src/pay/wechat/aead.js';
import {
  parseAuthorization,
  platformSignatureHeaders,
  requestSignatureMessage,
  sealResource,
  signSha256Rsa,
  verifySha256Rsa,
} from '../../src/sandbox/signing/wechat-pay.js';

/**
 * Known answers for WeChat Pay APIv3, checked against the production side (the SDK the platform
 * signs with, and pay/wechat/aead.ts) and the emulator's own signing/wechat-pay.ts alike.
 */

// The request signature message of the walk-through in WeChat Pay's APIv3 签名生成 guide
// (GET /v3/certificates, no body, timestamp 1554208460, nonce 593BEC0C…), five lines each ending
// in \n; the same timestamp and nonce build a refund query's message on WeChat Pay's page
// https://developers.weixin.qq.com/community/pay/doc/000c82beeb43c0826d0337abe68400
const DOC_TIMESTAMP = '1554208460';
const DOC_NONCE = '593BEC0C930BF1AFEB40B4A08C8FB242';
const DOC_MESSAGE = 'GET\n/v3/certificates\n1554208460\n593BEC0C930BF1AFEB40B4A08C8FB242\n\n';

// WeChat Pay publishes no private key for its documentation's signatures. Its official Go SDK
// publishes a test key and the SHA256withRSA signature of "source" under it:
// https://github.com/wechatpay-apiv3/wechatpay-go/blob/main/utils/sign_test.go
const SDK_TEST_KEY = `-----BEGIN PRIVATE KEY-----
MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQDZUJN33V+dSfvd
fL0Mu+39XrZNXFFMQSy1V15FpncHeV47SmV0TzTqZc7hHB0ddqAdDi8Z5k3TKqb7
6sOwYr5TcAfuR6PIPaleyE0/0KrljBum2Isa2Nyq7Dgc3ElBQ6YN4l/a+DpvKaz1
FSKmKrhLNskqokWVSlu4g8OlKlbPXQ9ibII14MZRQrrkTmHYHzfi7GXXM0thAKuR
0HNvyhTHBh4/lrYM3GaMvmWwkwvsMavnOex6+eioZHBOb1/EIZ/LzC6zuHArPpyW
3daGaZ1rtQB1vVzTyERAVVFsXXgBHvfFud3w3ShsJYk8JvMwK2RpJ5/gV0QSARcm
LDRUAlPzAgMBAAECggEBAMc7rDeUaXiWv6bMGbZ3BTXpg1FhdddnWUnYE8HfX/km
OFI7XtBHXcgYFpcjYz4D5787pcsk7ezPidAj58zqenuclmjKnUmT3pfbI5eCA2v4
C9HnbYDrmUPK1ZcADtka4D6ScDccpNYNa1g2TFHzkIrEa6H+q7S3O2fqxY/DRVtN
0JIXalBb8daaqL5QVzSmM2BMVnHy+YITJWIkP2a3pKs9C0W65JGDsnG0wVrHinHF
+cnhFZIbaPEI//DAFMc9NkrWOKVRTEgcCUxCFaHOZVNxDWZD7A2ZfJB2rK6eg//y
gEiFDR2h6mTaDowMB4YF2n2dsIO4/dCG8vPHI20jn4ECgYEA/ZGu6lEMlO0XZnam
AZGtiNgLcCfM/C2ZERZE7QTRPZH1WdK92Al9ndldsswFw4baJrJLCmghjF/iG4zi
hhBvLnOLksnZUfjdumxoHDWXo2QBWbI5QsWIE7AuTiWgWj1I7X4fCXSQf6i+M/y2
6TogQ7d0ANpZFyOkTNMn/tiJvLECgYEA22XqlamG/yfAGWery5KNH2DGlTIyd6xJ
WtJ9j3jU99lZ0bCQ5xhiBbU9ImxCi3zgTsoqLWgA/p00HhNFNoUcTl9ofc0G3zwT
D1y0ZzcnVKxGJdZ6ohW52V0hJStAigtjYAsUgjm7//FH7PiQDBDP1Wa6xSRkDQU/
aSbQxvEE8+MCgYEA3bb8krW7opyM0XL9RHH0oqsFlVO30Oit5lrqebS0oHl3Zsr2
ZGgoBlWBsEzk3UqUhTFwm/DhJLTSJ/TQPRkxnhQ5/mewNhS9C7yua7wQkzVmWN+V
YeUGTvDGDF6qDz12/vJAgSwDDRym8x4NcXD5tTw7mmNRcwIfL22SkysThIECgYAV
BgccoEoXWS/HP2/u6fQr9ZIR6eV8Ij5FPbZacTG3LlS1Cz5XZra95UgebFFUHHtC
EY1JHJY7z8SWvTH8r3Su7eWNaIAoFBGffzqqSVazfm6aYZsOvRY6BfqPHT3p/H1h
Tq6AbBffxrcltgvXnCTORjHPglU0CjSxVs7awW3AEQKBgB5WtaC8VLROM7rkfVIq
+RXqE5vtJfa3e3N7W3RqxKp4zHFAPfr82FK5CX2bppEaxY7SEZVvVInKDc5gKdG/
jWNRBmvvftZhY59PILHO2X5vO4FXh7suEjy6VIh0gsnK36mmRboYIBGsNuDHjXLe
BDa+8mDLkWu5nHEhOxy2JJZl
-----END PRIVATE KEY-----`;
const SDK_TEST_SIGNATURE_OF_SOURCE =
  'BKyAfU4iMCuvXMXS0Wzam3V/cnxZ+JaqigPM5OhljS2iOT95OO6Fsuml2JkFANJU9K6q9bLlDhPXuoVz+pp4hAm6' +
  'pHU4ld815U4jsKu1RkyaII+1CYBUYC8TK0XtJ8FwUXXz8vZHh58rrAVN1XwNyvD1vfpxrMT4SL536GLwvpUHlCqI' +
  'MzoZUguLli/K8V29QiOhuH6IEqLNJn8e9b3nwNcQ7be3CzYGpDAKBfDGPCqCv8Rw5zndhlffk2FEA70G4hvMwe51' +
  'qMN/RAJbknXG23bSlObuTCN7Ndj1aJGH6/L+hdwfLpUtJm4QYVazzW7DFD27EpSQEqA8bX9+8m1rLg==';

// AEAD_AES_256_GCM with an APIv3 key, nonce and associated data as UTF-8 text, from WeChat Pay's
// official Java SDK (API_V3_KEY in TestConfig.java):
// https://github.com/wechatpay-apiv3/wechatpay-java (branch main), the file
// core/src/test/java/com/wechat/pay/java/core/cipher/AeadAesCipherTest.java
const AEAD = {
  apiV3Key: 'a7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb',
  nonce: 'uluk4a9R25RW',
  associatedData: 'associatedData',
  plaintext: 'message',
  ciphertext: 'ulwSiIajGClcvcOYvOQ7+l+0PAbzzwI=',
};

const publicKeyOf = (pem: string) => crypto.createPublicKey(pem).export({ type: 'spki', format: 'pem' }).toString();

/** The SDK keeps its verification keys in a protected static map, as the production channel fills it. */
class TrustingPay extends WxPay {
  static trust(id: string, pem: string): void {
    WxPay.certificates = { ...WxPay.certificates, [id]: pem };
  }
}

const sdkWith = (privateKey: string) =>
  new TrustingPay({
    appid: 'wx8888888888888888',
    mchid: '1900009191',
    serial_no: '1DDE55AD98ED71D6EDD4A4A16996DE7B47773A8C',
    publicKey: Buffer.from(publicKeyOf(privateKey)),
    privateKey: Buffer.from(privateKey),
  });

describe('WeChat Pay APIv3 signatures: known answers, production and emulator', () => {
  it('both sign the SDK-published vector to its published signature', () => {
    expect(sdkWith(SDK_TEST_KEY).sha256WithRsa('source')).toBe(SDK_TEST_SIGNATURE_OF_SOURCE);
    expect(signSha256Rsa('source', SDK_TEST_KEY)).toBe(SDK_TEST_SIGNATURE_OF_SOURCE);
  });

  it('both build the documented request message: the SDK signs exactly what the emulator checks', () => {
    expect(requestSignatureMessage('GET', '/v3/certificates', DOC_TIMESTAMP, DOC_NONCE, '')).toBe(DOC_MESSAGE);
    // PKCS#1 v1.5 is deterministic: equal signatures under one key mean equal messages.
    expect(sdkWith(SDK_TEST_KEY).getSignature('GET', DOC_NONCE, DOC_TIMESTAMP, '/v3/certificates', '')).toBe(
      signSha256Rsa(DOC_MESSAGE, SDK_TEST_KEY),
    );
    const body = JSON.stringify({ mchid: '1900009191' });
    expect(
      sdkWith(SDK_TEST_KEY).getSignature(
        'POST',
        DOC_NONCE,
        DOC_TIMESTAMP,
        '/v3/pay/transactions/out-trade-no/A1/close',
        body,
      ),
    ).toBe(
      signSha256Rsa(
        `POST\n/v3/pay/transactions/out-trade-no/A1/close\n${DOC_TIMESTAMP}\n${DOC_NONCE}\n${body}\n`,
        SDK_TEST_KEY,
      ),
    );
  });

  it('the emulator reads and verifies the Authorization header the SDK writes; a changed request is refused', () => {
    const sdk = sdkWith(SDK_TEST_KEY);
    const header = sdk.getAuthorization(
      DOC_NONCE,
      DOC_TIMESTAMP,
      sdk.getSignature('GET', DOC_NONCE, DOC_TIMESTAMP, '/v3/certificates', ''),
    );
    const auth = parseAuthorization(header);
    expect(auth).toEqual({
      mchid: '1900009191',
      serialNo: '1DDE55AD98ED71D6EDD4A4A16996DE7B47773A8C',
      timestamp: DOC_TIMESTAMP,
      nonce: DOC_NONCE,
      signature: expect.any(String),
    });
    expect(verifySha256Rsa(DOC_MESSAGE, auth!.signature!, publicKeyOf(SDK_TEST_KEY))).toBe(true);
    expect(
      verifySha256Rsa(DOC_MESSAGE.replace('certificates', 'certificatez'), auth!.signature!, publicKeyOf(SDK_TEST_KEY)),
    ).toBe(false);
    expect(parseAuthorization(header.replace('WECHATPAY2-SHA256-RSA2048', 'WECHATPAY2-SHA256-RSA1024'))).toBeNull();
  });

  it('the SDK verifies what the emulator signs with the platform key, and refuses a changed body', async () => {
    const platform = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
    const platformPem = platform.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const keyId = 'PUB_KEY_ID_0114232134912410000000000000';
    TrustingPay.trust(keyId, publicKeyOf(platformPem));
    const body = JSON.stringify({ code: 'ORDER_NOT_EXIST', message: '订单不存在' });
    const h = platformSignatureHeaders(body, Date.now(), platformPem, keyId);
    const signed = {
      timestamp: h['wechatpay-timestamp']!,
      nonce: h['wechatpay-nonce']!,
      serial: h['wechatpay-serial']!,
      signature: h['wechatpay-signature']!,
    };
    const sdk = sdkWith(SDK_TEST_KEY);
    expect(await sdk.verifySign({ ...signed, body })).toBe(true);
    expect(await sdk.verifySign({ ...signed, body: body.replace('不存在', '已支付') })).toBe(false);
  });

  it('AEAD_AES_256_GCM: the emulator seals the published vector, production opens it and refuses it altered', () => {
    expect(sealResource(AEAD.apiV3Key, AEAD.plaintext, AEAD.associatedData, 'transaction', AEAD.nonce).ciphertext).toBe(
      AEAD.ciphertext,
    );
    const resource = { ciphertext: AEAD.ciphertext, associated_data: AEAD.associatedData, nonce: AEAD.nonce };
    expect(decryptResource(AEAD.apiV3Key, resource)).toBe(AEAD.plaintext);
    expect(() => decryptResource(AEAD.apiV3Key, { ...resource, associated_data: 'transaction' })).toThrow();
    const altered = Buffer.from(AEAD.ciphertext, 'base64');
    altered[0]! ^= 1;
    expect(() => decryptResource(AEAD.apiV3Key, { ...resource, ciphertext: altered.toString('base64') })).toThrow();
  });
});
