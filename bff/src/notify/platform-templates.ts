import type { NoticeKind } from '../db/entities/notice.js';

/**
 * The three message templates each platform has registered (WeChat subscription, Alipay and
 * Baidu template messages): the booking's result, the visit reminder, a change of the booking.
 * On WeChat they are what the mini-program asks consent for (at most 3 per request).
 */
export type NoticeTemplateName = 'booking' | 'reminder' | 'change';

/**
 * A subscription template's keywords (thing1, time2 …, chosen when the template was added in the
 * WeChat console), each filled from a notice parameter; `status` is the phrase of the notice kind.
 */
export const WECHAT_TEMPLATE_FIELDS: Record<NoticeTemplateName, Record<string, string>> = {
  booking: { thing1: 'place', time2: 'visit', phrase3: 'status', thing4: 'tip' },
  reminder: { thing1: 'place', time2: 'visit', thing3: 'tip' },
  change: { thing1: 'place', time2: 'visit', phrase3: 'status', thing4: 'tip' },
};

/** Which template tells each notice kind, on every platform. */
export const NOTICE_TEMPLATE_OF: Record<NoticeKind, NoticeTemplateName> = {
  'booked-unpaid': 'booking',
  booked: 'booking',
  paid: 'booking',
  cancelled: 'change',
  'stop-clinic': 'change',
  refunded: 'change',
  expiring: 'change',
  expired: 'change',
  reminder: 'reminder',
  'waitlist-booked': 'booking',
  'waitlist-ended': 'change',
  // the draw's result is the booking's result, the template asked for when the patient pressed 确认预约
  'draw-won': 'booking',
  'draw-lost': 'booking',
};

/** Sandbox template ids; production sets its own with NOTICE_WECHAT_TEMPLATES. */
export const DEFAULT_WECHAT_TEMPLATES: Record<NoticeTemplateName, string> = {
  booking: 'sandbox-booking-result-0000000000000000',
  reminder: 'sandbox-visit-reminder-000000000000000',
  change: 'sandbox-booking-change-00000000000000000',
};

/** Alipay's template messages of the same three kinds: keyword1 … filled from the same parameters. */
export const ALIPAY_TEMPLATE_FIELDS: Record<NoticeTemplateName, Record<string, string>> = {
  booking: { keyword1: 'place', keyword2: 'visit', keyword3: 'status', keyword4: 'tip' },
  reminder: { keyword1: 'place', keyword2: 'visit', keyword3: 'tip' },
  change: { keyword1: 'place', keyword2: 'visit', keyword3: 'status', keyword4: 'tip' },
};

export const DEFAULT_ALIPAY_TEMPLATES: Record<NoticeTemplateName, string> = {
  booking: 'c2FuZGJveC1hbGlwYXktYm9va2luZw==',
  reminder: 'c2FuZGJveC1hbGlwYXktcmVtaW5kZXI=',
  change: 'c2FuZGJveC1hbGlwYXktY2hhbmdl',
};

/** Baidu's template messages: keyword1 … like Alipay's. */
export const BAIDU_TEMPLATE_FIELDS = ALIPAY_TEMPLATE_FIELDS;

export const DEFAULT_BAIDU_TEMPLATES: Record<NoticeTemplateName, string> = {
  booking: 'BD0000000000000001',
  reminder: 'BD0000000000000002',
  change: 'BD0000000000000003',
};
