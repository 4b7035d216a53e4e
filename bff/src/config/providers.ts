import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Env } from './env.js';
import { sandboxKeyPair } from './sandbox-keys.js';

/** Credentials of the external services the identity domain calls. */
export interface ProviderConfig {
  wechat: { appId: string; secret: string };
  /** sellerId: the merchant's partner id (2088…) that paid trades must name. */
  alipay: { appId: string; sellerId: string; privateKey: string; alipayPublicKey: string; keyType: 'PKCS1' | 'PKCS8' };
  baidu: { clientId: string; sk: string };
  sms: { accessKeyId: string; accessKeySecret: string; signName: string; templateCode: string };
  idv: { accessKeyId: string; accessKeySecret: string };
  /** The entry-exit check's account (appId, appSecret), for the documents other than the ID card. */
  idvDocument: { appId: string; appSecret: string };
  /** WeChat Pay v3 (public-key mode); null when this deployment does not take WeChat Pay. */
  wechatPay: WechatPayCredentials | null;
  /** The Baidu cashier; null when this deployment does not take it. */
  baiduPay: BaiduPayCredentials | null;
}

export interface BaiduPayCredentials {
  dealId: string;
  payAppKey: string;
  /** Our key (PEM); Baidu holds its public half. */
  privateKey: string;
  /** Baidu's 平台公钥 (PEM): verifies notifies. */
  platformPublicKey: string;
}

export const BAIDU_PAY_SECRETS = [
  'BAIDU_PAY_DEAL_ID',
  'BAIDU_PAY_APP_KEY',
  'BAIDU_PAY_PRIVATE_KEY',
  'BAIDU_PAY_PUBLIC_KEY',
] as const;

export interface WechatPayCredentials {
  appId: string;
  mchId: string;
  /** The merchant API key (PEM) and its certificate serial number. */
  privateKey: string;
  serialNo: string;
  /** APIv3 key: 32 ASCII characters, decrypts notifies. */
  apiV3Key: string;
  /** 微信支付公钥 mode: the platform's public key and its id, named in Wechatpay-Serial. */
  publicKeyId: string;
  publicKey: string;
}

export const WECHATPAY_SECRETS = [
  'WECHATPAY_PRIVATE_KEY',
  'WECHATPAY_SERIAL_NO',
  'WECHATPAY_API_V3_KEY',
  'WECHATPAY_PUBLIC_KEY',
  'WECHATPAY_PUBLIC_KEY_ID',
] as const;

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

/** The sandbox merchant's Alipay partner id, named by the emulator in every paid notify. */
export const SANDBOX_ALIPAY_SELLER_ID = '2088102177000001';

const keyTypeOf = (pem: string): 'PKCS1' | 'PKCS8' => (pem.includes('BEGIN RSA PRIVATE KEY') ? 'PKCS1' : 'PKCS8');

/**
 * Production values come from the environment (loadConfig requires them); in sandbox mode what
 * is missing is generated into DATA_DIR/sandbox-secrets, where the emulator reads it too.
 */
export function resolveProviders(env: Env, sandbox: boolean): ProviderConfig {
  const dir = env.DATA_DIR;
  const alipayPrivateKey = env.ALIPAY_PRIVATE_KEY ?? sandboxKeyPair(dir, 'alipay-app').privateKey;
  return {
    wechat: { appId: env.WECHAT_APPID, secret: env.WECHAT_SECRET ?? sandboxText(dir, 'wechat-secret') },
    alipay: {
      appId: env.ALIPAY_APPID,
      sellerId: env.ALIPAY_SELLER_ID ?? SANDBOX_ALIPAY_SELLER_ID,
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
    idv: {
      accessKeyId: env.IDV_ACCESS_KEY_ID,
      accessKeySecret: env.IDV_ACCESS_KEY_SECRET ?? sandboxText(dir, 'idv-access-key-secret'),
    },
    idvDocument: {
      appId: env.IDV_DOCUMENT_APP_ID ?? 'jmsandbox0000001',
      appSecret: env.IDV_DOCUMENT_APP_SECRET ?? sandboxText(dir, 'idv-document-app-secret'),
    },
    wechatPay: sandbox || WECHATPAY_SECRETS.every((k) => env[k]) ? wechatPayCredentials(env) : null,
    baiduPay: (env.BAIDU_PAY ?? sandbox) ? baiduPayCredentials(env) : null,
  };
}

/** The Baidu cashier's settings; in sandbox mode the missing ones are generated. */
function baiduPayCredentials(env: Env): BaiduPayCredentials {
  const dir = env.DATA_DIR;
  return {
    dealId: env.BAIDU_PAY_DEAL_ID ?? '470193086',
    payAppKey: env.BAIDU_PAY_APP_KEY ?? 'MMMsandbox',
    privateKey: env.BAIDU_PAY_PRIVATE_KEY ?? sandboxKeyPair(dir, 'baidupay-developer').privateKey,
    platformPublicKey: env.BAIDU_PAY_PUBLIC_KEY ?? sandboxKeyPair(dir, 'baidupay-platform').publicKey,
  };
}

/** The merchant's WeChat Pay credentials; in sandbox mode the missing ones are generated. */
function wechatPayCredentials(env: Env): WechatPayCredentials {
  const dir = env.DATA_DIR;
  const merchant = env.WECHATPAY_PRIVATE_KEY ?? sandboxKeyPair(dir, 'wechatpay-merchant').privateKey;
  const merchantPublic = crypto.createPublicKey(merchant).export({ type: 'spki', format: 'der' });
  const platformKey = env.WECHATPAY_PUBLIC_KEY ?? sandboxKeyPair(dir, 'wechatpay-platform').publicKey;
  // A sandbox key id follows from the key, so two sandboxes in one process never share an id.
  const sandboxKeyId = () => {
    const hash = BigInt(`0x${crypto.createHash('sha256').update(platformKey).digest('hex')}`);
    return `PUB_KEY_ID_01${(hash % 10n ** 24n).toString().padStart(24, '0')}`;
  };
  return {
    appId: env.WECHAT_APPID,
    mchId: env.WECHATPAY_MCHID,
    privateKey: merchant,
    serialNo: env.WECHATPAY_SERIAL_NO ?? crypto.createHash('sha1').update(merchantPublic).digest('hex').toUpperCase(),
    apiV3Key: env.WECHATPAY_API_V3_KEY ?? sandboxText(dir, 'wechatpay-apiv3-key'),
    publicKeyId: env.WECHATPAY_PUBLIC_KEY_ID ?? sandboxKeyId(),
    publicKey: platformKey,
  };
}
