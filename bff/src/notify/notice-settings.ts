import { z } from 'zod';
import type { Env } from '../config/env.js';
import type { NoticeKind } from '../db/entities/notice.js';
import { DEFAULT_SMS_TEMPLATES, type SmsNoticeTemplate } from './sms-templates.js';
import {
  DEFAULT_ALIPAY_TEMPLATES,
  DEFAULT_BAIDU_TEMPLATES,
  DEFAULT_WECHAT_TEMPLATES,
  type NoticeTemplateName,
} from './platform-templates.js';

export interface NoticeSettings {
  smsTemplates: Record<NoticeKind, SmsNoticeTemplate>;
  wechatTemplates: Record<NoticeTemplateName, string>;
  /** Alipay template message ids (user_template_id) of the same three templates. */
  alipayTemplates: Record<NoticeTemplateName, string>;
  /** Baidu template ids of the same three templates. */
  baiduTemplates: Record<NoticeTemplateName, string>;
  wechatState: 'developer' | 'trial' | 'formal';
  /** HH:MM, Asia/Shanghai, the day before the visit. */
  reminderTime: string;
  expiryLeadMs: number;
  maxAttempts: number;
}

const Codes = z.record(z.string(), z.string().min(1).max(64));

/** A JSON object of codes by name, naming only `known` ones (a misspelt name would silently keep the default). */
function overrides(name: string, text: string | undefined, known: readonly string[]): Record<string, string> {
  if (!text) return {};
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`${name} is not JSON`);
  }
  const parsed = Codes.safeParse(json);
  if (!parsed.success) throw new Error(`${name} must be a JSON object of strings`);
  const unknown = Object.keys(parsed.data).filter((k) => !known.includes(k));
  if (unknown.length) throw new Error(`${name} names ${unknown.join(', ')}; known: ${known.join(', ')}`);
  return parsed.data;
}

/** The notification settings of the environment, with the defaults for what it leaves out. */
export function noticeSettings(env: Env): NoticeSettings {
  const names = Object.keys(DEFAULT_WECHAT_TEMPLATES);
  const sms = overrides('NOTICE_SMS_TEMPLATES', env.NOTICE_SMS_TEMPLATES, Object.keys(DEFAULT_SMS_TEMPLATES));
  const wechat = overrides('NOTICE_WECHAT_TEMPLATES', env.NOTICE_WECHAT_TEMPLATES, names);
  const smsTemplates = Object.fromEntries(
    Object.entries(DEFAULT_SMS_TEMPLATES).map(([kind, t]) => [kind, { ...t, code: sms[kind] ?? t.code }]),
  ) as Record<NoticeKind, SmsNoticeTemplate>;
  const alipay = overrides('NOTICE_ALIPAY_TEMPLATES', env.NOTICE_ALIPAY_TEMPLATES, names);
  const baidu = overrides('NOTICE_BAIDU_TEMPLATES', env.NOTICE_BAIDU_TEMPLATES, names);
  const ids = (defaults: Record<NoticeTemplateName, string>, set: Record<string, string>) =>
    Object.fromEntries(Object.entries(defaults).map(([name, id]) => [name, set[name] ?? id])) as Record<
      NoticeTemplateName,
      string
    >;
  return {
    smsTemplates,
    wechatTemplates: ids(DEFAULT_WECHAT_TEMPLATES, wechat),
    alipayTemplates: ids(DEFAULT_ALIPAY_TEMPLATES, alipay),
    baiduTemplates: ids(DEFAULT_BAIDU_TEMPLATES, baidu),
    wechatState: env.NOTICE_WECHAT_STATE,
    reminderTime: env.NOTICE_REMINDER_TIME,
    expiryLeadMs: env.NOTICE_EXPIRY_LEAD_MINUTES * 60_000,
    maxAttempts: env.NOTICE_MAX_ATTEMPTS,
  };
}
