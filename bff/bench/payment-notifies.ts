import crypto from 'node:crypto';
import { Pool } from 'undici';
import type { Database } from '../src/db/database.js';
import { encryptResource } from '../src/pay/wechat/aead.js';
import type { WechatPayCredentials } from '../src/sandbox/wechat-pay.js';
import { percentile, round } from './stats.js';

export interface PendingPayment {
  orderId: string;
  outTradeNo: string;
  amountFen: number;
}

interface Delivery {
  orderId: string;
  kind: 'first' | 'redelivery' | 'replay';
  headers: Record<string, string>;
  body: string;
}

/**
 * Books one unpaid order per patient (a paid session) and opens its WeChat Pay trade (H5: no WeChat identity needed).
 */
export async function openPayments(
  baseUrl: string,
  db: Database,
  hospitalId: string,
  patients: { patientId: string; token: string }[],
  scheduleIds: string[],
  concurrency: number,
): Promise<PendingPayment[]> {
  const pool = new Pool(baseUrl, { connections: concurrency });
  let next = 0;
  // Each patient from an address of their own, through the gateway, as in the storm.
  const post = async (path: string, token: string, body: object, i: number) => {
    const forwardedFor = `10.200.${(i >> 8) & 255}.${i & 255}`;
    const res = await pool.request({
      method: 'POST',
      path,
      body: JSON.stringify(body),
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        'idempotency-key': crypto.randomUUID(),
        'x-forwarded-for': forwardedFor,
      },
    });
    const json = (await res.body.json()) as Record<string, unknown>;
    if (res.statusCode >= 300) throw new Error(`${path} answered ${res.statusCode} ${JSON.stringify(json)}`);
    return json;
  };
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < patients.length) {
        const i = next++;
        const p = patients[i]!;
        const order = await post(
          '/api/v1/orders',
          p.token,
          { patientId: p.patientId, scheduleId: scheduleIds[i % scheduleIds.length] },
          i,
        );
        await post(`/api/v1/orders/${String(order.id)}/pay`, p.token, { channel: 'wechat', scene: 'h5' }, i);
      }
    }),
  );
  await pool.close();
  const rows = await db.query<{ order_id: string; out_trade_no: string; amount_fen: number }>(
    "SELECT order_id, out_trade_no, amount_fen FROM payment WHERE hospital_id = ? AND status = 'open'",
    [hospitalId],
  );
  return rows.map((r) => ({ orderId: r.order_id, outTradeNo: r.out_trade_no, amountFen: Number(r.amount_fen) }));
}

/** The headers WeChat Pay sends a notify with: a fresh timestamp, nonce and signature each delivery. */
export function signNotify(body: string, creds: WechatPayCredentials): Record<string, string> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = crypto.randomBytes(16).toString('hex').toUpperCase();
  const signature = crypto
    .createSign('RSA-SHA256')
    .update(`${timestamp}\n${nonce}\n${body}\n`)
    .sign(creds.platformPrivateKey, 'base64');
  return {
    'content-type': 'application/json',
    'wechatpay-timestamp': timestamp,
    'wechatpay-nonce': nonce,
    'wechatpay-serial': creds.publicKeyId,
    'wechatpay-signature': signature,
    'wechatpay-signature-type': 'WECHATPAY2-SHA256-RSA2048',
  };
}

/**
 * Signs and encrypts the TRANSACTION.SUCCESS notifies WeChat Pay would send for `payments`, with
 * duplicates mixed in: a share redelivered (same event id, fresh nonce and signature, as WeChat
 * retries) and a share replayed (the very same request again, which must be refused).
 */
