import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import RPCClient from '@alicloud/pop-core';
import { ConfigError, loadConfig, type Config } from '../../src/config/config.js';
import type { TravelDocument } from '../../src/identity/idv/verifier.js';
import { documentNumber, foreignResidence2023 } from '../support/documents.js';
import { AliyunIdentityVerifier } from '../../src/identity/idv/aliyun-idv.js';
import { JumdataEntryExitVerifier } from '../../src/identity/idv/jumdata-entry-exit.js';
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

  describe('identity verification of the ID card (cloudauth Id2MetaVerify)', () => {
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

  describe('entry-exit documents (聚美智数 出入境证件核验)', () => {
    const entryExit = (o: Partial<{ endpoint: string; appId: string; appSecret: string; now: () => number }> = {}) =>
      new JumdataEntryExitVerifier({
        endpoint: `${sandbox.url}/jumdata/entry-exit/check`,
        ...p().idvDocument,
        logger,
        ...o,
      });
    const doc = (over: Partial<TravelDocument>): TravelDocument => ({
      type: 'hk-macao-permit',
      number: documentNumber.hkMacao(),
      name: '陈大文',
      nationality: 'CHN',
      ...over,
    });
    /** A request signed as the provider's page says, written here independently of the adapter. */
    const post = async (fields: Record<string, string>, o: { secret?: string; timestamp?: number } = {}) => {
      const { appId, appSecret } = p().idvDocument;
      const timestamp = String(o.timestamp ?? Date.now());
      const sign = crypto
        .createHash('sha256')
        .update(appId + (o.secret ?? appSecret) + timestamp)
        .digest('hex');
      const r = await fetch(`${sandbox.url}/jumdata/entry-exit/check`, {
        method: 'POST',
        body: new URLSearchParams({ appId, timestamp, sign, ...fields }),
      });
      return { status: r.status, body: (await r.json()) as Record<string, unknown> };
    };
    const fault = (f: Record<string, unknown>) =>
      fetch(`${sandbox.url}/jumdata/sandbox/faults`, { method: 'POST', body: JSON.stringify(f) });

    it('checks each document against its type: match, 999 a mismatch, 000 no record', async () => {
      const residence = foreignResidence2023();
      for (const d of [
        doc({}),
        doc({ type: 'passport', number: documentNumber.chinesePassport(), name: '王芳' }),
        doc({ type: 'taiwan-permit', number: documentNumber.taiwan(), name: '林志玲' }),
        doc({ type: 'foreign-permanent-residence', number: residence, name: 'Anna Mueller', nationality: 'DEU' }),
        doc({ type: 'foreign-permanent-residence', number: documentNumber.foreignResidence2004(), nationality: 'USA' }),
      ]) {
        expect(await entryExit().verifyDocument(d)).toBe('match');
      }
      expect(await entryExit().verifyDocument(doc({ number: documentNumber.hkMacao('999') }))).toBe('mismatch');
      expect(
        await entryExit().verifyDocument(doc({ type: 'taiwan-permit', number: documentNumber.taiwan('000') })),
      ).toBe('no-record');
    });

    it('maps what the provider refuses as input to REAL_NAME_MISMATCH', async () => {
      const residence = foreignResidence2023();
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
        expect(await codeOf(entryExit().verifyDocument(refused))).toBe('REAL_NAME_MISMATCH');
      }
    });

    it('never sends a foreign passport: no provider checks one', async () => {
      const nowhere = entryExit({ endpoint: `${deadUrl}/jumdata/entry-exit/check` });
      expect(
        await codeOf(nowhere.verifyDocument(doc({ type: 'passport', number: 'X1234567', nationality: 'USA' }))),
      ).toBe('DOCUMENT_NOT_VERIFIABLE_ONLINE');
    });

    it("answers in the provider's envelope, and refuses a bad sign or a stale timestamp", async () => {
      const ok = await post({ name: '陈大文', idType: '02', idNum: documentNumber.hkMacao('999'), nation: 'CHN' });
      expect(ok).toEqual({
        status: 200,
        body: {
          code: 200,
          msg: '成功',
          taskNo: expect.stringMatching(/^\d{20}$/),
          charge: true,
          data: { result: 1, desc: '不一致' },
        },
      });
      const bad = await post({ name: '陈大文', idType: '05', idNum: 'X1234567', nation: 'USA' });
      expect(bad.body).toMatchObject({ code: 400, msg: 'idType 无效', charge: false });
      const fields = { name: '陈大文', idType: '02', idNum: documentNumber.hkMacao(), nation: 'CHN' };
      expect((await post(fields, { secret: 'wrong' })).body).toMatchObject({ code: 401, msg: '签名错误' });
      expect((await post(fields, { timestamp: Date.now() - 10 * 60_000 })).body).toMatchObject({
        code: 401,
        msg: '时间戳已过期',
      });
      expect(await codeOf(entryExit({ appSecret: 'wrong' }).verifyDocument(doc({})))).toBe('REAL_NAME_UNAVAILABLE');
      expect(await codeOf(entryExit({ now: () => Date.now() - 10 * 60_000 }).verifyDocument(doc({})))).toBe(
        'REAL_NAME_UNAVAILABLE',
      );
    });

    it('maps a failure it was told to give, or an unreachable service, to REAL_NAME_UNAVAILABLE', async () => {
      const d = doc({});
      expect((await fault({ idNum: d.number, code: 500, msg: '系统繁忙' })).status).toBe(200);
      expect(await codeOf(entryExit().verifyDocument(d))).toBe('REAL_NAME_UNAVAILABLE');
      expect(await entryExit().verifyDocument(d)).toBe('match'); // the fault was for one check
      await fault({ idNum: d.number, code: 503, status: 503, msg: 'Service Unavailable' });
      expect(await codeOf(entryExit().verifyDocument(d))).toBe('REAL_NAME_UNAVAILABLE');
      expect((await fault({ times: 0 })).status).toBe(400);
      expect(await codeOf(entryExit({ endpoint: `${deadUrl}/jumdata/entry-exit/check` }).verifyDocument(d))).toBe(
        'REAL_NAME_UNAVAILABLE',
      );
    });

    it('asks once more when a kept-alive connection was closed under it', async () => {
      let calls = 0;
      const flaky = http.createServer((req, res) => {
        if (++calls === 1) {
          req.socket.destroy();
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({ code: 200, msg: '成功', taskNo: '1', charge: true, data: { result: 0, desc: '一致' } }),
        );
      });
      await new Promise<void>((resolve) => flaky.listen(0, '127.0.0.1', () => resolve()));
      try {
        const { port } = flaky.address() as AddressInfo;
        expect(await entryExit({ endpoint: `http://127.0.0.1:${port}/` }).verifyDocument(doc({}))).toBe('match');
        expect(calls).toBe(2);
      } finally {
        flaky.closeAllConnections();
        await new Promise<void>((resolve) => flaky.close(() => resolve()));
      }
    });

    it('takes an answer only when its result and description agree', async () => {
      const answers = [
        { code: 200, msg: '成功', data: { result: 0, desc: '不一致' } },
        { code: 200, msg: '成功', data: { result: 7, desc: '一致' } },
        { code: 200, msg: '成功' },
      ];
      const odd = http.createServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(answers.shift()));
      });
      await new Promise<void>((resolve) => odd.listen(0, '127.0.0.1', () => resolve()));
      try {
        const { port } = odd.address() as AddressInfo;
        for (let i = 0; i < 3; i++)
          expect(await codeOf(entryExit({ endpoint: `http://127.0.0.1:${port}/` }).verifyDocument(doc({})))).toBe(
            'REAL_NAME_UNAVAILABLE',
          );
      } finally {
        odd.closeAllConnections();
        await new Promise<void>((resolve) => odd.close(() => resolve()));
      }
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
    IDV_DOCUMENT_APP_ID: 'jm0000000000001',
    IDV_DOCUMENT_APP_SECRET: 's',
  });

  it('is never the target of a production configuration', () => {
    const prod = productionEnv();
    expect(() => loadConfig(prod)).not.toThrow();
    expect(() => loadConfig({ ...prod, SMS_ENDPOINT: `${sandbox.url}/aliyun-sms` })).toThrow(ConfigError);
    expect(loadConfig(prod).endpoints.idvDocumentEndpoint).toBe('https://api.jumdata.com/entry-exit/check');
    expect(() => loadConfig({ ...prod, IDV_DOCUMENT_ENDPOINT: `${sandbox.url}/jumdata/entry-exit/check` })).toThrow(
      ConfigError,
    );
    const { IDV_DOCUMENT_APP_SECRET: _secret, ...noSecret } = prod;
    expect(() => loadConfig(noSecret)).toThrow(/IDV_DOCUMENT_APP_SECRET/);
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
