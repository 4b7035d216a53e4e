import type Router from '@koa/router';
import { Phone } from '@cityhealth/shared-types';
import { sandboxTotpCode } from '../../console/sandbox-staff.js';
import { sandboxCredentials } from '../../hospital/sandbox-credentials.js';
import type { Services } from '../../services.js';
import { AppError } from '../../shared/errors.js';

/**
 * Sandbox-only helpers for tests and outside clients. The SMS outbox is read from the emulator
 * over HTTP, so it is the same whichever BFF process answers.
 */
export function sandboxRoutes(router: Router, s: Services): void {
  if (!s.config.sandbox) return;
  // A demo hospital's interface credentials, for its emulated HIS and for an engineer trying the interface.
  router.get('/sandbox/hospitals/:code/credentials', async (ctx) => {
    const credentials = await sandboxCredentials(
      s.db,
      s.hospitals.secrets,
      String(ctx.params.code),
      s.config.env.SANDBOX_PORT,
    );
    if (!credentials) throw new AppError('NOT_FOUND', '医院不存在');
    ctx.set('Cache-Control', 'no-store');
    ctx.body = credentials;
  });
  // The TOTP code a console account's sign-in accepts now (the demo's and the browser tests' authenticator).
  router.get('/sandbox/staff/totp', async (ctx) => {
    const username = typeof ctx.query.username === 'string' ? ctx.query.username : '';
    if (!username) throw new AppError('VALIDATION_FAILED', '请提供 username');
    const code = await sandboxTotpCode(s.db, s.identity.pii, username, s.clock.now());
    if (!code) throw new AppError('NOT_FOUND', '没有该用户名的工作台账号，或其动态口令暂不可用');
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { username, ...code };
  });
  // What was delivered to a phone's patient through any channel, newest first (from the notice queue).
  router.get('/sandbox/notifications', async (ctx) => {
    const parsed = Phone.safeParse(ctx.query.phone);
    if (!parsed.success) throw new AppError('VALIDATION_FAILED', '请输入正确的 11 位手机号');
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { items: await s.notices.sentTo(parsed.data) };
  });
  router.get('/sandbox/sms/outbox', async (ctx) => {
    const raw = ctx.query.phone;
    let phone: string | null = null;
    if (raw !== undefined) {
      const parsed = Phone.safeParse(raw);
      if (!parsed.success) throw new AppError('VALIDATION_FAILED', '请输入正确的 11 位手机号');
      phone = parsed.data;
    }
    const url = new URL(`${s.config.endpoints.smsEndpoint.replace(/\/$/, '')}/sandbox/outbox`);
    if (phone) url.searchParams.set('phone', phone);
    let body: unknown;
    try {
      const r = await fetch(url, { signal: AbortSignal.timeout(3000) });
      if (!r.ok) throw new Error(`outbox answered ${r.status}`);
      body = await r.json();
    } catch {
      throw new AppError('SMS_UNAVAILABLE', '短信模拟器暂时不可用');
    }
    ctx.set('Cache-Control', 'no-store');
    ctx.body = body;
  });
}
