import crypto from 'node:crypto';
import type { SandboxCredentials } from './credentials.js';
import { json, type Reply } from './http.js';
import { stableId, type LoginCodes } from './login-codes.js';

const rid = () => crypto.randomBytes(6).toString('hex');
const error = (errcode: number, errmsg: string): Reply => json({ errcode, errmsg: `${errmsg}, rid: ${rid()}` });

/** WeChat `GET /sns/jscode2session`: answers (errors included) are HTTP 200 JSON. */
export class WechatEmulator {
  private window = { minute: 0, count: 0 };

  constructor(
    private readonly creds: SandboxCredentials['wechat'],
    private readonly codes: LoginCodes,
    private readonly quotaPerMinute: number,
  ) {}

  jscode2session(q: URLSearchParams): Reply {
    const appid = q.get('appid');
    const secret = q.get('secret');
    const code = q.get('js_code');
    if (!appid) return error(41002, 'appid missing');
    if (!secret) return error(41004, 'appsecret missing');
    if (!code) return error(41008, 'missing code');
    if (q.get('grant_type') !== 'authorization_code') return error(40002, 'invalid grant_type');
    if (appid !== this.creds.appId) return error(40013, 'invalid appid');
    if (secret !== this.creds.secret) return error(40125, 'invalid appsecret');
    const minute = Math.floor(Date.now() / 60_000);
    if (this.window.minute !== minute) this.window = { minute, count: 0 };
    if (++this.window.count > this.quotaPerMinute)
      return error(45011, 'api minute-quota reach limit  mustslower  retry next minute');
    const check = this.codes.check('weapp', code);
    if (!check.ok) return check.reason === 'used' ? error(40163, 'code been used') : error(40029, 'invalid code');
    return json({
      session_key: crypto.randomBytes(16).toString('base64'),
      openid: `o${stableId('weapp', appid, check.name).toString('base64url').slice(0, 27)}`,
      unionid: `u${stableId('wechat-union', 'open-platform', check.name).toString('base64url').slice(0, 27)}`,
    });
  }
}
