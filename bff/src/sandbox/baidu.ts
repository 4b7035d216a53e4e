import crypto from 'node:crypto';
import type { SandboxCredentials } from './credentials.js';
import { json, type Reply } from './http.js';
import { stableId, type LoginCodes } from './login-codes.js';

/** errno values of this emulator; `error` follows the OAuth 2.0 error names Baidu uses. */
const error = (errno: number, err: string, description: string): Reply =>
  json({ errno, error: err, error_description: description }, 400);

/** Baidu `POST /oauth/jscode2sessionkey` (form: code, client_id, sk). */
export class BaiduEmulator {
  constructor(
    private readonly creds: SandboxCredentials['baidu'],
    private readonly codes: LoginCodes,
  ) {}

  jscode2sessionkey(p: Map<string, string>): Reply {
    for (const field of ['code', 'client_id', 'sk']) {
      if (!p.get(field))
        return error(
          10010100,
          'parameter is invalid',
          `Key: 'Code2SessionKeyParam.${field}' Error:Field validation for '${field}' failed on the 'required' tag`,
        );
    }
    if (p.get('client_id') !== this.creds.clientId) return error(10010300, 'invalid_client', 'unknown client id');
    if (p.get('sk') !== this.creds.sk) return error(10010301, 'invalid_client', 'client secret mismatch');
    const code = p.get('code')!;
    const check = this.codes.check('swan', code);
    if (!check.ok) return error(10010200, 'invalid_grant', `Invalid authorization code: ${code.slice(0, 40)}`);
    return json({
      openid: stableId('swan', this.creds.clientId, check.name).toString('base64url').slice(0, 26),
      session_key: crypto.randomBytes(16).toString('hex'),
    });
  }
}
