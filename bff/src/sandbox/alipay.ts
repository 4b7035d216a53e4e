import crypto from 'node:crypto';
import { beijingTimestamp, fromBeijingTimestamp } from '../shared/time.js';
import { systemClock, type Clock } from '../shared/clock.js';
import { AlipayBills } from './alipay-bill.js';
import { parseBillFaults } from './bill-faults.js';
import { AlipayNotifier } from './alipay-notify.js';
import { AlipayTemplateMessages } from './alipay-template.js';
import { AlipayTrades, type MethodResult } from './alipay-trade.js';
import type { SandboxCredentials } from './credentials.js';
import { json, type Reply } from './http.js';
import { stableId, type LoginCodes } from './login-codes.js';
import type { NotifyDelivery } from './notify-plan.js';
import { requestSignContent, signRsa2, verifyRsa2 } from './signing/alipay.js';

const MAX_SKEW_MS = 15 * 60_000;

/**
 * The Alipay open platform v2 gateway (`POST /gateway.do`): checks the app's RSA2 request
 * signature and signs every answer with the emulator's key over the exact JSON text of the
 * `…_response` member, as Alipay does. Methods: alipay.system.oauth.token (login), the trade
 * API of a mini-program merchant and the bill download URL; `/alipay/sandbox/*` is the tester's side.
 */
export class AlipayEmulator {
  private readonly trades: AlipayTrades;
  private readonly bills: AlipayBills;
  readonly templates: AlipayTemplateMessages;

  constructor(
    private readonly creds: SandboxCredentials['alipay'],
    private readonly codes: LoginCodes,
    clock: Clock = systemClock,
    deliveries: NotifyDelivery[] = [],
  ) {
    this.trades = new AlipayTrades(
      clock,
      creds.sellerId,
      new AlipayNotifier(creds.appId, creds.platformPrivateKey, clock, deliveries),
    );
    this.bills = new AlipayBills(this.userIdOf('merchant'), clock, () => this.trades.all());
    this.templates = new AlipayTemplateMessages(
      creds.templates,
      () => this.trades.all(),
      () => clock.now(),
    );
  }

  gateway(p: Map<string, string>, origin: string): Reply {
    const method = p.get('method') ?? '';
    const key = `${method.replaceAll('.', '_')}_response`;
    const invalid = (sub_code: string, sub_msg: string, where = key) =>
      this.reply(where, { code: '40002', msg: 'Invalid Arguments', sub_code, sub_msg });

    for (const field of ['app_id', 'method', 'sign_type', 'sign', 'timestamp', 'version', 'charset']) {
      if (!p.get(field))
        return this.reply('error_response', {
          code: '40001',
          msg: 'Missing Required Arguments',
          sub_code: `isv.missing-${field.replace('_', '-')}`,
          sub_msg: `缺少${field}参数`,
        });
    }
    if (p.get('app_id') !== this.creds.appId) return invalid('isv.invalid-app-id', '无效的AppID参数', 'error_response');
    if (p.get('sign_type') !== 'RSA2') return invalid('isv.invalid-signature-type', '无效的签名类型');
    const at = fromBeijingTimestamp(p.get('timestamp'));
    if (at === null || Math.abs(at - Date.now()) > MAX_SKEW_MS)
      return invalid('isv.invalid-timestamp', '非法的时间戳参数');
    const content = requestSignContent(p);
    if (!verifyRsa2(content, p.get('sign')!, this.creds.appPublicKey))
      return invalid(
        'isv.invalid-signature',
        `验签出错，建议检查签名字符串或签名私钥与应用公钥是否匹配，网关生成的验签字符串为：${content}`,
      );

    if (method === 'alipay.system.oauth.token') return this.oauthToken(p, key);
    let biz: Record<string, unknown>;
    try {
      biz = JSON.parse(p.get('biz_content') ?? '') as Record<string, unknown>;
      if (!biz || typeof biz !== 'object') throw new Error('not an object');
    } catch {
      return invalid('isv.invalid-biz-content', 'biz_content 不是合法的JSON');
    }
    if (method === 'alipay.data.dataservice.bill.downloadurl.query') {
      const r = this.bills.downloadUrl(String(biz.bill_type ?? ''), String(biz.bill_date ?? ''), origin);
      return this.result(key, r.ok ? { ok: true, body: { bill_download_url: r.url } } : r);
    }
    if (method === 'alipay.open.app.mini.templatemessage.send') return this.result(key, this.templates.send(biz));
    const r = this.trades.handle(method, biz, p.get('notify_url') ?? null);
    return r ? this.result(key, r) : invalid('isv.invalid-method', '不存在的方法名', 'error_response');
  }

