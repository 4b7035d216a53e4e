import crypto from 'node:crypto';

const VERSION = 'v1';

/** Which kind of value a ciphertext or index holds: bound into both, so they never mix. */
export type PiiField = 'phone' | 'id-number' | 'hospital-secret' | 'share' | 'totp';

/**
 * Personal data at rest: AES-256-GCM ciphertexts (random 96-bit IV, the field as additional
 * data) and HMAC-SHA256 blind indexes for lookups, each with its own key derived from PII_KEY.
 */
export class Pii {
  private readonly encKey: Buffer;
  private readonly indexKey: Buffer;
  private readonly codeKey: Buffer;

  constructor(masterKey: Buffer) {
    if (masterKey.length !== 32) throw new Error('PII key must be 32 bytes');
    const derive = (info: string) => Buffer.from(crypto.hkdfSync('sha256', masterKey, Buffer.alloc(0), info, 32));
    this.encKey = derive('cityhealth/pii/encryption');
    this.indexKey = derive('cityhealth/pii/blind-index');
    this.codeKey = derive('cityhealth/pii/sms-code');
  }

  encrypt(field: PiiField, plain: string): string {
    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv('aes-256-gcm', this.encKey, iv);
    cipher.setAAD(Buffer.from(field));
    const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `${VERSION}.${Buffer.concat([iv, ct, cipher.getAuthTag()]).toString('base64url')}`;
  }

  /** Decrypts and authenticates (the GCM tag is checked); throws on tampering or a wrong key. */
  decrypt(field: PiiField, stored: string): string {
    const [version, body] = stored.split('.');
    if (version !== VERSION || !body) throw new Error('unknown PII ciphertext format');
    const raw = Buffer.from(body, 'base64url');
    if (raw.length < 12 + 16) throw new Error('PII ciphertext too short');
    const decipher = crypto.createDecipheriv('aes-256-gcm', this.encKey, raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(field));
    decipher.setAuthTag(raw.subarray(raw.length - 16));
    return Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]).toString('utf8');
  }

  /** The deterministic lookup key of a value (hex, 64 characters). */
  index(field: PiiField, plain: string): string {
    return crypto.createHmac('sha256', this.indexKey).update(`${field}\0${plain}`).digest('hex');
  }

  /** The stored form of a one-time code, salted with its row id. */
  codeHash(salt: string, code: string): string {
    return crypto.createHmac('sha256', this.codeKey).update(`${salt}\0${code}`).digest('hex');
  }
}

/** `110105199001011234` → `1101**********1234` */
export const maskIdNumber = (id: string): string =>
  `${id.slice(0, 4)}${'*'.repeat(Math.max(0, id.length - 8))}${id.slice(-4)}`;

/** `13812345678` → `138****5678` */
export const maskPhone = (phone: string): string => `${phone.slice(0, 3)}****${phone.slice(-4)}`;

/** `张三` → `张*`, `欧阳娜娜` → `欧**娜`: enough for a caller to recognise, not to identify. */
export function maskName(name: string): string {
  const chars = Array.from(name);
  if (chars.length <= 2) return `${chars[0] ?? ''}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars.at(-1)}`;
}
