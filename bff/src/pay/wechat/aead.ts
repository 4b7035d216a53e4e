import crypto from 'node:crypto';

/** An `encrypt-resource` of a WeChat Pay v3 notify (and of its platform certificates). */
export interface EncryptedResource {
  algorithm: 'AEAD_AES_256_GCM';
  ciphertext: string;
  associated_data: string;
  nonce: string;
  original_type?: string;
}

const TAG_BYTES = 16;

/**
 * AEAD_AES_256_GCM with the APIv3 key: base64(ciphertext ‖ 16-byte tag), a 12-character nonce.
 * Decryption checks the tag (the SDK's decipher_gcm does not), so a forged or altered resource
 * throws instead of yielding garbage.
 */
export function decryptResource(
  apiV3Key: string,
  r: Pick<EncryptedResource, 'ciphertext' | 'associated_data' | 'nonce'>,
): string {
  const raw = Buffer.from(r.ciphertext, 'base64');
  if (raw.length <= TAG_BYTES) throw new Error('ciphertext too short');
  const decipher = crypto.createDecipheriv('aes-256-gcm', Buffer.from(apiV3Key, 'utf8'), Buffer.from(r.nonce, 'utf8'));
  decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
  decipher.setAAD(Buffer.from(r.associated_data ?? '', 'utf8'));
  return Buffer.concat([decipher.update(raw.subarray(0, raw.length - TAG_BYTES)), decipher.final()]).toString('utf8');
}

export function encryptResource(
  apiV3Key: string,
  plaintext: string,
  associatedData: string,
  originalType: string,
): EncryptedResource {
  const nonce = crypto.randomBytes(9).toString('base64url').slice(0, 12);
  const cipher = crypto.createCipheriv('aes-256-gcm', Buffer.from(apiV3Key, 'utf8'), Buffer.from(nonce, 'utf8'));
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return {
    original_type: originalType,
    algorithm: 'AEAD_AES_256_GCM',
    ciphertext: ct.toString('base64'),
    associated_data: associatedData,
    nonce,
  };
}
