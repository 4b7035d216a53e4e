import crypto from 'node:crypto';

const IV_BYTES = 16;
const TAG_BYTES = 32;

/**
 * A GB/T 39786 ciphertext body: SM4-CTR (random 128-bit counter block) then HMAC-SM3 over the
 * version, the field, the IV and the ciphertext (encrypt-then-MAC, separate keys). CTR alone is
 * malleable, so the tag is checked, in constant time, before anything is deciphered.
 */
export class SmEnvelope {
  constructor(
    private readonly version: string,
    private readonly encKey: Buffer,
    private readonly macKey: Buffer,
  ) {
    if (encKey.length !== 16) throw new Error('SM4 key must be 16 bytes');
  }

  seal(field: string, plain: string): Buffer {
    const iv = crypto.randomBytes(IV_BYTES);
    const cipher = crypto.createCipheriv('sm4-ctr', this.encKey, iv);
    const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, ct, this.tag(field, iv, ct)]);
  }

  /** Throws on a wrong tag (tampering, a wrong key or another field's value). */
  open(field: string, raw: Buffer): string {
    if (raw.length < IV_BYTES + TAG_BYTES) throw new Error('PII ciphertext too short');
    const iv = raw.subarray(0, IV_BYTES);
    const ct = raw.subarray(IV_BYTES, raw.length - TAG_BYTES);
    if (!crypto.timingSafeEqual(this.tag(field, iv, ct), raw.subarray(raw.length - TAG_BYTES)))
      throw new Error('PII ciphertext failed authentication');
    const decipher = crypto.createDecipheriv('sm4-ctr', this.encKey, iv);
    return Buffer.concat([decipher.update(ct), decipher.final()]).toString('utf8');
  }

  // The version and field have no NUL and the IV a fixed length, so the concatenation is unambiguous.
  private tag(field: string, iv: Buffer, ct: Buffer): Buffer {
    return crypto.createHmac('sm3', this.macKey).update(`${this.version}\0${field}\0`).update(iv).update(ct).digest();
  }
}
