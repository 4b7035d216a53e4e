import crypto from 'node:crypto';
import type { Clock } from '../shared/clock.js';
import { beijingRfc3339 } from '../shared/time.js';
import type { NotifyDelivery, NotifyPlan } from './notify-plan.js';
import { platformSignatureHeaders, sealResource } from './signing/wechat-pay.js';

export interface WechatPayNotifyKeys {
  apiV3Key: string;
  platformPrivateKey: string;
  publicKeyId: string;
}

/** One notify to send: its event, the resource it encrypts, and the trade or refund it is about. */
export interface WechatPayEvent {
  url: string;
  eventType: string;
  summary: string;
  originalType: string;
  resource: object;
  outNo: string;
}

/**
 * WeChat Pay's notifies: a JSON POST whose resource is AEAD_AES_256_GCM-encrypted with the APIv3
 * key, signed with the platform key in the Wechatpay-* headers. Each delivery follows its plan.
 */
export class WechatPayNotifier {
  private readonly strangerKey = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;

  constructor(
    private readonly keys: WechatPayNotifyKeys,
    private readonly clock: Clock,
    private readonly deliveries: NotifyDelivery[],
  ) {}

  send(e: WechatPayEvent, plan: NotifyPlan): void {
    const { url, eventType, outNo } = e;
    if (plan.mode === 'drop') {
      this.deliveries.push({ url, eventType, outNo, mode: 'drop', status: 0 });
      return;
    }
    const id = crypto.randomUUID();
    const build = (at: number, key: crypto.KeyLike = this.keys.platformPrivateKey) => {
      const encrypted = sealResource(this.keys.apiV3Key, JSON.stringify(e.resource), e.originalType, e.originalType);
      if (plan.mode === 'bad-ciphertext') encrypted.ciphertext = flipLastByte(encrypted.ciphertext);
      const body = JSON.stringify({
        id,
        create_time: beijingRfc3339(at),
        resource_type: 'encrypt-resource',
        event_type: eventType,
        summary: e.summary,
        resource: encrypted,
      });
      const headers = platformSignatureHeaders(body, at, key, this.keys.publicKeyId);
      return { body: plan.mode === 'tamper' ? body.replace(e.summary, `${e.summary}!`) : body, headers };
    };
    const now = this.clock.now();
    const deliveries =
      plan.mode === 'stale'
        ? [build(now - 10 * 60_000)]
        : plan.mode === 'wrong-key'
          ? [build(now, this.strangerKey)]
          : plan.mode === 'repeat'
            ? Array.from({ length: plan.times ?? 2 }, () => build(now))
            : plan.mode === 'replay'
              ? (Array.from({ length: plan.times ?? 2 }).fill(build(now)) as ReturnType<typeof build>[])
              : [build(now)];
    const run = async () => {
      for (const d of deliveries) {
        let status: NotifyDelivery['status'];
        try {
          const res = await fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...d.headers },
            body: d.body,
            signal: AbortSignal.timeout(10_000),
          });
          status = res.status;
          await res.arrayBuffer();
        } catch {
          status = 'network-error';
        }
        this.deliveries.push({ url, eventType, outNo, mode: plan.mode, status });
      }
    };
    setTimeout(() => void run(), plan.mode === 'delay' ? (plan.delayMs ?? 1000) : 0).unref();
  }
}

function flipLastByte(base64: string): string {
  const raw = Buffer.from(base64, 'base64');
  raw.writeUInt8(raw.readUInt8(raw.length - 1) ^ 0x01, raw.length - 1);
  return raw.toString('base64');
}
