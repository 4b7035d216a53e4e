import type { IncomingHttpHeaders } from 'node:http';
import { HospitalEvent } from '@cityhealth/shared-types';
import {
  MAX_CLOCK_SKEW_SECONDS,
  MIN_NONCE_LENGTH,
  NONCE_PATTERN,
  NONCE_REMEMBER_MS,
  TIMESTAMP_PATTERN,
  SIGNATURE_HEADERS,
  signatureMatches,
} from '../../hospital/signature.js';
import type { Clock } from '../../shared/clock.js';
import { json, type Reply } from '../http.js';
import { HisFaults, type HisFaultMode } from './faults.js';
import { HisInbox, type ReceivedPush } from './inbox.js';

/** A push as it arrived: the request target exactly as on the wire, and a signal of the pusher going away. */
export interface PushRequest {
  method: string;
  target: string;
  headers: IncomingHttpHeaders;
  body: string;
  gone: () => Promise<void>;
}

const KEEP_NONCES = 50_000;
/** Longer than any pusher waits: a timeout fault answers only after this, or when the pusher hangs up. */
const DEFAULT_HOLD_MS = 15_000;

const header = (h: IncomingHttpHeaders, name: string): string | undefined => {
  const v = h[name];
  return typeof v === 'string' ? v : undefined;
};

function described(body: string): Pick<ReceivedPush, 'eventId' | 'seq' | 'type' | 'orderId'> {
  type Loose = { eventId?: unknown; seq?: unknown; type?: unknown; order?: { orderId?: unknown } } | null;
  let raw: Loose = null;
  try {
    raw = JSON.parse(body) as Loose;
  } catch {
    /* recorded without its fields */
  }
  const text = (v: unknown) => (typeof v === 'string' ? v : null);
  return {
    eventId: text(raw?.eventId),
    seq: typeof raw?.seq === 'number' ? raw.seq : null,
    type: text(raw?.type),
    orderId: text(raw?.order?.orderId),
  };
}

/**
 * One demo hospital's own system as the platform's pushes meet it: checks each push's signature
 * like the platform checks the hospital's calls (one implementation: hospital/signature.ts), the
 * timestamp window and nonce replay, then takes the event once per eventId and answers its visit
 * number. Every push is recorded, refused ones with why.
 */
export class HospitalHis {
  readonly inbox: HisInbox;
  readonly faults = new HisFaults();
  private readonly nonces = new Map<string, number>();
  /** Like a hospital during a rotation, it accepts the secret it had and the one it was given since. */
  private secrets: string[];

  constructor(
    readonly code: string,
    secret: string,
    private readonly clock: Clock,
    private readonly holdMs = DEFAULT_HOLD_MS,
  ) {
    this.inbox = new HisInbox(code);
    this.secrets = [secret];
  }

  /** `renewSecret` asks the platform again after a mismatch (null: nothing newer). */
  async receive(req: PushRequest, renewSecret: () => Promise<string | null>): Promise<Reply> {
    const now = this.clock.now();
    const refuse = (status: number, error: string, reason: string) => {
      this.inbox.record({ ...this.base(req, now), outcome: 'refused', status, reason, reply: null });
      return json({ error, message: reason }, status);
    };
    const code = header(req.headers, SIGNATURE_HEADERS.hospitalCode);
    const timestamp = header(req.headers, SIGNATURE_HEADERS.timestamp);
    const nonce = header(req.headers, SIGNATURE_HEADERS.nonce);
    const signature = header(req.headers, SIGNATURE_HEADERS.signature);
    if (!code || !timestamp || !nonce || !signature)
      return refuse(401, 'SIGNATURE_MISSING', 'X-Hospital-Code, X-Timestamp, X-Nonce and X-Signature are required');
    if (code !== this.code) return refuse(401, 'HOSPITAL_MISMATCH', `X-Hospital-Code ${code} is not ${this.code}`);
    if (!TIMESTAMP_PATTERN.test(timestamp) || Math.abs(now / 1000 - Number(timestamp)) > MAX_CLOCK_SKEW_SECONDS)
      return refuse(401, 'TIMESTAMP_SKEWED', `X-Timestamp is more than ${MAX_CLOCK_SKEW_SECONDS} s off`);
    if (!NONCE_PATTERN.test(nonce))
      return refuse(401, 'NONCE_INVALID', `X-Nonce must be ${MIN_NONCE_LENGTH}–64 printable characters`);
    const parts = { method: req.method, pathWithQuery: req.target, timestamp, nonce, body: req.body };
    if (!signatureMatches(this.secrets, parts, signature)) {
      const renewed = await renewSecret();
      if (!renewed || !signatureMatches([renewed], parts, signature))
        return refuse(401, 'SIGNATURE_INVALID', 'X-Signature does not match this hospital’s secret');
      this.secrets = [renewed, ...this.secrets.filter((s) => s !== renewed)].slice(0, 2);
    }
    if (!this.rememberNonce(nonce, now)) return refuse(401, 'NONCE_REPLAYED', 'X-Nonce was used before');

    const fault = this.faults.take();
    if (fault) return this.injected(fault, req, now);

    let event: HospitalEvent;
    try {
      event = HospitalEvent.parse(JSON.parse(req.body));
    } catch {
      return refuse(400, 'EVENT_INVALID', 'the body is not a HospitalEvent');
    }
    const taken = this.inbox.take(event, now);
    return json(taken.reply);
  }

  private async injected(mode: HisFaultMode, req: PushRequest, now: number): Promise<Reply> {
    const status = mode === 'refuse' ? 422 : mode === 'fail' ? 500 : 503;
    this.inbox.record({ ...this.base(req, now), outcome: 'fault', status, reason: `sandbox fault: ${mode}` });
    if (mode === 'refuse') return json({ error: 'REFUSED', message: 'sandbox fault: the HIS refuses this push' }, 422);
    if (mode === 'fail') return json({ error: 'INTERNAL', message: 'sandbox fault: the HIS failed' }, 500);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([req.gone(), new Promise<void>((resolve) => (timer = setTimeout(resolve, this.holdMs)))]);
    clearTimeout(timer);
    return json({ error: 'TIMEOUT', message: 'sandbox fault: the HIS answered too late' }, 503);
  }

  private base(req: PushRequest, now: number): Omit<ReceivedPush, 'outcome' | 'status' | 'reason'> {
    return { at: new Date(now).toISOString(), ...described(req.body), reply: null };
  }

  private rememberNonce(nonce: string, now: number): boolean {
    for (const [seen, at] of this.nonces) {
      if (now - at <= NONCE_REMEMBER_MS && this.nonces.size < KEEP_NONCES) break;
      this.nonces.delete(seen);
    }
    if (this.nonces.has(nonce)) return false;
    this.nonces.set(nonce, now);
    return true;
  }
}
