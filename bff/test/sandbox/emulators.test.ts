import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import RPCClient from '@alicloud/pop-core';
import { ConfigError, loadConfig, type Config } from '../../src/config/config.js';
import type { TravelDocument } from '../../src/identity/idv/verifier.js';
import { foreignResidence2023 } from '../support/documents.js';
import { AliyunIdentityVerifier } from '../../src/identity/idv/aliyun-idv.js';
import { AlipayLogin } from '../../src/identity/login/alipay.js';
import { BaiduLogin } from '../../src/identity/login/baidu.js';
import { WechatLogin } from '../../src/identity/login/wechat.js';
import { AliyunSmsSender } from '../../src/identity/sms/aliyun-sms.js';
import { rpcSignature } from '../../src/sandbox/signing/aliyun-rpc.js';
import { sandboxCredentials } from '../../src/sandbox/credentials.js';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/server.js';
import { ManualClock } from '../../src/shared/clock.js';
import { AppError } from '../../src/shared/errors.js';
import { createLogger } from '../../src/shared/logger.js';
import { makeIdNumber, makePhone } from '../support/identity.js';

const logger = createLogger('silent');
const codeOf = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p;
    return 'resolved';
  } catch (e) {
    return e instanceof AppError ? e.code : `unexpected: ${(e as Error).message}`;
  }
};

