import crypto from 'node:crypto';
import { renderSms } from '../notify/sms-templates.js';
import type { Clock } from '../shared/clock.js';
import { RpcGate } from './aliyun-rpc-gate.js';
import type { SandboxCredentials } from './credentials.js';
import { json, requestId, type Reply } from './http.js';
import { SmsFaults } from './sms-faults.js';

export interface OutboxMessage {
  phone: string;
  signName: string;
  templateCode: string;
  templateParam: Record<string, string>;
  /** The sender's id of the message (SendSms OutId), when it gave one. */
  outId: string | null;
  content: string;
  bizId: string;
  sentAt: string;
}

/**
 * Per-number flow control of verification codes, as Aliyun applies it by default: 1 a minute, 5 an
 * hour, 10 a day (per sign name). Notification templates are limited apart: 50 a day per template
 * and number, so a booking's several notices in one minute pass.
 */
export interface SmsFlowControl {
  perMinute: number;
  perHour: number;
  perDay: number;
}

const OUTBOX_MAX = 1000;
const NOTICE_PER_DAY = 50;
/** Aliyun's limit on one template variable's value (characters). */
const PARAM_MAX = 35;
const PHONE = /^(?:\+?86)?(1[3-9]\d{9})$/;

/**
 * Aliyun Dysmsapi `SendSms` (2017-05-25) with an outbox of what was "delivered", newest first. It
 * knows the verification-code template and the notification templates; a repeated OutId is
 * answered with the first send's BizId and not delivered again. `/sandbox/faults` arms failures.
 */
export class SmsEmulator {
  readonly outbox: OutboxMessage[] = [];
  private readonly gate: RpcGate;
  private readonly sent = new Map<string, number[]>();
  private readonly byOutId = new Map<string, string>();
  private readonly notices: Map<string, { params: readonly string[]; text: string }>;
  readonly faults = new SmsFaults();

  constructor(
    private readonly creds: SandboxCredentials['sms'],
    private readonly clock: Clock,
    private readonly flow: SmsFlowControl,
  ) {
    this.notices = new Map(creds.notices.map((t) => [t.code, t]));
    this.gate = new RpcGate({
      host: 'dysmsapi.aliyuncs.com',
      version: '2017-05-25',
      actions: new Set(['SendSms']),
      ...creds,
    });
  }

  handle(method: string, p: Map<string, string>): Reply {
    const refused = this.gate.check(method, p);
    if (refused) return refused;
    const biz = (Code: string, Message: string) => json({ RequestId: requestId(), Code, Message });
    const numbers = (p.get('PhoneNumbers') ?? '').split(',').map((s) => s.trim());
    const signName = p.get('SignName') ?? '';
    const templateCode = p.get('TemplateCode') ?? '';
    if (!numbers[0]) return biz('isv.MOBILE_NUMBER_ILLEGAL', '非法手机号');
    const phones: string[] = [];
    for (const n of numbers) {
      const m = PHONE.exec(n);
      if (!m) return biz('isv.MOBILE_NUMBER_ILLEGAL', '非法手机号');
      phones.push(m[1]!);
    }
    if (signName !== this.creds.signName) return biz('isv.SMS_SIGNATURE_ILLEGAL', '该账号下找不到对应签名');
    const notice = this.notices.get(templateCode);
    if (templateCode !== this.creds.templateCode && !notice)
      return biz('isv.SMS_TEMPLATE_ILLEGAL', '该账号下找不到对应模板');
    let param: Record<string, string>;
    try {
      param = JSON.parse(p.get('TemplateParam') ?? '') as Record<string, string>;
      if (!param || typeof param !== 'object' || Object.values(param).some((v) => typeof v !== 'string'))
        throw new Error('not an object of strings');
    } catch {
      return biz('isv.INVALID_JSON_PARAM', 'JSON参数不合法，只接受字符串值');
    }
    const wanted = notice ? notice.params : ['code'];
    if (wanted.some((name) => !param[name])) return biz('isv.TEMPLATE_MISSING_PARAMETERS', '模板变量缺少对应参数值');
    if (Object.values(param).some((v) => v.length > PARAM_MAX))
      return biz('isv.PARAM_LENGTH_LIMIT', '参数超出长度限制');
    const outId = p.get('OutId') || null;
    const earlier = outId ? this.byOutId.get(outId) : undefined;
    if (earlier) return json({ RequestId: requestId(), Code: 'OK', Message: 'OK', BizId: earlier });
    const fault = this.faults.take(phones);
    if (fault) return biz(fault, fault === 'isp.SYSTEM_ERROR' ? '系统错误' : '模拟的失败');
    const now = this.clock.now();
    const bucket = (phone: string) => (notice ? `${templateCode}:${phone}` : phone);
    for (const phone of phones) {
      const limited = notice ? this.noticeLimited(bucket(phone), now) : this.limited(phone, now);
      if (limited) return biz('isv.BUSINESS_LIMIT_CONTROL', limited);
    }
    const bizId = `${Math.floor(now / 1000)}${crypto.randomInt(100000, 999999)}^0`;
    if (outId) this.byOutId.set(outId, bizId);
    const text = notice ? renderSms(notice.text, param) : `您的验证码为：${param.code}，5分钟内有效，请勿泄露给他人。`;
    for (const phone of phones) {
      const key = bucket(phone);
      this.sent.set(key, [...(this.sent.get(key) ?? []).filter((t) => t > now - 86_400_000), now]);
      this.outbox.unshift({
        phone,
        signName,
        templateCode,
        templateParam: param,
        outId,
        content: `【${signName}】${text}`,
        bizId,
        sentAt: new Date(now).toISOString(),
      });
    }
    this.outbox.length = Math.min(this.outbox.length, OUTBOX_MAX);
    return json({ RequestId: requestId(), Code: 'OK', Message: 'OK', BizId: bizId });
  }

  private limited(phone: string, now: number): string | null {
    const times = this.sent.get(phone) ?? [];
    const within = (ms: number) => times.filter((t) => t > now - ms).length;
    if (within(60_000) >= this.flow.perMinute) return `触发分钟级流控Permits:${this.flow.perMinute}`;
    if (within(3600_000) >= this.flow.perHour) return `触发小时级流控Permits:${this.flow.perHour}`;
    if (within(86_400_000) >= this.flow.perDay) return `触发天级流控Permits:${this.flow.perDay}`;
    return null;
  }

  private noticeLimited(key: string, now: number): string | null {
    const today = (this.sent.get(key) ?? []).filter((t) => t > now - 86_400_000).length;
    return today >= NOTICE_PER_DAY ? `触发天级流控Permits:${NOTICE_PER_DAY}` : null;
  }

  messagesFor(phone: string | null, limit = 50): OutboxMessage[] {
    return this.outbox.filter((m) => phone === null || m.phone === phone).slice(0, limit);
  }
}
