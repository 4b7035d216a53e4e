import crypto from 'node:crypto';
import { sandboxFile } from './sandbox-files.js';

export interface PemKeyPair {
  /** PKCS8 PEM */
  privateKey: string;
  /** SPKI PEM */
  publicKey: string;
}

/**
 * An RSA key pair that sandbox processes share, generated once into DATA_DIR/sandbox-secrets
 * (never committed). Used for the Alipay app key and the emulator's own "Alipay" key.
 */
export function sandboxKeyPair(dataDir: string, name: string): PemKeyPair {
  const privateKey = sandboxFile(dataDir, `${name}.pem`, () =>
    crypto
      .generateKeyPairSync('rsa', { modulusLength: 2048 })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString(),
  );
  const publicKey = crypto.createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
  return { privateKey, publicKey };
}
