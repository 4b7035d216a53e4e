import type { SmsNoticeTemplate } from '../notify/sms-templates.js';
import crypto from 'node:crypto';
import type { Config } from '../config/config.js';
import { sandboxKeyPair } from '../config/sandbox-keys.js';
import type { BaiduPayCredentials } from './baidu-pay.js';
import type { WechatPayCredentials } from './wechat-pay.js';
import {
  ALIPAY_TEMPLATE_FIELDS,
  BAIDU_TEMPLATE_FIELDS,
  WECHAT_TEMPLATE_FIELDS,
  type NoticeTemplateName,
} from '../notify/platform-templates.js';

/** What the emulators must know to check the BFF's requests and sign their answers. */
export interface SandboxCredentials {
  /** templates: the keywords (thing1, time2 …) of each subscription template id. */
  wechat: { appId: string; secret: string; templates: Record<string, string[]> };
  /** The app's public key (to check request signatures) and the emulator's own "Alipay" private key. */
  alipay: {
    appId: string;
    sellerId: string;
    appPublicKey: string;
    platformPrivateKey: string;
    /** The keywords (keyword1 …) of each template message id. */
    templates: Record<string, string[]>;
  };
  baidu: { clientId: string; sk: string; templates: Record<string, string[]> };
  /** The verification-code template and the notification templates the emulator knows. */
  sms: {
    accessKeyId: string;
    accessKeySecret: string;
    signName: string;
    templateCode: string;
    notices: SmsNoticeTemplate[];
  };
  idv: { accessKeyId: string; accessKeySecret: string };
  idvDocument: { appId: string; appSecret: string };
  wechatPay: WechatPayCredentials | null;
  baiduPay: BaiduPayCredentials | null;
}

/** The emulators' view of a sandbox configuration: the same secrets, from DATA_DIR/sandbox-secrets. */
export function sandboxCredentials(config: Config): SandboxCredentials {
  const p = config.providers;
  return {
    wechat: { ...p.wechat, templates: templateKeywords(config.notices.wechatTemplates, WECHAT_TEMPLATE_FIELDS) },
    alipay: {
      appId: p.alipay.appId,
      sellerId: p.alipay.sellerId,
      appPublicKey: crypto.createPublicKey(p.alipay.privateKey).export({ type: 'spki', format: 'pem' }).toString(),
      platformPrivateKey: sandboxKeyPair(config.env.DATA_DIR, 'alipay-platform').privateKey,
      templates: templateKeywords(config.notices.alipayTemplates, ALIPAY_TEMPLATE_FIELDS),
    },
    baidu: { ...p.baidu, templates: templateKeywords(config.notices.baiduTemplates, BAIDU_TEMPLATE_FIELDS) },
    sms: { ...p.sms, notices: Object.values(config.notices.smsTemplates) },
    idv: { ...p.idv },
    idvDocument: { ...p.idvDocument },
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

/** The keywords of each template id, as the platform's console holds them. */
function templateKeywords(
  ids: Record<NoticeTemplateName, string>,
  fields: Record<NoticeTemplateName, Record<string, string>>,
): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(ids).map(([name, id]) => [id, Object.keys(fields[name as NoticeTemplateName])]),
  );
}
