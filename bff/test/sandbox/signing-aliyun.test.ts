import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { aliyunClient } from '../../src/identity/aliyun-rpc.js';
import { percentEncode, rpcSignature, rpcStringToSign } from '../../src/sandbox/signing/aliyun-rpc.js';

/**
 * Aliyun's RPC signature (HMAC-SHA1, SignatureVersion 1.0): the documented example for the
 * emulators' own signing/aliyun-rpc.ts, and the production client (@alicloud/pop-core through
 * identity/aliyun-rpc.ts) checked against it over loopback.
 *
 * The example of 签名机制 (DescribeRegions, AccessKeyId testid, AccessKeySecret testsecret):
 * https://developer.aliyun.com/ask/210168 (API 签名机制(示例)); the signature it gives,
 * CT9X0VtwR86fNWSnsc6v8YGOjuE=, is also the one in the overview of
 * https://help.aliyun.com/document_detail/69009.html. The page prints the canonical query's
 * separators as bare `&`; the signature it states is that of the rule's encoded form, `%26`.
 */
const DOC_PARAMS = new Map([
  ['TimeStamp', '2016-02-23T12:46:24Z'],
  ['Format', 'XML'],
  ['AccessKeyId', 'testid'],
  ['Action', 'DescribeRegions'],
  ['SignatureMethod', 'HMAC-SHA1'],
  ['SignatureNonce', '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf'],
  ['Version', '2014-05-26'],
  ['SignatureVersion', '1.0'],
]);
const DOC_STRING_TO_SIGN =
  'GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1' +
  '%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0' +
  '%26TimeStamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26';
const DOC_SIGNATURE = 'CT9X0VtwR86fNWSnsc6v8YGOjuE=';

describe('Aliyun RPC signature: the documented example, emulator side', () => {
  it('builds the documented string to sign and its signature under testsecret', () => {
    expect(rpcStringToSign('GET', DOC_PARAMS)).toBe(DOC_STRING_TO_SIGN);
    expect(rpcSignature('GET', DOC_PARAMS, 'testsecret')).toBe(DOC_SIGNATURE);
    expect(rpcSignature('GET', new Map([...DOC_PARAMS, ['Signature', DOC_SIGNATURE]]), 'testsecret')).toBe(
      DOC_SIGNATURE,
    );
  });

  it('encodes as the rule says: only A–Z a–z 0–9 - _ . ~ stay, a space is %20', () => {
    expect(percentEncode("a b*c~d!e'f(g)h")).toBe('a%20b%2Ac~d%21e%27f%28g%29h');
    expect(percentEncode('预约')).toBe('%E9%A2%84%E7%BA%A6');
  });
});

describe('Aliyun RPC signature: what the production client sends, the emulator verifies', () => {
  let server: http.Server;
  let endpoint: string;
  const received: URLSearchParams[] = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ RequestId: 'R1', Code: 'OK' }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('signs a POST with awkward characters as the emulator does; a changed parameter no longer matches', async () => {
    const client = aliyunClient({
      endpoint,
      apiVersion: '2017-05-25',
      accessKeyId: 'testid',
      accessKeySecret: 'testsecret',
    });
    await client.call('SendSms', {
      PhoneNumbers: '13800000000',
      SignName: '预约挂号 平台',
      TemplateCode: 'SMS_1',
      TemplateParam: JSON.stringify({ code: "12*4~'()!" }),
    });
    const params = new Map(received.at(-1)!.entries());
    const sent = params.get('Signature')!;
    expect(rpcSignature('POST', params, 'testsecret')).toBe(sent);
    expect(rpcSignature('POST', new Map([...params, ['PhoneNumbers', '13800000001']]), 'testsecret')).not.toBe(sent);
    expect(rpcSignature('POST', params, 'othersecret')).not.toBe(sent);
  });
});
