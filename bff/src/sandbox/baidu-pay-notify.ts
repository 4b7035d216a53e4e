import crypto from 'node:crypto';
import type { NotifyDelivery, NotifyPlan } from './notify-plan.js';
import { cashierSign } from './signing/baidu.js';

/**
 * How Baidu notifies can travel here. Baidu's notify has no nonce and no send time, so a retry
 * ('repeat') and a replay are the same bytes; there is no 'stale' either.
 */
export const BAIDU_NOTIFY_MODES = ['send', 'drop', 'repeat', 'replay', 'tamper', 'wrong-key', 'delay'] as const;

/**
 * The Baidu cashier's notifies: a form POST signed (rsaSign, SHA1withRSA) with the platform key.
 * The answer must be JSON with errno 0; anything else is a failed delivery.
 */
export class BaiduPayNotifier {
  private readonly strangerKey = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;

  constructor(
    private readonly platformPrivateKey: string,
    private readonly deliveries: NotifyDelivery[],
  ) {}

  send(url: string, fields: Record<string, string>, eventType: string, outNo: string, plan: NotifyPlan): void {
    if (plan.mode === 'drop') {
      this.deliveries.push({ url, eventType, outNo, mode: 'drop', status: 0 });
      return;
    }
    const params: Record<string, string> = { ...fields };
    params.rsaSign = cashierSign(params, plan.mode === 'wrong-key' ? this.strangerKey : this.platformPrivateKey);
    if (plan.mode === 'tamper') {
      if (params.payMoney) params.payMoney = '1';
      else params.refundStatus = params.refundStatus === '1' ? '2' : '1';
    }
    const body = new URLSearchParams(params).toString();
    const times = plan.mode === 'repeat' || plan.mode === 'replay' ? (plan.times ?? 2) : 1;
    const run = async () => {
      for (let i = 0; i < times; i++) {
        let status: NotifyDelivery['status'];
        try {
          const res = await fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body,
            signal: AbortSignal.timeout(10_000),
          });
          const answer = (await res.json().catch(() => null)) as { errno?: unknown } | null;
          // Baidu reads errno only.
          status = answer?.errno === 0 ? res.status : res.status === 200 ? 400 : res.status;
        } catch {
          status = 'network-error';
        }
        this.deliveries.push({ url, eventType, outNo, mode: plan.mode, status });
      }
    };
    setTimeout(() => void run(), plan.mode === 'delay' ? (plan.delayMs ?? 1000) : 0).unref();
  }
}
