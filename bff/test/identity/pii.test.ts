import crypto from 'node:crypto';
import { maskIdNumber, maskPhone, Pii } from '../../src/identity/pii.js';

describe('PII protection', () => {
  const pii = new Pii(crypto.randomBytes(32));

  it('encrypts with a fresh IV each time and decrypts back', () => {
    const a = pii.encrypt('phone', '13812345678');
    const b = pii.encrypt('phone', '13812345678');
    expect(a).not.toBe(b);
    expect(a).not.toContain('13812345678');
    expect(pii.decrypt('phone', a)).toBe('13812345678');
    expect(a.length).toBeLessThanOrEqual(200);
    expect(pii.encrypt('id-number', '11010519491231002X').length).toBeLessThanOrEqual(200);
  });

  it('detects tampering, a wrong key and a field mix-up (GCM tag checked)', () => {
    const c = pii.encrypt('id-number', '11010519491231002X');
    const raw = Buffer.from(c.slice(3), 'base64url');
    raw[14]! ^= 1;
    expect(() => pii.decrypt('id-number', `v1.${raw.toString('base64url')}`)).toThrow();
    expect(() => new Pii(crypto.randomBytes(32)).decrypt('id-number', c)).toThrow();
    expect(() => pii.decrypt('phone', c)).toThrow();
    expect(() => pii.decrypt('phone', 'garbage')).toThrow();
  });

  it('builds deterministic, keyed, field-separated blind indexes', () => {
    expect(pii.index('phone', '13812345678')).toBe(pii.index('phone', '13812345678'));
    expect(pii.index('phone', '13812345678')).toMatch(/^[0-9a-f]{64}$/);
    expect(pii.index('phone', '13812345678')).not.toBe(pii.index('id-number', '13812345678'));
    expect(pii.index('phone', '13812345678')).not.toBe(new Pii(crypto.randomBytes(32)).index('phone', '13812345678'));
    expect(pii.index('phone', '13812345678')).not.toBe(crypto.createHash('sha256').update('13812345678').digest('hex'));
  });

  it('masks ID numbers and phones for display', () => {
    expect(maskIdNumber('110105199001011234')).toBe('1101**********1234');
    expect(maskPhone('13812345678')).toBe('138****5678');
  });

  it('refuses a key of the wrong size', () => {
    expect(() => new Pii(crypto.randomBytes(16))).toThrow();
  });
});
