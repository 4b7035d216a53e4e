import crypto from 'node:crypto';
import type { Clock } from '../shared/clock.js';
import { RpcGate } from './aliyun-rpc-gate.js';
import type { SandboxCredentials } from './credentials.js';
import { json, requestId, type Reply } from './http.js';

export interface OutboxMessage {
  phone: string;
  signName: string;
  templateCode: string;
  templateParam: Record<string, string>;
  content: string;
  bizId: string;
  sentAt: string;
}

/** Per-number flow control, as Aliyun applies it by default: 1 a minute, 5 an hour, 10 a day. */
export interface SmsFlowControl {
  perMinute: number;
  perHour: number;
  perDay: number;
}

const OUTBOX_MAX = 1000;
const PHONE = /^(?:\+?86)?(1[3-9]\d{9})$/;

/** Aliyun Dysmsapi `SendSms` (2017-05-25) with an outbox of what was "delivered", newest first. */
export class SmsEmulator {
  readonly outbox: OutboxMessage[] = [];
  private readonly gate: RpcGate;
  private readonly sent = new Map<string, number[]>();

  constructor(
    private readonly creds: SandboxCredentials['sms'],
    private readonly clock: Clock,
    private readonly flow: SmsFlowControl,
  ) {
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
    if (templateCode !== this.creds.templateCode) return biz('isv.SMS_TEMPLATE_ILLEGAL', '该账号下找不到对应模板');
    let param: Record<string, string>;
    try {
      param = JSON.parse(p.get('TemplateParam') ?? '') as Record<string, string>;
    } catch {
      return biz('isv.INVALID_JSON_PARAM', 'JSON参数不合法，只接受字符串值');
    }
    if (typeof param?.code !== 'string' || !param.code)
      return biz('isv.TEMPLATE_MISSING_PARAMETERS', '模板变量缺少对应参数值');
    const now = this.clock.now();
    for (const phone of phones) {
      const limited = this.limited(phone, now);
      if (limited) return biz('isv.BUSINESS_LIMIT_CONTROL', limited);
    }
    const bizId = `${Math.floor(now / 1000)}${crypto.randomInt(100000, 999999)}^0`;
    for (const phone of phones) {
      this.sent.set(phone, [...(this.sent.get(phone) ?? []).filter((t) => t > now - 86_400_000), now]);
      this.outbox.unshift({
        phone,
        signName,
        templateCode,
        templateParam: param,
        content: `【${signName}】您的验证码为：${param.code}，5分钟内有效，请勿泄露给他人。`,
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

  messagesFor(phone: string | null, limit = 50): OutboxMessage[] {
    return this.outbox.filter((m) => phone === null || m.phone === phone).slice(0, limit);
  }
}
