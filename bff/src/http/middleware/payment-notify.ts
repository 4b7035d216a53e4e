import type Koa from 'koa';
import getRawBody from 'raw-body';
import { PayChannel } from '@cityhealth/shared-types';
import type { PaymentService } from '../../pay/payment-service.js';

const NOTIFY_PATH = /^\/api\/v1\/payments\/notify\/([a-z]+)$/;

/**
 * The channels' payment and refund notifies. Mounted before the JSON body parser: signatures
 * cover the raw bytes, and each channel has its own body format and its own expected answer.
 */
export function paymentNotify(payments: PaymentService): Koa.Middleware {
  return async (ctx, next) => {
    const m = ctx.method === 'POST' ? NOTIFY_PATH.exec(ctx.path) : null;
    if (!m) return next();
    const channel = PayChannel.safeParse(m[1]);
    if (!channel.success) {
      ctx.status = 404;
      return;
    }
    const rawBody = await getRawBody(ctx.req, { limit: '64kb', encoding: 'utf8' });
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(ctx.req.headers)) if (typeof v === 'string') headers[k.toLowerCase()] = v;
    const reply = await payments.handleNotify(channel.data, { headers, rawBody });
    ctx.status = reply.status;
    ctx.type = reply.contentType;
    ctx.body = reply.body;
  };
}
