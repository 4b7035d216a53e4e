import type { HospitalEvent, HospitalEventReply } from '@cityhealth/shared-types';

/** One push as the emulated HIS took it (or refused it, and why). */
export interface ReceivedPush {
  at: string;
  eventId: string | null;
  seq: number | null;
  type: string | null;
  orderId: string | null;
  /** accepted: taken for the first time; duplicate: an eventId taken before, answered the same again. */
  outcome: 'accepted' | 'duplicate' | 'refused' | 'fault';
  status: number;
  reason: string | null;
  reply: HospitalEventReply | null;
}

const KEEP_RECEIVED = 500;
const KEEP_EVENTS = 20_000;

/** Drops the oldest entries of a map kept in insertion order beyond `max`. */
function bound<K, V>(map: Map<K, V>, max: number): void {
  for (const key of map.keys()) {
    if (map.size <= max) return;
    map.delete(key);
  }
}

/**
 * What one hospital's HIS has received, newest last, and what it answered: a visit number per order
 * (its 门诊就诊号: 'MZ', the visit date, a counter of the hospital), the same for every event of the
 * order and for an event pushed again. Bounded: the oldest entries are forgotten.
 */
export class HisInbox {
  private readonly received: ReceivedPush[] = [];
  private readonly replies = new Map<string, HospitalEventReply>();
  private readonly visits = new Map<string, HospitalEventReply>();
  private counter = 0;

  constructor(private readonly code: string) {}

  /** Takes an event once per eventId; a repeat gets the first answer again. */
  take(event: HospitalEvent, at: number): ReceivedPush {
    const before = this.replies.get(event.eventId);
    const reply = before ?? this.visitOf(event);
    if (!before) {
      this.replies.set(event.eventId, reply);
      bound(this.replies, KEEP_EVENTS);
    }
    return this.record({
      at: new Date(at).toISOString(),
      eventId: event.eventId,
      seq: event.seq,
      type: event.type,
      orderId: event.order.orderId,
      outcome: before ? 'duplicate' : 'accepted',
      status: 200,
      reason: null,
      reply,
    });
  }

  record(push: ReceivedPush): ReceivedPush {
    this.received.push(push);
    if (this.received.length > KEEP_RECEIVED) this.received.splice(0, this.received.length - KEEP_RECEIVED);
    return push;
  }

  /** Newest first. */
  latest(limit: number): ReceivedPush[] {
    return this.received.slice(-limit).reverse();
  }

  counts(): Record<ReceivedPush['outcome'], number> {
    const counts = { accepted: 0, duplicate: 0, refused: 0, fault: 0 };
    for (const r of this.received) counts[r.outcome]++;
    return counts;
  }

  private visitOf(event: HospitalEvent): HospitalEventReply {
    const known = this.visits.get(event.order.orderId);
    if (known) return known;
    const n = ++this.counter;
    const visit = {
      visitNumber: `MZ${event.order.visitDate.replaceAll('-', '')}${String(n).padStart(5, '0')}`,
      recordId: `GH-${this.code}-${n}`,
    };
    this.visits.set(event.order.orderId, visit);
    bound(this.visits, KEEP_EVENTS);
    return visit;
  }
}
