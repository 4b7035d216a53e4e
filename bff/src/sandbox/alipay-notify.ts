import crypto from 'node:crypto';
import { beijingTimestamp } from '../shared/time.js';
import type { Clock } from '../shared/clock.js';
import type { NotifyDelivery, NotifyPlan } from './notify-plan.js';
import { notifySignContent, signRsa2 } from './signing/alipay.js';

/**
 * How Alipay notifies can travel here: all of WeChat Pay's modes
 * but the encryption one (Alipay signs, it does not encrypt).
 */
export const ALIPAY_NOTIFY_MODES = [
  'send',
  'drop',
  'repeat',
  'replay',
  'tamper',
  'stale',
  'wrong-key',
  'delay',
] as const;

/**
 * Alipay's asynchronous notifies (trade_status_sync): a form POST signed RSA2 with the platform
 * key. Each delivery carries a fresh notify_time and so a fresh signature; a retry keeps the
 * notify_id. Anything but the text "success" is a failed delivery.
 */
export class AlipayNotifier {
  private readonly strangerKey = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;

  constructor(
    private readonly appId: string,
    private readonly platformPrivateKey: string,
    private readonly clock: Clock,
    private readonly deliveries: NotifyDelivery[],
  ) {}

  send(url: string, fields: Record<string, string>, outNo: string, plan: NotifyPlan): void {
    const eventType = fields.out_biz_no ? 'trade_status_sync/refund' : `trade_status_sync/${fields.trade_status}`;
    if (plan.mode === 'drop') {
      this.deliveries.push({ url, eventType, outNo, mode: 'drop', status: 0 });
      return;
    }
    const notifyId = crypto.randomBytes(16).toString('hex');
    const build = (at: number, key: crypto.KeyLike = this.platformPrivateKey): string => {
      const params: Record<string, string> = {
        ...fields,
        notify_time: beijingTimestamp(at),
        notify_type: 'trade_status_sync',
        notify_id: notifyId,
        app_id: this.appId,
        charset: 'utf-8',
        version: '1.0',
        sign_type: 'RSA2',
      };
      params.sign = signRsa2(notifySignContent(params), key);
      if (plan.mode === 'tamper') params.total_amount = '0.01';
      return new URLSearchParams(params).toString();
    };
    const now = this.clock.now();
    const bodies =
      plan.mode === 'stale'
        ? [build(now - 10 * 60_000)]
        : plan.mode === 'wrong-key'
          ? [build(now, this.strangerKey)]
          : // Retries are new deliveries: the clock moves between them, so each is signed afresh.
            plan.mode === 'repeat'
            ? Array.from({ length: plan.times ?? 2 }, (_, i) => build(now + i * 1000))
            : plan.mode === 'replay'
              ? new Array<string>(plan.times ?? 2).fill(build(now))
              : [build(now)];
    const run = async () => {
      for (const body of bodies) {
        let status: NotifyDelivery['status'];
        try {
          const res = await fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8' },
            body,
            signal: AbortSignal.timeout(10_000),
          });
          const text = await res.text();
          // Alipay reads only the body: "success" or it will try again.
          status = text.trim() === 'success' ? res.status : res.status === 200 ? 400 : res.status;
        } catch {
          status = 'network-error';
        }
        this.deliveries.push({ url, eventType, outNo, mode: plan.mode, status });
      }
    };
    setTimeout(() => void run(), plan.mode === 'delay' ? (plan.delayMs ?? 1000) : 0).unref();
  }
}
