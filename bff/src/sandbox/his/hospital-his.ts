import { HospitalEvent } from '@cityhealth/shared-types';
import type { Clock } from '../../shared/clock.js';
import { json, type Reply } from '../http.js';
import { HisFaults, type HisFaultMode } from './faults.js';
import { HisInbox, type ReceivedPush } from './inbox.js';
import { PatientIndex } from './records/patient-index.js';
import { SignedCallCheck, type SignedCall } from './signed-calls.js';

/** A push as it arrived: the request target exactly as on the wire, and a signal of the pusher going away. */
export interface PushRequest extends SignedCall {
  gone: () => Promise<void>;
}

/** Longer than any pusher waits: a timeout fault answers only after this, or when the pusher hangs up. */
const DEFAULT_HOLD_MS = 15_000;

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
 * timestamp window and nonce replay (SignedCallCheck, the same check as its records reads), then
 * takes the event once per eventId and answers its visit number. Every push is recorded, refused
 * ones with why. A booking it takes teaches its patient index who may come to register (建档).
 */
export class HospitalHis {
  readonly inbox: HisInbox;
  readonly faults = new HisFaults();
  readonly calls: SignedCallCheck;
  readonly patients: PatientIndex;

  constructor(
    readonly code: string,
    secret: string,
    private readonly clock: Clock,
    private readonly holdMs = DEFAULT_HOLD_MS,
  ) {
    this.inbox = new HisInbox(code);
    this.calls = new SignedCallCheck(code, secret, clock);
    this.patients = new PatientIndex(code);
  }

  /** `renewSecret` asks the platform again after a mismatch (null: nothing newer). */
  async receive(req: PushRequest, renewSecret: () => Promise<string | null>): Promise<Reply> {
    const now = this.clock.now();
    const refuse = (status: number, error: string, reason: string) => {
      this.inbox.record({ ...this.base(req, now), outcome: 'refused', status, reason, reply: null });
      return json({ error, message: reason }, status);
    };
    const refused = await this.calls.check(req, renewSecret);
    if (refused) return refuse(refused.status, refused.error, refused.reason);

    const fault = this.faults.take();
    if (fault) return this.injected(fault, req, now);

    let event: HospitalEvent;
    try {
      event = HospitalEvent.parse(JSON.parse(req.body));
    } catch {
      return refuse(400, 'EVENT_INVALID', 'the body is not a HospitalEvent');
    }
    const taken = this.inbox.take(event, now);
    if (taken.outcome === 'accepted') this.patients.learn(event);
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
}
