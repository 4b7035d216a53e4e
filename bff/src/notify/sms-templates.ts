// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Aliyun templates write their variables as ${name}
import type { NoticeKind } from '../db/entities/notice.js';

/** An SMS notification template as registered with Aliyun: its variables and its text. */
export interface SmsNoticeTemplate {
  code: string;
  params: readonly string[];
  text: string;
}

const VISIT = ['hospital', 'department', 'visit'] as const;

/** The default templates (sandbox codes); production sets the approved codes with NOTICE_SMS_TEMPLATES. */
export const DEFAULT_SMS_TEMPLATES: Record<NoticeKind, SmsNoticeTemplate> = {
  'booked-unpaid': {
    code: 'SMS_900000101',
    params: [...VISIT, 'deadline'],
    text: '您已预约${hospital}${department}${visit}的号，请于${deadline}前完成支付，逾期将自动取消。',
  },
  booked: {
    code: 'SMS_900000102',
    params: VISIT,
    text: '您已成功预约${hospital}${department}${visit}的号，请按时就诊。',
  },
  paid: {
    code: 'SMS_900000103',
    params: VISIT,
    text: '您预约的${hospital}${department}${visit}已支付成功，请按时就诊。',
  },
  cancelled: { code: 'SMS_900000104', params: VISIT, text: '您预约的${hospital}${department}${visit}已取消。' },
  'stop-clinic': {
    code: 'SMS_900000105',
    params: [...VISIT, 'reason'],
    text: '很抱歉，${hospital}${department}${visit}停诊（${reason}），您的预约已取消，已付费用将原路退回。',
  },
  refunded: {
    code: 'SMS_900000106',
    params: [...VISIT, 'amount'],
    text: '您预约的${hospital}${department}${visit}的挂号费${amount}元已退回原支付账户。',
  },
  expiring: {
    code: 'SMS_900000107',
    params: [...VISIT, 'deadline'],
    text: '您预约的${hospital}${department}${visit}尚未支付，将于${deadline}自动取消，请尽快支付。',
  },
  expired: {
    code: 'SMS_900000108',
    params: VISIT,
    text: '您预约的${hospital}${department}${visit}因超时未支付已自动取消。',
  },
  reminder: {
    code: 'SMS_900000109',
    params: VISIT,
    text: '就诊提醒：您预约了明天${hospital}${department}${visit}的号，请携带身份证件按时就诊。',
  },
  'waitlist-booked': {
    code: 'SMS_900000110',
    params: [...VISIT, 'tip'],
    text: '候补成功：已为您预约${hospital}${department}${visit}的号，${tip}。',
  },
  'waitlist-ended': {
    code: 'SMS_900000111',
    params: [...VISIT, 'tip'],
    text: '您候补的${hospital}${department}${visit}未能约到号源（${tip}），候补已结束。',
  },
  'draw-won': {
    code: 'SMS_900000112',
    params: [...VISIT, 'tip'],
    text: '抽签结果：预约成功。已为您预约${hospital}${department}${visit}的号，${tip}。',
  },
  'draw-lost': {
    code: 'SMS_900000113',
    params: [...VISIT, 'tip'],
    text: '抽签结果：未约上。您登记的${hospital}${department}${visit}放号抽签未约到号源（${tip}）。',
  },
};

/** The text a template gives with these parameters (what the phone shows after the sign name). */
export function renderSms(text: string, params: Record<string, string>): string {
  return text.replace(/\$\{(\w+)\}/g, (_, name: string) => params[name] ?? '');
}
