import type Router from '@koa/router';
import { Phone } from '@cityhealth/shared-types';
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
    const code = String(ctx.params.code);
    const [hospital] = await s.db.query<{ id: string; webhook_url: string | null }>(
      'SELECT id, webhook_url FROM hospital WHERE code = ?',
      [code],
    );
    if (!hospital) throw new AppError('NOT_FOUND', '医院不存在');
    const secret = await s.hospitals.secrets.ensureOne(hospital.id, 'sandbox');
    const webhookUrl = hospital.webhook_url ?? `http://127.0.0.1:${s.config.env.SANDBOX_PORT}/his/${code}/events`;
    if (!hospital.webhook_url)
      await s.db.query('UPDATE hospital SET webhook_url = ? WHERE id = ?', [webhookUrl, hospital.id]);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { hospitalCode: code, secret, webhookUrl };
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
