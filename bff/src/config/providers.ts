import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Env } from './env.js';
import { sandboxKeyPair } from './sandbox-keys.js';

/** Credentials of the external services the identity domain calls. */
export interface ProviderConfig {
  wechat: { appId: string; secret: string };
  alipay: { appId: string; privateKey: string; alipayPublicKey: string; keyType: 'PKCS1' | 'PKCS8' };
  baidu: { clientId: string; sk: string };
  sms: { accessKeyId: string; accessKeySecret: string; signName: string; templateCode: string };
  idv: { accessKeyId: string; accessKeySecret: string };
}

/** A text secret shared by sandbox processes, generated once into the data folder. */
function sandboxText(dataDir: string, name: string): string {
  const file = path.join(dataDir, 'sandbox-secrets', name);
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    try {
      fs.writeFileSync(file, crypto.randomBytes(16).toString('hex'), { flag: 'wx', mode: 0o600 });
    } catch {
      /* written by another process */
    }
    return fs.readFileSync(file, 'utf8').trim();
  }
}

const keyTypeOf = (pem: string): 'PKCS1' | 'PKCS8' => (pem.includes('BEGIN RSA PRIVATE KEY') ? 'PKCS1' : 'PKCS8');

/**
 * Production values come from the environment (loadConfig requires them); in sandbox mode what
 * is missing is generated into DATA_DIR/sandbox-secrets, where the emulator reads it too.
 */
export function resolveProviders(env: Env): ProviderConfig {
  const dir = env.DATA_DIR;
  const alipayPrivateKey = env.ALIPAY_PRIVATE_KEY ?? sandboxKeyPair(dir, 'alipay-app').privateKey;
  return {
    wechat: { appId: env.WECHAT_APPID, secret: env.WECHAT_SECRET ?? sandboxText(dir, 'wechat-secret') },
    alipay: {
      appId: env.ALIPAY_APPID,
      privateKey: alipayPrivateKey,
      alipayPublicKey: env.ALIPAY_PUBLIC_KEY ?? sandboxKeyPair(dir, 'alipay-platform').publicKey,
      keyType: env.ALIPAY_KEY_TYPE ?? keyTypeOf(alipayPrivateKey),
    },
    baidu: { clientId: env.BAIDU_CLIENT_ID, sk: env.BAIDU_SK ?? sandboxText(dir, 'baidu-sk') },
    sms: {
      accessKeyId: env.SMS_ACCESS_KEY_ID,
      accessKeySecret: env.SMS_ACCESS_KEY_SECRET ?? sandboxText(dir, 'sms-access-key-secret'),
      signName: env.SMS_SIGN_NAME,
      templateCode: env.SMS_TEMPLATE_CODE,
    },
    idv: { accessKeyId: env.IDV_ACCESS_KEY_ID, accessKeySecret: env.IDV_ACCESS_KEY_SECRET ?? sandboxText(dir, 'idv-access-key-secret') },
  };
}