export function buildNotifies(
  payments: PendingPayment[],
  creds: WechatPayCredentials,
  share: { redelivered: number; replayed: number },
): Delivery[] {
  const sign = (body: string) => signNotify(body, creds);
  const out: Delivery[] = [];
  for (const p of payments) {
    const at = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 19);
    const resource = {
      appid: creds.appId,
      mchid: creds.mchId,
      out_trade_no: p.outTradeNo,
      transaction_id: `42000${crypto.randomInt(1e9).toString().padStart(23, '0')}`,
      trade_type: 'MWEB',
      trade_state: 'SUCCESS',
      trade_state_desc: '支付成功',
      bank_type: 'OTHERS',
      success_time: `${at}+08:00`,
      payer: { openid: '' },
      amount: { total: p.amountFen, payer_total: p.amountFen, currency: 'CNY', payer_currency: 'CNY' },
    };
    const body = JSON.stringify({
      id: crypto.randomUUID(),
      create_time: `${at}+08:00`,
      resource_type: 'encrypt-resource',
      event_type: 'TRANSACTION.SUCCESS',
      summary: '支付成功',
      resource: encryptResource(creds.apiV3Key, JSON.stringify(resource), 'transaction', 'transaction'),
    });
    const first = { orderId: p.orderId, kind: 'first' as const, headers: sign(body), body };
    out.push(first);
    if (Math.random() < share.redelivered)
      out.push({ orderId: p.orderId, kind: 'redelivery', headers: sign(body), body });
    if (Math.random() < share.replayed) out.push({ ...first, kind: 'replay' });
  }
  // Deliveries of one event arrive in any order and may overlap.
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Sends the notifies at `concurrency` and checks that every order was booked exactly once. */
export async function notifyStorm(baseUrl: string, db: Database, deliveries: Delivery[], concurrency: number) {
  const pool = new Pool(baseUrl, { connections: concurrency });
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  /** Accepted copies per request (order and nonce): a replayed pair must have exactly one. */
  const accepted = new Map<string, number>();
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < deliveries.length) {
        const d = deliveries[next++]!;
        const t0 = performance.now();
        const res = await pool.request({
          method: 'POST',
          path: '/api/v1/payments/notify/wechat',
          headers: d.headers,
          body: d.body,
        });
        await res.body.dump();
        latencies.push(performance.now() - t0);
        statuses[`${d.kind}:${res.statusCode}`] = (statuses[`${d.kind}:${res.statusCode}`] ?? 0) + 1;
        // Of a replayed pair only one copy may be accepted, whichever the server saw first (its
        // answer may come back last: the refused copy does no booking work).
        if (d.kind !== 'redelivery' && res.statusCode < 300) {
          const key = `${d.orderId}:${d.headers['wechatpay-nonce']}`;
          accepted.set(key, (accepted.get(key) ?? 0) + 1);
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await pool.close();
  const orderIds = [...new Set(deliveries.map((d) => d.orderId))];
  const booked = new Map<string, number>();
  for (let i = 0; i < orderIds.length; i += 1000) {
    const part = orderIds.slice(i, i + 1000);
    const rows = await db.query<{ order_id: string; n: number }>(
      `SELECT order_id, COUNT(*) AS n FROM order_event WHERE to_status = 'booked'
        AND order_id IN (${part.map(() => '?').join(',')}) GROUP BY order_id`,
      part,
    );
    for (const r of rows) booked.set(r.order_id, Number(r.n));
  }
  return {
    orders: orderIds.length,
    deliveries: deliveries.length,
    duplicates: deliveries.length - orderIds.length,
    notifiesPerSecond: round(deliveries.length / seconds),
    seconds: round(seconds, 2),
    latencyMs: {
      p50: round(percentile(latencies, 50)),
      p99: round(percentile(latencies, 99)),
      max: round(percentile(latencies, 100)),
    },
    answers: statuses,
    ordersBookedOnce: [...booked.values()].filter((n) => n === 1).length,
    ordersBookedTwice: [...booked.values()].filter((n) => n > 1).length,
    ordersNotBooked: orderIds.length - booked.size,
    replaysAccepted: [...accepted.values()].filter((n) => n > 1).length,
  };
}
