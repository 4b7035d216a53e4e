import { json, type Reply } from './http.js';

/** Messages one cashier order may carry (pay-scene messages are limited per order). */
const PER_ORDER = 3;
/** scene_type of a 百度收银台 order: its scene_id is the cashier's orderId. */
const CASHIER_ORDER = '2';

const failure = (errno: number, msg: string): Reply => json({ errno, msg, data: {} });

export interface SentBaiduTemplate {
  toOpenId: string;
  templateId: string;
  sceneId: string;
  page: string;
  data: Record<string, string>;
  sentAt: string;
}

export interface BaiduTemplateContext {
  /** The templates (id → keywords) of the mini-program. */
  templates: Record<string, string[]>;
  tokenState(token: string): 'valid' | 'invalid' | 'expired';
  isPaidOrder(orderId: string): boolean;
  now(): number;
}

/**
 * Baidu's `POST /rest/2.0/smartapp/template/send` (form: access_token, touser_openId, template_id,
 * data as JSON, page, scene_id, scene_type), answering `{errno, msg, data}` (2002 bad parameters,
 * 4001 unknown template, 4004 invalid scene id).
 */
export class BaiduTemplateMessages {
  readonly sent: SentBaiduTemplate[] = [];
  private readonly used = new Map<string, number>();
  private nextKey = 5_000_000;

  constructor(private readonly c: BaiduTemplateContext) {}

  send(p: Map<string, string>): Reply {
    const token = this.c.tokenState(p.get('access_token') ?? '');
    if (token === 'invalid') return failure(110, 'Access token invalid or no longer valid');
    if (token === 'expired') return failure(111, 'Access token expired');
    const toOpenId = p.get('touser_openId') ?? '';
    const templateId = p.get('template_id') ?? '';
    const sceneId = p.get('scene_id') ?? '';
    if (!toOpenId || !sceneId || !p.get('scene_type')) return failure(2002, '参数错误');
    const keywords = this.c.templates[templateId];
    if (!keywords) return failure(4001, 'template_id 不正确');
    if (p.get('scene_type') !== CASHIER_ORDER || !this.c.isPaidOrder(sceneId)) return failure(4004, '场景id无效');
    if ((this.used.get(sceneId) ?? 0) >= PER_ORDER) return failure(4004, '场景id无效');
    let data: Record<string, { value?: unknown }>;
    try {
      data = JSON.parse(p.get('data') ?? '') as typeof data;
    } catch {
      return failure(2002, '参数错误');
    }
    const values: Record<string, string> = {};
    for (const k of keywords) {
      const value = data?.[k]?.value;
      if (typeof value !== 'string' || !value) return failure(2002, '参数错误');
      values[k] = value;
    }
    this.used.set(sceneId, (this.used.get(sceneId) ?? 0) + 1);
    this.sent.unshift({
      toOpenId,
      templateId,
      sceneId,
      page: p.get('page') ?? '',
      data: values,
      sentAt: new Date(this.c.now()).toISOString(),
    });
    return json({ errno: 0, msg: 'success', data: { msg_key: this.nextKey++ } });
  }
}
