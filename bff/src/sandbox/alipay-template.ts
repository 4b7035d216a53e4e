import type { AlipayTrade, MethodResult } from './alipay-trade.js';

/** Messages Alipay lets a paid trade carry (its form_id), as it limits pay-scene messages. */
const PER_TRADE = 3;

export interface SentAlipayTemplate {
  toUserId: string;
  templateId: string;
  formId: string;
  page: string;
  data: Record<string, string>;
  sentAt: string;
}

/**
 * `alipay.open.app.mini.templatemessage.send` (biz_content: to_user_id, form_id, user_template_id,
 * page, data as a JSON string): the form_id of a pay-scene message is the user's paid trade no.
 */
export class AlipayTemplateMessages {
  readonly sent: SentAlipayTemplate[] = [];
  private readonly used = new Map<string, number>();

  constructor(
    private readonly templates: Record<string, string[]>,
    private readonly trades: () => Iterable<AlipayTrade>,
    private readonly now: () => number,
  ) {}

  send(biz: Record<string, unknown>): MethodResult {
    const fail = (subCode: string, subMsg: string): MethodResult => ({ ok: false, subCode, subMsg });
    const toUserId = String(biz.to_user_id ?? '');
    const formId = String(biz.form_id ?? '');
    const templateId = String(biz.user_template_id ?? '');
    const page = String(biz.page ?? '');
    if (!/^2088\d{12}$/.test(toUserId)) return fail('USER_ID_INVALID', '用户ID不合法');
    const keywords = this.templates[templateId];
    if (!keywords) return fail('USER_TEMPLATE_ILLEGAL', '模板不存在');
    if (!page) return fail('PAGE_ILLEGAL', '跳转页面不能为空');
    const trade = [...this.trades()].find((t) => t.tradeNo === formId);
    if (!trade || trade.paidAt === null || trade.buyerId !== toUserId) return fail('FORM_ID_ILLEGAL', 'form_id不合法');
    if ((this.used.get(formId) ?? 0) >= PER_TRADE) return fail('FORM_ID_USED_UP', 'form_id使用次数超限');
    let data: Record<string, { value?: unknown }>;
    try {
      data = JSON.parse(String(biz.data ?? '')) as typeof data;
    } catch {
      return fail('DATA_ILLEGAL', 'data不是合法的JSON');
    }
    const values: Record<string, string> = {};
    for (const k of keywords) {
      const value = data?.[k]?.value;
      if (typeof value !== 'string' || !value) return fail('DATA_ILLEGAL', `缺少关键词${k}`);
      values[k] = value;
    }
    this.used.set(formId, (this.used.get(formId) ?? 0) + 1);
    this.sent.unshift({ toUserId, templateId, formId, page, data: values, sentAt: new Date(this.now()).toISOString() });
    return { ok: true, body: {} };
  }
}
