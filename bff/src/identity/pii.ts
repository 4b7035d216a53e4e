import crypto from 'node:crypto';
import { SmEnvelope } from './sm-envelope.js';

/** AES-256-GCM ciphertexts, HMAC-SHA256 indexes. */
const V1 = 'v1';
/** SM4-CTR + HMAC-SM3 ciphertexts, HMAC-SM3 indexes (GB/T 39786, the 国密 configuration). */
const V2 = 'v2';

/** Which algorithms new ciphertexts and blind indexes use; both are always read. */
export type PiiCipher = 'aes-gcm' | 'sm4';

/** Which kind of value a ciphertext or index holds: bound into both, so they never mix. */
export type PiiField = 'phone' | 'id-number' | 'hospital-secret' | 'share' | 'totp';

/**
 * Personal data at rest, each key derived from PII_KEY. `v1`: AES-256-GCM (random 96-bit IV, the
 * field as additional data), HMAC-SHA256 blind indexes. `v2`: SM4-CTR with HMAC-SM3 (see
 * SmEnvelope), HMAC-SM3 blind indexes. `cipher` chooses what is written; both versions are read,
 * and lookups go through `indexes()`, which gives the value's index under both algorithms, so rows
 * not yet re-indexed (ops/reencrypt) stay findable, and a switch back finds the re-indexed ones.
 */
export class Pii {
  readonly version: string;
  private readonly encKey: Buffer;
  private readonly sm: SmEnvelope;
  /** The blind-index and one-time-code keys of each configuration. */
  private readonly hmacKeys: Record<PiiCipher, Record<'index' | 'code', Buffer>>;

  constructor(
    masterKey: Buffer,
    readonly cipher: PiiCipher = 'aes-gcm',
  ) {
    if (masterKey.length !== 32) throw new Error('PII key must be 32 bytes');
    const derive = (info: string) => Buffer.from(crypto.hkdfSync('sha256', masterKey, Buffer.alloc(0), info, 32));
    this.encKey = derive('cityhealth/pii/encryption');
    const deriveSm = (info: string, bytes: number) =>
      Buffer.from(crypto.hkdfSync('sm3', masterKey, Buffer.alloc(0), info, bytes));
    this.sm = new SmEnvelope(V2, deriveSm('cityhealth/pii/sm4-encryption', 16), deriveSm('cityhealth/pii/sm3-mac', 32));
    this.hmacKeys = {
      'aes-gcm': { index: derive('cityhealth/pii/blind-index'), code: derive('cityhealth/pii/sms-code') },
      sm4: { index: deriveSm('cityhealth/pii/sm3-blind-index', 32), code: deriveSm('cityhealth/pii/sm3-sms-code', 32) },
    };
    this.version = cipher === 'sm4' ? V2 : V1;
  }

  encrypt(field: PiiField, plain: string): string {
    if (this.cipher === 'sm4') return `${V2}.${this.sm.seal(field, plain).toString('base64url')}`;
    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv('aes-256-gcm', this.encKey, iv);
    cipher.setAAD(Buffer.from(field));
    const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `${V1}.${Buffer.concat([iv, ct, cipher.getAuthTag()]).toString('base64url')}`;
  }

  /** Decrypts and authenticates either version; throws on tampering or a wrong key. */
  decrypt(field: PiiField, stored: string): string {
    const [version, body] = stored.split('.');
    if (!body || (version !== V1 && version !== V2)) throw new Error('unknown PII ciphertext format');
    const raw = Buffer.from(body, 'base64url');
    if (version === V2) return this.sm.open(field, raw);
    if (raw.length < 12 + 16) throw new Error('PII ciphertext too short');
    const decipher = crypto.createDecipheriv('aes-256-gcm', this.encKey, raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(field));
    decipher.setAuthTag(raw.subarray(raw.length - 16));
    return Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]).toString('utf8');
  }

  /** Whether a stored ciphertext is already in the configured version. */
  isCurrent(stored: string): boolean {
    return stored.startsWith(`${this.version}.`);
  }

  /** The deterministic lookup key a value is written with (hex, 64 characters). */
  index(field: PiiField, plain: string): string {
    return this.indexUnder(this.cipher, field, plain);
  }

  /** The index under the other configuration: what a row not yet re-indexed holds. */
  legacyIndex(field: PiiField, plain: string): string {
    return this.indexUnder(otherCipher(this.cipher), field, plain);
  }

  /** Every index a stored row may hold for this value: look up with `IN` over these. */
  indexes(field: PiiField, plain: string): [string, string] {
    return [this.index(field, plain), this.legacyIndex(field, plain)];
  }

  /** The stored form of a one-time code, salted with its row id. */
  codeHash(salt: string, code: string): string {
    return this.hmacUnder(this.cipher, 'code', `${salt}\0${code}`);
  }

  /** Both forms of a one-time code: one issued just before a switch is still accepted. */
  codeHashes(salt: string, code: string): [string, string] {
    return [this.codeHash(salt, code), this.hmacUnder(otherCipher(this.cipher), 'code', `${salt}\0${code}`)];
  }

  private indexUnder(cipher: PiiCipher, field: PiiField, plain: string): string {
    return this.hmacUnder(cipher, 'index', `${field}\0${plain}`);
  }

  /** HMAC-SHA256 (aes-gcm) or HMAC-SM3 (sm4), with the key of that configuration and purpose. */
  private hmacUnder(cipher: PiiCipher, purpose: 'index' | 'code', text: string): string {
    const algorithm = cipher === 'sm4' ? 'sm3' : 'sha256';
    return crypto.createHmac(algorithm, this.hmacKeys[cipher][purpose]).update(text).digest('hex');
  }
}

const otherCipher = (cipher: PiiCipher): PiiCipher => (cipher === 'sm4' ? 'aes-gcm' : 'sm4');

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
