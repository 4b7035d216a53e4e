import crypto from 'node:crypto';
import { Pii } from '../../src/identity/pii.js';

const sm3 = (data: Buffer | string) => crypto.createHash('sm3').update(data).digest();

/** HMAC per RFC 2104 over SM3 (64-byte blocks), written out, to check OpenSSL's `sm3` HMAC against. */
function rfc2104HmacSm3(key: Buffer, message: Buffer): Buffer {
  const block = Buffer.alloc(64);
  (key.length > 64 ? sm3(key) : key).copy(block);
  const pad = (byte: number) => Buffer.from(block.map((b) => b ^ byte));
  return sm3(Buffer.concat([pad(0x5c), sm3(Buffer.concat([pad(0x36), message]))]));
}

describe('the national algorithms against their standards’ published vectors', () => {
  it('SM3 (GB/T 32905-2016, appendix A)', () => {
    expect(sm3('abc').toString('hex')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
    expect(sm3('abcd'.repeat(16)).toString('hex')).toBe(
      'debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732',
    );
  });

  // The standard's second example (the block encrypted 1,000,000 times → 595298c7…3f66) takes
  // over 5 s here, so it is left out.
  it('SM4 (GB/T 32907-2016, appendix A, example 1)', () => {
    const key = Buffer.from('0123456789abcdeffedcba9876543210', 'hex');
    const ecb = crypto.createCipheriv('sm4-ecb', key, null).setAutoPadding(false);
    expect(ecb.update(key).toString('hex')).toBe('681edf34d206965e86b3e94f536e4246');
    const back = crypto.createDecipheriv('sm4-ecb', key, null).setAutoPadding(false);
    expect(back.update(Buffer.from('681edf34d206965e86b3e94f536e4246', 'hex')).toString('hex')).toBe(
      key.toString('hex'),
    );
  });

  it('SM4-CTR is the SM4 block of the counter XORed in (the mode the PII ciphertexts use)', () => {
    const key = crypto.randomBytes(16);
    const iv = Buffer.from('00000000000000000000000000000000ff'.slice(0, 32), 'hex');
    iv[15] = 0xff;
    const plain = crypto.randomBytes(40);
    const ct = crypto.createCipheriv('sm4-ctr', key, iv).update(plain);
    const ecb = crypto.createCipheriv('sm4-ecb', key, null).setAutoPadding(false);
    const counters = [0, 1, 2].map((i) => {
      const c = Buffer.from(iv);
      c.writeBigUInt64BE(c.readBigUInt64BE(8) + BigInt(i), 8);
      if (i > 0 && c.readBigUInt64BE(8) < BigInt(i)) c.writeBigUInt64BE(c.readBigUInt64BE(0) + 1n, 0);
      return c;
    });
    const stream = Buffer.concat(counters.map((c) => ecb.update(c)));
    expect(ct).toEqual(Buffer.from(plain.map((b, i) => b ^ stream[i]!)));
  });

  it('HMAC-SM3 is RFC 2104 over SM3, for short and long keys', () => {
    for (const key of [Buffer.from('key'), crypto.randomBytes(32), crypto.randomBytes(64), crypto.randomBytes(100)]) {
      const message = crypto.randomBytes(77);
      expect(crypto.createHmac('sm3', key).update(message).digest()).toEqual(rfc2104HmacSm3(key, message));
    }
  });
});

describe('the v2 (SM4-CTR + HMAC-SM3) PII ciphertext', () => {
  const key = crypto.randomBytes(32);
  const sm = new Pii(key, 'sm4');
  const aes = new Pii(key, 'aes-gcm');

  it('round-trips with a fresh IV, fits the columns, and is read by either configuration', () => {
    const a = sm.encrypt('phone', '13812345678');
    const b = sm.encrypt('phone', '13812345678');
    expect(a).toMatch(/^v2\./);
    expect(a).not.toBe(b);
    expect(sm.decrypt('phone', a)).toBe('13812345678');
    expect(aes.decrypt('phone', a)).toBe('13812345678');
    expect(sm.decrypt('phone', aes.encrypt('phone', '13812345678'))).toBe('13812345678');
    expect(
      sm.encrypt('hospital-secret', `hs_${crypto.randomBytes(32).toString('base64url')}`).length,
    ).toBeLessThanOrEqual(200);
    expect(sm.decrypt('id-number', sm.encrypt('id-number', ''))).toBe('');
  });

  it('refuses any flipped bit (IV, ciphertext or tag), another field, a wrong key and a changed version', () => {
    const c = sm.encrypt('id-number', '11010519491231002X');
    const raw = Buffer.from(c.slice(3), 'base64url');
    for (let bit = 0; bit < raw.length * 8; bit += 7) {
      const bad = Buffer.from(raw);
      bad[bit >> 3]! ^= 1 << (bit & 7);
      expect(() => sm.decrypt('id-number', `v2.${bad.toString('base64url')}`)).toThrow();
    }
    expect(() => sm.decrypt('phone', c)).toThrow();
    expect(() => new Pii(crypto.randomBytes(32), 'sm4').decrypt('id-number', c)).toThrow();
    expect(() => sm.decrypt('id-number', `v1.${c.slice(3)}`)).toThrow();
    expect(() => sm.decrypt('id-number', `v2.${raw.subarray(0, 40).toString('base64url')}`)).toThrow();
  });

  it('indexes with HMAC-SM3 and looks up under both algorithms, the written one first', () => {
    const [current, legacy] = sm.indexes('phone', '13812345678');
    expect(current).toBe(sm.index('phone', '13812345678'));
    expect(legacy).toBe(aes.index('phone', '13812345678'));
    expect(aes.indexes('phone', '13812345678')).toEqual([legacy, current]);
    expect(current).toMatch(/^[0-9a-f]{64}$/);
    expect(current).not.toBe(sm.index('id-number', '13812345678'));
    expect(sm.codeHashes('id', '123456')).toEqual([...aes.codeHashes('id', '123456')].reverse());
  });
});
