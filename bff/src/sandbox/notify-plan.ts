/**
 * How an emulator delivers the notify of a payment or refund, so tests can prove the BFF copes:
 * send once · drop · repeat (redeliveries: same id, fresh nonce) · replay (the same request again)
 * · tamper (body changed after signing) · bad-ciphertext (re-signed, GCM tag broken) · stale
 * (signed 10 minutes ago) · wrong-key (signed by another key) · delay (sent after delayMs).
 * Each channel accepts the modes its protocol can express.
 */
export const NOTIFY_MODES = [
  'send',
  'drop',
  'repeat',
  'replay',
  'tamper',
  'bad-ciphertext',
  'stale',
  'wrong-key',
  'delay',
] as const;
export type NotifyMode = (typeof NOTIFY_MODES)[number];

export interface NotifyPlan {
  mode: NotifyMode;
  times?: number;
  delayMs?: number;
}

/** One notify an emulator delivered (or dropped: status 0). */
export interface NotifyDelivery {
  url: string;
  eventType: string;
  outNo: string;
  mode: NotifyMode;
  status: number | 'network-error';
}
