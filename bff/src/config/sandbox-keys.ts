import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

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
  const file = path.join(dataDir, 'sandbox-secrets', `${name}.pem`);
  const read = (): PemKeyPair => {
    const privateKey = fs.readFileSync(file, 'utf8');
    const publicKey = crypto.createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
    return { privateKey, publicKey };
  };
  try {
    return read();
  } catch {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    try {
      fs.writeFileSync(file, pem, { flag: 'wx', mode: 0o600 });
    } catch {
      /* another process wrote it first: use theirs */
    }
    return read();
  }
}
