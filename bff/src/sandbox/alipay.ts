import crypto from 'node:crypto';
import type { SandboxCredentials } from './credentials.js';
import type { Reply } from './http.js';
import { stableId, type LoginCodes } from './login-codes.js';

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
const MAX_SKEW_MS = 15 * 60_000;

/** Asia/Shanghai wall-clock text → instant. */
function shanghaiTimestamp(text: string): number | null {
  const m = TIMESTAMP.exec(text);
  if (!m) return null;
  const at = Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}+08:00`);
  return Number.isNaN(at) ? null : at;
}

/** The string Alipay signs a request over: every parameter but `sign`, non-empty, sorted, `k=v&…`. */
export function requestSignContent(params: Map<string, string>): string {
  return [...params.entries()]
    .filter(([k, v]) => k !== 'sign' && v !== '')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

/**
 * The Alipay open platform v2 gateway (`POST /gateway.do`) for `alipay.system.oauth.token`:
 * checks the app's RSA2 request signature and signs every answer with the emulator's key
 * over the exact JSON text of the `…_response` member, as Alipay does.
 */
export class AlipayEmulator {
  constructor(
    private readonly creds: SandboxCredentials['alipay'],
    private readonly codes: LoginCodes,
  ) {}

  gateway(p: Map<string, string>): Reply {
    const method = p.get('method') ?? '';
    const key = `${method.replaceAll('.', '_')}_response`;
    const invalid = (sub_code: string, sub_msg: string, where = key) => this.reply(where, { code: '40002', msg: 'Invalid Arguments', sub_code, sub_msg });

    for (const field of ['app_id', 'method', 'sign_type', 'sign', 'timestamp', 'version', 'charset']) {
      if (!p.get(field)) return this.reply('error_response', { code: '40001', msg: 'Missing Required Arguments', sub_code: `isv.missing-${field.replace('_', '-')}`, sub_msg: `缺少${field}参数` });
    }
    if (p.get('app_id') !== this.creds.appId) return invalid('isv.invalid-app-id', '无效的AppID参数', 'error_response');
    if (method !== 'alipay.system.oauth.token') return invalid('isv.invalid-method', '不存在的方法名', 'error_response');
    if (p.get('sign_type') !== 'RSA2') return invalid('isv.invalid-signature-type', '无效的签名类型');
    const at = shanghaiTimestamp(p.get('timestamp')!);
    if (at === null || Math.abs(at - Date.now()) > MAX_SKEW_MS) return invalid('isv.invalid-timestamp', '非法的时间戳参数');
    const content = requestSignContent(p);
    let valid = false;
    try {
      valid = crypto.createVerify('RSA-SHA256').update(content, 'utf8').verify(this.creds.appPublicKey, p.get('sign')!, 'base64');
    } catch {
      valid = false;
    }
    if (!valid) return invalid('isv.invalid-signature', `验签出错，建议检查签名字符串或签名私钥与应用公钥是否匹配，网关生成的验签字符串为：${content}`);

    if (p.get('grant_type') !== 'authorization_code') return invalid('isv.grant-type-invalid', 'grant_type参数不正确', 'error_response');
    const code = p.get('code');
    const check = code ? this.codes.check('alipay', code) : ({ ok: false, reason: 'invalid' } as const);
    if (!check.ok) return invalid('isv.code-invalid', '授权码code无效', 'error_response');

    const id = stableId('alipay', this.creds.appId, check.name);
    const userId = `2088${(id.readBigUInt64BE(0) % 10n ** 12n).toString().padStart(12, '0')}`;
    const token = () => `authusrB${crypto.randomBytes(16).toString('hex')}`;
    return this.reply(key, {
      access_token: token(),
      alipay_user_id: userId,
      auth_start: new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' '),
      expires_in: 1296000,
      re_expires_in: 2592000,
      refresh_token: token(),
      user_id: userId,
      open_id: `0${id.toString('base64url')}${stableId('alipay-open', this.creds.appId, check.name).toString('base64url').slice(0, 20)}`,
    });
  }

  /** `{"<key>":<content>,"sign":"…"}` with the signature over the exact content text. */
  private reply(key: string, content: Record<string, unknown>): Reply {
    const text = JSON.stringify(content);
    const sign = crypto.createSign('RSA-SHA256').update(text, 'utf8').sign(this.creds.platformPrivateKey, 'base64');
    return { status: 200, body: `{"${key}":${text},"sign":"${sign}"}` };
  }
}