describe('sandbox emulators (real clients over loopback)', () => {
  let dataDir: string;
  let config: Config;
  let sandbox: RunningSandbox;
  let clock: ManualClock;
  let deadUrl: string;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cityhealth-sandbox-'));
    config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir });
    clock = new ManualClock();
    sandbox = await startSandbox({ port: 0, credentials: sandboxCredentials(config), clock });
    const dead = await startSandbox({ port: 0, credentials: sandboxCredentials(config) });
    deadUrl = dead.url;
    await dead.close();
  });
  afterAll(async () => {
    await sandbox.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const p = () => config.providers;

  describe('WeChat jscode2session', () => {
    const wechat = (o: Partial<{ appId: string; secret: string; apiBase: string }> = {}) =>
      new WechatLogin({
        apiBase: `${sandbox.url}/wechat`,
        appId: p().wechat.appId,
        secret: p().wechat.secret,
        logger,
        ...o,
      });

    it('answers errors as HTTP 200 with errcode/errmsg', async () => {
      const q = (params: Record<string, string>) =>
        fetch(`${sandbox.url}/wechat/sns/jscode2session?${new URLSearchParams(params)}`);
      const base = {
        appid: p().wechat.appId,
        secret: p().wechat.secret,
        js_code: 'nope',
        grant_type: 'authorization_code',
      };
      const bad = await q(base);
      expect(bad.status).toBe(200);
      expect(await bad.json()).toEqual({ errcode: 40029, errmsg: expect.stringMatching(/^invalid code, rid: /) });
      expect(((await (await q({ ...base, appid: 'wx1' })).json()) as { errcode: number }).errcode).toBe(40013);
      expect(((await (await q({ ...base, secret: 'x' })).json()) as { errcode: number }).errcode).toBe(40125);
      const ok = (await (await q({ ...base, js_code: 'sandbox:zhang' })).json()) as Record<string, string>;
      expect(ok).toEqual({
        openid: expect.stringMatching(/^o[\w-]{27}$/),
        session_key: expect.any(String),
        unionid: expect.any(String),
      });
    });

    it('maps a wrong secret or an unreachable service to LOGIN_PROVIDER_UNAVAILABLE', async () => {
      expect(await codeOf(wechat({ secret: 'wrong' }).exchange('sandbox:zhang'))).toBe('LOGIN_PROVIDER_UNAVAILABLE');
      expect(await codeOf(wechat({ apiBase: `${deadUrl}/wechat` }).exchange('sandbox:zhang'))).toBe(
        'LOGIN_PROVIDER_UNAVAILABLE',
      );
      expect(await wechat().exchange('sandbox:zhang')).toEqual(await wechat().exchange('sandbox:zhang'));
    });
  });

  describe('Alipay gateway', () => {
    const alipay = (o: Partial<{ privateKey: string; alipayPublicKey: string; keyType: 'PKCS1' | 'PKCS8' }> = {}) =>
      new AlipayLogin({ ...p().alipay, gateway: `${sandbox.url}/alipay/gateway.do`, logger, ...o });
    const otherKey = () => crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });

    it('signs its answer over the exact response text with its own key', async () => {
      const identity = await alipay().exchange('sandbox:li');
      expect(identity).toEqual({ platform: 'alipay', openId: expect.any(String), unionId: null });
      expect((await alipay().exchange('sandbox:li')).openId).toBe(identity.openId);
    });

    it('works with a PKCS1 app key when keyType says so', async () => {
      const pkcs1 = crypto.createPrivateKey(p().alipay.privateKey).export({ type: 'pkcs1', format: 'pem' }).toString();
      expect((await alipay({ privateKey: pkcs1, keyType: 'PKCS1' }).exchange('sandbox:li')).openId).toBe(
        (await alipay().exchange('sandbox:li')).openId,
      );
    });

    it('refuses a request signed with another app key (isv.invalid-signature)', async () => {
      const wrong = otherKey().privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
      expect(await codeOf(alipay({ privateKey: wrong, keyType: 'PKCS8' }).exchange('sandbox:li'))).toBe(
        'LOGIN_PROVIDER_UNAVAILABLE',
      );
    });

    it('is not believed when its signature does not verify with the configured Alipay key', async () => {
      const untrusted = otherKey().publicKey.export({ type: 'spki', format: 'pem' }).toString();
      expect(await codeOf(alipay({ alipayPublicKey: untrusted }).exchange('sandbox:li'))).toBe(
        'LOGIN_PROVIDER_UNAVAILABLE',
      );
      // even a "bad code" error must carry a valid signature to count as the user's fault
      expect(await codeOf(alipay({ alipayPublicKey: untrusted }).exchange('bad-code'))).toBe(
        'LOGIN_PROVIDER_UNAVAILABLE',
      );
      expect(await codeOf(alipay().exchange('bad-code'))).toBe('LOGIN_CODE_INVALID');
    });

    it('refuses requests with a stale timestamp (isv.invalid-timestamp)', async () => {
      const form = new URLSearchParams({
        app_id: p().alipay.appId,
        method: 'alipay.system.oauth.token',
        charset: 'utf-8',
        sign_type: 'RSA2',
        version: '1.0',
        timestamp: '2001-01-01 00:00:00',
        grant_type: 'authorization_code',
        code: 'sandbox:li',
        sign: 'x',
      });
      const r = await fetch(`${sandbox.url}/alipay/gateway.do`, { method: 'POST', body: form });
      expect(
        ((await r.json()) as Record<string, { sub_code: string }>).alipay_system_oauth_token_response!.sub_code,
      ).toBe('isv.invalid-timestamp');
    });
  });

  describe('Baidu jscode2sessionkey', () => {
    const baidu = (o: Partial<{ sk: string; clientId: string }> = {}) =>
      new BaiduLogin({ apiBase: `${sandbox.url}/baidu`, clientId: p().baidu.clientId, sk: p().baidu.sk, logger, ...o });

    it('answers with openid/session_key, or errno/error/error_description', async () => {
      expect((await baidu().exchange('sandbox:wang')).openId).toHaveLength(26);
      const r = await fetch(`${sandbox.url}/baidu/oauth/jscode2sessionkey`, {
        method: 'POST',
        body: new URLSearchParams({ code: 'x', client_id: p().baidu.clientId }),
      });
      expect(await r.json()).toEqual({
        errno: 10010100,
        error: 'parameter is invalid',
        error_description: expect.stringContaining('sk'),
      });
      expect(await codeOf(baidu().exchange('bad'))).toBe('LOGIN_CODE_INVALID');
      expect(await codeOf(baidu({ sk: 'wrong' }).exchange('sandbox:wang'))).toBe('LOGIN_PROVIDER_UNAVAILABLE');
    });
  });

  describe('Aliyun SMS (Dysmsapi SendSms)', () => {
    const sender = (secret = p().sms.accessKeySecret) =>
      new AliyunSmsSender({ endpoint: `${sandbox.url}/aliyun-sms`, ...p().sms, accessKeySecret: secret, logger });
    const rawClient = () =>
      new RPCClient({
        endpoint: `${sandbox.url}/aliyun-sms`,
        apiVersion: '2017-05-25',
        accessKeyId: p().sms.accessKeyId,
        accessKeySecret: p().sms.accessKeySecret,
      });

    it('delivers into the outbox (newest first) and applies per-number flow control', async () => {
      const phone = makePhone();
      const { messageId } = await sender().sendCode(phone, '123456');
      expect(messageId).toMatch(/\^0$/);
      expect(sandbox.outbox[0]).toMatchObject({
        phone,
        templateParam: { code: '123456' },
        content: expect.stringContaining('123456'),
      });
      expect(await codeOf(sender().sendCode(phone, '654321'))).toBe('SMS_TOO_FREQUENT');
      clock.advance(61_000);
      await sender().sendCode(phone, '222222');
      const outbox = (await (await fetch(`${sandbox.url}/aliyun-sms/sandbox/outbox?phone=${phone}`)).json()) as {
        items: { templateParam: { code: string } }[];
      };
      expect(outbox.items.map((m) => m.templateParam.code)).toEqual(['222222', '123456']);
    });

    it('answers like Aliyun: OK, isv.MOBILE_NUMBER_ILLEGAL, SignatureDoesNotMatch', async () => {
      const ok = await rawClient().request<Record<string, string>>(
        'SendSms',
        {
          PhoneNumbers: makePhone(),
          SignName: p().sms.signName,
          TemplateCode: p().sms.templateCode,
          TemplateParam: '{"code":"000111"}',
        },
        { method: 'POST', formatParams: false },
      );
      expect(ok).toEqual({ Code: 'OK', Message: 'OK', BizId: expect.any(String), RequestId: expect.any(String) });
      await expect(
        rawClient().request(
          'SendSms',
          {
            PhoneNumbers: '12345',
            SignName: p().sms.signName,
            TemplateCode: p().sms.templateCode,
            TemplateParam: '{"code":"1"}',
          },
          { method: 'POST' },
        ),
      ).rejects.toMatchObject({ code: 'isv.MOBILE_NUMBER_ILLEGAL' });
      const forged = new RPCClient({
        endpoint: `${sandbox.url}/aliyun-sms`,
        apiVersion: '2017-05-25',
        accessKeyId: p().sms.accessKeyId,
        accessKeySecret: 'not-the-secret',
      });
      await expect(forged.request('SendSms', { PhoneNumbers: makePhone() }, { method: 'POST' })).rejects.toMatchObject({
        code: 'SignatureDoesNotMatch',
      });
      expect(await codeOf(sender('not-the-secret').sendCode(makePhone(), '123456'))).toBe('SMS_UNAVAILABLE');
    });

    it('refuses a replayed request (same signature nonce)', async () => {
      const params = new Map(
        Object.entries({
          Action: 'SendSms',
          Version: '2017-05-25',
          Format: 'JSON',
          AccessKeyId: p().sms.accessKeyId,
          SignatureMethod: 'HMAC-SHA1',
          SignatureVersion: '1.0',
          SignatureNonce: crypto.randomUUID(),
          Timestamp: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
          PhoneNumbers: makePhone(),
          SignName: p().sms.signName,
          TemplateCode: p().sms.templateCode,
          TemplateParam: '{"code":"424242"}',
        }),
      );
      params.set('Signature', rpcSignature('POST', params, p().sms.accessKeySecret));
      const send = async () =>
        (await (
          await fetch(`${sandbox.url}/aliyun-sms`, { method: 'POST', body: new URLSearchParams([...params]) })
        ).json()) as { Code: string };
      expect((await send()).Code).toBe('OK');
      expect((await send()).Code).toBe('SignatureNonceUsed');
    });
  });

  describe('identity verification (cloudauth Id2MetaVerify)', () => {
    const idv = (o: Partial<{ endpoint: string; accessKeySecret: string }> = {}) =>
      new AliyunIdentityVerifier({ endpoint: `${sandbox.url}/aliyun-idv`, ...p().idv, logger, ...o });

    it('matches checksum-valid numbers, reports sequence 999 as a mismatch', async () => {
      expect(await idv().verify('张三', makeIdNumber())).toBe('match');
      expect(await idv().verify('张三', makeIdNumber({ sequence: '999' }))).toBe('mismatch');
      const bad = makeIdNumber();
      expect(await codeOf(idv().verify('张三', bad.slice(0, 17) + (bad[17] === '0' ? '1' : '0')))).toBe(
        'REAL_NAME_MISMATCH',
      );
    });

    it('checks the entry-exit documents by type: shape, nationality, check character, outcome', async () => {
      const doc = (over: Partial<TravelDocument>): TravelDocument => ({
        type: 'hk-macao-permit',
        number: 'H12345678',
        name: '陈大文',
        nationality: 'CHN',
        ...over,
      });
      expect(await idv().verifyDocument(doc({}))).toBe('match');
      expect(await idv().verifyDocument(doc({ number: 'H12345999' }))).toBe('mismatch');
      expect(await idv().verifyDocument(doc({ type: 'taiwan-permit', number: '12345000' }))).toBe('no-record');
      expect(await idv().verifyDocument(doc({ type: 'passport', number: 'X1234567', nationality: 'USA' }))).toBe(
        'match',
      );
      expect(await idv().verifyDocument(doc({ type: 'passport', number: 'E12345678', name: '王芳' }))).toBe('match');
      const residence = foreignResidence2023();
      expect(
        await idv().verifyDocument(doc({ type: 'foreign-permanent-residence', number: residence, nationality: 'DEU' })),
      ).toBe('match');
      for (const refused of [
        doc({ number: 'M1234567' }), // not the permit's shape
        doc({ nationality: 'USA' }), // a permit of Hong Kong and Macao residents is Chinese
        doc({ type: 'passport', number: 'X1234567' }), // a Chinese passport is E or G and 8 characters
        doc({
          type: 'foreign-permanent-residence',
          number: residence.slice(0, 17) + (residence[17] === '0' ? '1' : '0'),
          nationality: 'DEU',
        }),
      ]) {
        expect(await codeOf(idv().verifyDocument(refused))).toBe('REAL_NAME_MISMATCH');
      }
    });

    it('answers in the real shape', async () => {
      const client = new RPCClient({
        endpoint: `${sandbox.url}/aliyun-idv`,
        apiVersion: '2019-03-07',
        accessKeyId: p().idv.accessKeyId,
        accessKeySecret: p().idv.accessKeySecret,
      });
      const r = await client.request(
        'Id2MetaVerify',
        { ParamType: 'normal', IdentifyNum: makeIdNumber({ sequence: '999' }), UserName: '李四' },
        { method: 'POST', formatParams: false },
      );
      expect(r).toEqual({
        RequestId: expect.any(String),
        Code: '200',
        Message: 'success',
        ResultObject: { BizCode: '2' },
      });
    });

    it('maps a wrong secret or an unreachable service to REAL_NAME_UNAVAILABLE', async () => {
      expect(await codeOf(idv({ accessKeySecret: 'wrong' }).verify('张三', makeIdNumber()))).toBe(
        'REAL_NAME_UNAVAILABLE',
      );
      expect(await codeOf(idv({ endpoint: `${deadUrl}/aliyun-idv` }).verify('张三', makeIdNumber()))).toBe(
        'REAL_NAME_UNAVAILABLE',
      );
    });
  });

  it('listens only on loopback', async () => {
    await expect(startSandbox({ host: '0.0.0.0', port: 0, credentials: sandboxCredentials(config) })).rejects.toThrow(
      /loopback/,
    );
  });

  it('keeps its generated keys in the data folder and reuses them', () => {
    expect(fs.readdirSync(path.join(dataDir, 'sandbox-secrets')).sort()).toEqual(
      expect.arrayContaining(['alipay-app.pem', 'alipay-platform.pem', 'wechat-secret', 'baidu-sk']),
    );
    expect(loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir }).providers).toEqual(config.providers);
  });

  /** The least a production configuration must set (the payment channels left off). */
  const productionEnv = () => ({
    APP_MODE: 'production',
    DATA_DIR: dataDir,
    JWT_SECRET: 'x'.repeat(40),
    PII_KEY: crypto.randomBytes(32).toString('base64'),
    DATABASE_URL: 'mysql://u@db/x',
    WECHAT_SECRET: 's',
    ALIPAY_PRIVATE_KEY: p().alipay.privateKey,
    ALIPAY_PUBLIC_KEY: p().alipay.alipayPublicKey,
    BAIDU_SK: 's',
    SMS_ACCESS_KEY_SECRET: 's',
    IDV_ACCESS_KEY_SECRET: 's',
  });

  it('is never the target of a production configuration', () => {
    const prod = productionEnv();
    expect(() => loadConfig(prod)).not.toThrow();
    expect(() => loadConfig({ ...prod, SMS_ENDPOINT: `${sandbox.url}/aliyun-sms` })).toThrow(ConfigError);
    expect(() => loadConfig({ ...prod, ALIPAY_GATEWAY: 'http://localhost:3100/alipay/gateway.do' })).toThrow(
      ConfigError,
    );
  });

  it('takes WeChat Pay in production only when fully configured, with an https notify address and the real API', () => {
    const prod = productionEnv();
    expect(loadConfig(prod).providers.wechatPay).toBeNull();
    const wx = p().wechatPay!;
    const wechatPay = {
      WECHATPAY_PRIVATE_KEY: wx.privateKey,
      WECHATPAY_SERIAL_NO: wx.serialNo,
      WECHATPAY_API_V3_KEY: wx.apiV3Key,
      WECHATPAY_PUBLIC_KEY: wx.publicKey,
      WECHATPAY_PUBLIC_KEY_ID: wx.publicKeyId,
      PUBLIC_BASE_URL: 'https://booking.example.gov.cn',
    };
    const full = loadConfig({ ...prod, ...wechatPay });
    expect(full.providers.wechatPay).toMatchObject({ serialNo: wx.serialNo, publicKeyId: wx.publicKeyId });
    expect(full.endpoints.wechatPayApiBase).toBe('https://api.mch.weixin.qq.com');
    const { WECHATPAY_API_V3_KEY: _key, ...half } = wechatPay;
    expect(() => loadConfig({ ...prod, ...half })).toThrow(/WECHATPAY_API_V3_KEY/);
    expect(() => loadConfig({ ...prod, ...wechatPay, PUBLIC_BASE_URL: 'http://booking.example.gov.cn' })).toThrow(
      /PUBLIC_BASE_URL/,
    );
    expect(() => loadConfig({ ...prod, ...wechatPay, WECHATPAY_API_BASE: `${sandbox.url}/wechatpay` })).toThrow(
      ConfigError,
    );
  });

  it("takes the Baidu cashier in production only when asked and fully configured, against Baidu's open API", () => {
    const prod = productionEnv();
    expect(loadConfig(prod).providers.baiduPay).toBeNull();
    const bd = p().baiduPay!;
    const baiduPay = {
      BAIDU_PAY: 'true',
      BAIDU_PAY_DEAL_ID: '470193086',
      BAIDU_PAY_APP_KEY: 'MMMabc',
      BAIDU_PAY_PRIVATE_KEY: bd.privateKey,
      BAIDU_PAY_PUBLIC_KEY: bd.platformPublicKey,
      PUBLIC_BASE_URL: 'https://booking.example.gov.cn',
    };
    const full = loadConfig({ ...prod, ...baiduPay });
    expect(full.providers.baiduPay).toMatchObject({ dealId: '470193086', payAppKey: 'MMMabc' });
    expect(full.endpoints.baiduOpenApiBase).toBe('https://openapi.baidu.com');
    const { BAIDU_PAY_PUBLIC_KEY: _key, ...half } = baiduPay;
    expect(() => loadConfig({ ...prod, ...half })).toThrow(/BAIDU_PAY_PUBLIC_KEY/);
    expect(() => loadConfig({ ...prod, ...baiduPay, PUBLIC_BASE_URL: 'http://booking.example.gov.cn' })).toThrow(
      /PUBLIC_BASE_URL/,
    );
    expect(() => loadConfig({ ...prod, ...baiduPay, BAIDU_OPENAPI_BASE: `${sandbox.url}/baidu` })).toThrow(ConfigError);
  });
});
