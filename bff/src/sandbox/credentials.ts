import crypto from 'node:crypto';
import type { Config } from '../config/config.js';
import { sandboxKeyPair } from '../config/sandbox-keys.js';
import type { BaiduPayCredentials } from './baidu-pay.js';
import type { WechatPayCredentials } from './wechat-pay.js';

/** What the emulators must know to check the BFF's requests and sign their answers. */
export interface SandboxCredentials {
  wechat: { appId: string; secret: string };
  /** The app's public key (to check request signatures) and the emulator's own "Alipay" private key. */
  alipay: { appId: string; sellerId: string; appPublicKey: string; platformPrivateKey: string };
  baidu: { clientId: string; sk: string };
  sms: { accessKeyId: string; accessKeySecret: string; signName: string; templateCode: string };
  idv: { accessKeyId: string; accessKeySecret: string };
  wechatPay: WechatPayCredentials | null;
  baiduPay: BaiduPayCredentials | null;
}

/** The emulators' view of a sandbox configuration: the same secrets, from DATA_DIR/sandbox-secrets. */
export function sandboxCredentials(config: Config): SandboxCredentials {
  const p = config.providers;
  return {
    wechat: { ...p.wechat },
    alipay: {
      appId: p.alipay.appId,
      sellerId: p.alipay.sellerId,
      appPublicKey: crypto.createPublicKey(p.alipay.privateKey).export({ type: 'spki', format: 'pem' }).toString(),
      platformPrivateKey: sandboxKeyPair(config.env.DATA_DIR, 'alipay-platform').privateKey,
    },
    baidu: { ...p.baidu },
    sms: { ...p.sms },
    idv: { ...p.idv },
    wechatPay: p.wechatPay && {
      appId: p.wechatPay.appId,
      mchId: p.wechatPay.mchId,
      merchantPublicKey: crypto
        .createPublicKey(p.wechatPay.privateKey)
        .export({ type: 'spki', format: 'pem' })
        .toString(),
      merchantSerialNo: p.wechatPay.serialNo,
      apiV3Key: p.wechatPay.apiV3Key,
      platformPrivateKey: sandboxKeyPair(config.env.DATA_DIR, 'wechatpay-platform').privateKey,
      publicKeyId: p.wechatPay.publicKeyId,
    },
    baiduPay: p.baiduPay && {
      clientId: p.baidu.clientId,
      sk: p.baidu.sk,
      dealId: p.baiduPay.dealId,
      payAppKey: p.baiduPay.payAppKey,
      developerPublicKey: crypto
        .createPublicKey(p.baiduPay.privateKey)
        .export({ type: 'spki', format: 'pem' })
        .toString(),
      platformPrivateKey: sandboxKeyPair(config.env.DATA_DIR, 'baidupay-platform').privateKey,
    },
  };
}