  /**
   * `/alipay/sandbox/pay` (pay or decline a trade, choose how its notifies travel) and `/alipay/sandbox/bill-faults`.
   */
  sandbox(path: string, body: string): Reply {
    let input: Record<string, unknown>;
    try {
      input = JSON.parse(body) as Record<string, unknown>;
    } catch {
      return json({ code: 'INVALID_PARAMETER', message: 'body must be JSON' }, 400);
    }
    if (path === '/sandbox/pay') {
      const r = this.trades.sandboxPay(input as Parameters<AlipayTrades['sandboxPay']>[0]);
      return json(r.body, r.status);
    }
    if (path === '/sandbox/bill-faults') {
      const plan = parseBillFaults(input);
      if (!plan)
        return json(
          {
            code: 'INVALID_PARAMETER',
            message: 'billDate (YYYY-MM-DD) and faults[{kind: drop|amount|status|extra, outTradeNo}] required',
          },
          400,
        );
      this.bills.setFaults(plan.billDate, plan.faults);
      return json(plan);
    }
    return json({ error: 'not found' }, 404);
  }

  /** The bill file behind a download URL (unsigned, like Alipay's file host; the token expires in 30 s). */
  billFile(token: string): { status: number; body: Uint8Array | string } {
    const zip = this.bills.download(token);
    return zip ? { status: 200, body: zip } : { status: 404, body: '文件不存在或已过期' };
  }

  private oauthToken(p: Map<string, string>, key: string): Reply {
    const invalid = (sub_code: string, sub_msg: string) =>
      this.reply('error_response', { code: '40002', msg: 'Invalid Arguments', sub_code, sub_msg });
    if (p.get('grant_type') !== 'authorization_code') return invalid('isv.grant-type-invalid', 'grant_type参数不正确');
    const code = p.get('code');
    const check = code ? this.codes.check('alipay', code) : ({ ok: false, reason: 'invalid' } as const);
    if (!check.ok) return invalid('isv.code-invalid', '授权码code无效');

    const id = stableId('alipay', this.creds.appId, check.name);
    const userId = this.userIdOf(check.name);
    const token = () => `authusrB${crypto.randomBytes(16).toString('hex')}`;
    const openId = stableId('alipay-open', this.creds.appId, check.name).toString('base64url').slice(0, 20);
    return this.reply(key, {
      access_token: token(),
      alipay_user_id: userId,
      auth_start: beijingTimestamp(Date.now()),
      expires_in: 1296000,
      re_expires_in: 2592000,
      refresh_token: token(),
      user_id: userId,
      open_id: `0${id.toString('base64url')}${openId}`,
    });
  }

  private userIdOf(name: string): string {
    const n = stableId('alipay', this.creds.appId, name).readBigUInt64BE(0) % 10n ** 12n;
    return `2088${n.toString().padStart(12, '0')}`;
  }

  private result(key: string, r: MethodResult): Reply {
    return r.ok
      ? this.reply(key, { code: '10000', msg: 'Success', ...r.body })
      : this.reply(key, { code: '40004', msg: 'Business Failed', sub_code: r.subCode, sub_msg: r.subMsg });
  }

  /** `{"<key>":<content>,"sign":"…"}` with the signature over the exact content text. */
  private reply(key: string, content: Record<string, unknown>): Reply {
    const text = JSON.stringify(content);
    const sign = signRsa2(text, this.creds.platformPrivateKey);
    return { status: 200, body: `{"${key}":${text},"sign":"${sign}"}` };
  }
}
