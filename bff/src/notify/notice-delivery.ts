import { SmsSendError, type SmsTemplateSender } from '../identity/sms/sender.js';
import type { NoticeChannel, NoticeKind } from '../db/entities/notice.js';
import { ChannelError } from '../pay/channel.js';
import type { BaiduOpenApi } from '../pay/baidu/baidu-openapi.js';
import { AlipayTemplateError, type AlipayTemplateClient } from './channels/alipay-template-client.js';
import { WechatApiError, type WechatSubscribeClient } from './channels/wechat-subscribe-client.js';
import type { NoticeSettings } from './notice-settings.js';
import {
  ALIPAY_TEMPLATE_FIELDS,
  BAIDU_TEMPLATE_FIELDS,
  WECHAT_TEMPLATE_FIELDS,
  NOTICE_TEMPLATE_OF,
} from './platform-templates.js';

/** A claimed notice with where it goes (the phone decrypted just for this send). */
export interface Delivery {
  id: string;
  kind: NoticeKind;
  orderId: string;
  channel: NoticeChannel;
  params: Record<string, string>;
  phone: string;
  openId: string | null;
  /** The Alipay user id and the trade no the order was paid with (the message's form id). */
  alipay: { userId: string; tradeNo: string } | null;
  /** The Baidu openid and the cashier's order id (the message's scene_id). */
  baidu: { openId: string; orderId: string } | null;
}

export type DeliveryResult =
  | { ok: true }
  /** `fallback`: the platform's message cannot go (no credit, form id used up); send it by SMS instead. */
  | { ok: false; code: string; retryable: boolean; fallback: boolean };

const BAIDU_TEMPLATE_SEND = '/rest/2.0/smartapp/template/send';
/** scene_type 2: the scene_id is a 百度收银台 order. */
const BAIDU_CASHIER_ORDER = '2';

/** Sends one notice by its channel: an SMS template message or a WeChat subscription message. */
export class NoticeDelivery {
  constructor(
    private readonly settings: NoticeSettings,
    private readonly sms: SmsTemplateSender,
    private readonly wechat: WechatSubscribeClient,
    private readonly alipay: AlipayTemplateClient,
    private readonly baidu: BaiduOpenApi,
  ) {}

  async send(d: Delivery): Promise<DeliveryResult> {
    try {
      if (d.channel === 'wechat') await this.sendWechat(d);
      else if (d.channel === 'alipay') await this.sendAlipay(d);
      else if (d.channel === 'baidu') await this.sendBaidu(d);
      else await this.sendSms(d);
      return { ok: true };
    } catch (e) {
      if (e instanceof WechatApiError)
        // a refusal that will not change (no subscription 43101, a bad openid 40003 …): SMS takes it
        return { ok: false, code: `wechat:${e.errcode}`, retryable: e.retryable, fallback: !e.retryable };
      if (e instanceof AlipayTemplateError)
        return { ok: false, code: `alipay:${e.code}`, retryable: e.retryable, fallback: !e.retryable };
      if (e instanceof ChannelError)
        return { ok: false, code: `baidu:${e.code}`, retryable: e.retryable, fallback: !e.retryable };
      if (e instanceof SmsSendError)
        return { ok: false, code: `sms:${e.code}`, retryable: e.retryable, fallback: false };
      return { ok: false, code: 'internal', retryable: true, fallback: false };
    }
  }

  private async sendSms(d: Delivery): Promise<void> {
    const template = this.settings.smsTemplates[d.kind];
    const params = Object.fromEntries(template.params.map((name) => [name, d.params[name] ?? '']));
    await this.sms.sendTemplate({ phone: d.phone, templateCode: template.code, params, outId: d.id });
  }

  private async sendAlipay(d: Delivery): Promise<void> {
    if (!d.alipay) throw new AlipayTemplateError('FORM_ID_ILLEGAL', false);
    const name = NOTICE_TEMPLATE_OF[d.kind];
    const fields = ALIPAY_TEMPLATE_FIELDS[name];
    await this.alipay.send({
      toUserId: d.alipay.userId,
      formId: d.alipay.tradeNo,
      templateId: this.settings.alipayTemplates[name],
      page: pageOf(d),
      data: Object.fromEntries(Object.entries(fields).map(([key, param]) => [key, d.params[param] ?? ''])),
    });
  }

  private async sendBaidu(d: Delivery): Promise<void> {
    if (!d.baidu) throw new ChannelError('baidu', '4004', 'no paid cashier order', false);
    const name = NOTICE_TEMPLATE_OF[d.kind];
    const fields = BAIDU_TEMPLATE_FIELDS[name];
    const data = Object.fromEntries(
      Object.entries(fields).map(([key, param]) => [key, { value: d.params[param] ?? '' }]),
    );
    await this.baidu.post(BAIDU_TEMPLATE_SEND, {
      touser_openId: d.baidu.openId,
      template_id: this.settings.baiduTemplates[name],
      data: JSON.stringify(data),
      page: pageOf(d),
      scene_id: d.baidu.orderId,
      scene_type: BAIDU_CASHIER_ORDER,
    });
  }

  private async sendWechat(d: Delivery): Promise<void> {
    if (!d.openId) throw new WechatApiError(40003, false);
    const name = NOTICE_TEMPLATE_OF[d.kind];
    const fields = WECHAT_TEMPLATE_FIELDS[name];
    await this.wechat.send({
      touser: d.openId,
      templateId: this.settings.wechatTemplates[name],
      page: pageOf(d),
      data: Object.fromEntries(Object.entries(fields).map(([key, param]) => [key, d.params[param] ?? ''])),
      state: this.settings.wechatState,
    });
  }
}

/**
 * The page a message opens: the booking, the waitlist list for a waitlist that ended unserved,
 * the bookings list for a draw that was lost (its notice names a ticket, not an order).
 */
const pageOf = (d: Delivery) =>
  d.kind === 'waitlist-ended'
    ? 'packages/waitlist/index'
    : d.kind === 'draw-lost'
      ? 'pages/orders/index'
      : `packages/order/detail?id=${d.orderId}`;
