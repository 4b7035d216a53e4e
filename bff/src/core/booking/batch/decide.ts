import crypto from 'node:crypto';
import type { BookingRules } from '../../../config/config.js';
import type { OrderEventRow, OrderRow, SlotEventRow } from '../../../db/entities/index.js';
import { newId } from '../../../shared/ids.js';
import { shanghaiDate } from '../../../shared/time.js';
import type { OrderRecord } from '../order-record.js';
import { slotEventRow } from '../slot-events.js';
import {
  cancelDeadline,
  checkBlacklist,
  checkChosenSlot,
  checkPatient,
  checkPersonLimits,
  checkSchedule,
  overlapsLiveVisit,
  type PersonOrder,
  type ScheduleFacts,
} from '../rules/index.js';
import type { Actor, Refusal } from '../types.js';
import {
  idempotencyKeyOf,
  type BatchFacts,
  type BatchOutcome,
  type BookRequest,
  type LockedPatient,
  type LockedSchedule,
  type LockedWaitlistEntry,
} from './batch-types.js';
import { advanceMark, type SlotRow } from './claim-slots.js';

/** Where a decision's new ids and order numbers come from (random in service; fixed in a test). */
export interface Minting {
  id(): string;
  orderNo(now: number): string;
}

export const randomMinting: Minting = {
  id: newId,
  orderNo(now) {
    const day = shanghaiDate(now).replaceAll('-', '').slice(2);
    return day + crypto.randomInt(0, 1e12).toString().padStart(12, '0');
  },
};

/** What a batch decided: one outcome per request, in order, and the rows to write for it. */
export interface BatchDecision {
  outcomes: BatchOutcome[];
  created: OrderRecord[];
  slotEvents: SlotEventRow[];
  /** The sessions whose high-water mark moves, to where. */
  nextSeq: Map<string, number>;
  waitlist: WaitlistChanges;
}

const IDEMPOTENCY_CONFLICT: BatchOutcome = { kind: 'refused', refusal: { code: 'IDEMPOTENCY_CONFLICT' } };

/**
 * Decides a batch from the facts read under its locks, without touching the database: requests
 * are decided one by one in arrival order, each seeing the bookings accepted before it.
 */
export function decideBatch(
  requests: BookRequest[],
  facts: BatchFacts,
  rules: BookingRules,
  now: number,
  mint: Minting = randomMinting,
): BatchDecision {
  const outcomes: BatchOutcome[] = new Array(requests.length);
  const personOrders = new Map([...facts.personOrders].map(([id, orders]) => [id, [...orders]]));
  const taken = new Set<string>();
  const firstWithKey = new Map<string, number>();
  const created: OrderRecord[] = [];
  const queues = new Queues(facts);

  for (let i = 0; i < requests.length; i++) {
    const { cmd, requestHash } = requests[i]!;
    const key = idempotencyKeyOf(cmd.accountId, cmd.idempotencyKey);
    const prior = facts.priorOrders.get(key);
    if (prior) {
      outcomes[i] = prior.requestHash === requestHash ? { kind: 'replay', orderId: prior.id } : IDEMPOTENCY_CONFLICT;
      continue;
    }
    const earlier = firstWithKey.get(key);
    if (earlier !== undefined) {
      const first = outcomes[earlier]!;
      outcomes[i] =
        requests[earlier]!.requestHash !== requestHash
          ? IDEMPOTENCY_CONFLICT
          : first.kind === 'created'
            ? { kind: 'replay', orderId: first.order.id }
            : first;
      continue;
    }
    firstWithKey.set(key, i);

    const entry = cmd.waitlist && queues.waitingEntry(cmd.waitlist.entryId);
    if (cmd.waitlist && !entry) {
      outcomes[i] = NOT_WAITING;
      continue;
    }
    const choice = chooseSlot(requests[i]!, facts, personOrders, taken, queues, rules, now);
    if (choice.kind !== 'chosen') {
      if (entry && choice.kind === 'refused' && !KEEPS_WAITING.has(choice.refusal.code))
        queues.end(entry, 'refused', choice.refusal.code);
      outcomes[i] = choice.kind === 'deferred' ? { kind: 'deferred' } : { kind: 'refused', refusal: choice.refusal };
      continue;
    }
    const { patient, schedule, slot, orders } = choice;
    taken.add(slot.id);
    queues.took(schedule);
    const record = newOrder(requests[i]!, patient, schedule, slot, facts, rules, now, mint);
    if (entry) queues.book(entry, record.id);
    orders.push(asPersonOrder(record));
    created.push(record);
    outcomes[i] = { kind: 'created', order: record };
  }

  const nextSeq = new Map<string, number>();
  for (const [id, above] of facts.aboveMark) {
    const current = facts.schedules.get(id)!.next_seq;
    const next = advanceMark(current, above, taken, now);
    if (next !== current) nextSeq.set(id, next);
  }
  const slotEvents = created.map((o) =>
    slotEventRow({
      id: mint.id(),
      slotId: o.slotId,
      scheduleId: o.scheduleId,
      action: o.status === 'pending' ? 'held' : 'booked',
      orderId: o.id,
      actor: { type: o.history[0]!.actorType as Actor['type'], id: o.history[0]!.actorId },
      at: now,
    }),
  );
  return { outcomes, created, slotEvents, nextSeq, waitlist: queues.changes() };
}

/** What a batch changed in the waitlist, and the places then waiting in each turn's session. */
export interface WaitlistChanges {
  booked: { entryId: string; orderId: string }[];
  ended: { entryId: string; reason: 'refused' | 'served-elsewhere'; refusalCode: string | null }[];
  waiting: Map<string, number>;
}

/** A turn whose place is no longer waiting (booked, left or closed meanwhile): nothing to do. */
const NOT_WAITING: BatchOutcome = { kind: 'refused', refusal: { code: 'WAITLIST_NOT_WAITING' } };

/** Refusals that keep a place in the queue: there is no slot for it yet, or the session is not bookable now. */
export const KEEPS_WAITING: ReadonlySet<string> = new Set<string>([
  'SLOT_GONE',
  'SCHEDULE_STOPPED',
  'NOT_YET_RELEASED',
  'BOOKING_WINDOW_CLOSED',
]);

/**
 * The queues of a batch's sessions: a session's free slots go to its waiting places before any
 * patient's own request, and each place is settled once (booked, or ended when a rule refuses it
 * or its waitlist was booked in another session).
 */
class Queues {
  private readonly holding = new Map<string, number>();
  private readonly takenIn = new Map<string, number>();
  private readonly settled = new Map<string, LockedWaitlistEntry>();
  private readonly servedGroups = new Set<string>();
  private readonly booked: WaitlistChanges['booked'] = [];
  private readonly ended: WaitlistChanges['ended'] = [];

  constructor(private readonly facts: BatchFacts) {
    for (const e of facts.waitlist.entries.values()) if (e.status === 'booked') this.servedGroups.add(e.group_id);
  }

  /** The place of a turn if it still waits; a place whose waitlist was booked elsewhere is ended here. */
  waitingEntry(entryId: string): LockedWaitlistEntry | undefined {
    const entry = this.facts.waitlist.entries.get(entryId);
    if (entry?.status !== 'waiting' || this.settled.has(entryId)) return undefined;
    if (!this.servedGroups.has(entry.group_id)) return entry;
    this.end(entry, 'served-elsewhere', null);
    return undefined;
  }

  /** A patient's own request finds no slot: every free one left is held for the queue. */
  holds(s: LockedSchedule): boolean {
    const held = this.holdingOf(s);
    return held > 0 && s.free_count - (this.takenIn.get(s.id) ?? 0) <= held;
  }

  took(s: LockedSchedule): void {
    this.takenIn.set(s.id, (this.takenIn.get(s.id) ?? 0) + 1);
  }

  book(entry: LockedWaitlistEntry, orderId: string): void {
    this.settle(entry);
    this.booked.push({ entryId: entry.id, orderId });
    this.servedGroups.add(entry.group_id);
    for (const sibling of this.facts.waitlist.entries.values())
      if (sibling.group_id === entry.group_id && sibling.status === 'waiting' && !this.settled.has(sibling.id))
        this.end(sibling, 'served-elsewhere', null);
  }

  end(entry: LockedWaitlistEntry, reason: 'refused' | 'served-elsewhere', refusalCode: string | null): void {
    this.settle(entry);
    this.ended.push({ entryId: entry.id, reason, refusalCode });
  }

  changes(): WaitlistChanges {
    const waiting = new Map<string, number>();
    for (const [id, n] of this.facts.waitlist.waiting)
      waiting.set(id, n - [...this.settled.values()].filter((e) => e.schedule_id === id).length);
    return { booked: this.booked, ended: this.ended, waiting };
  }

  private settle(entry: LockedWaitlistEntry): void {
    this.settled.set(entry.id, entry);
    const schedule = this.facts.schedules.get(entry.schedule_id);
    if (schedule) this.holding.set(schedule.id, this.holdingOf(schedule) - 1);
  }

  private holdingOf(s: LockedSchedule): number {
    return this.holding.get(s.id) ?? this.facts.waitlist.waiting.get(s.id) ?? s.waiting_count;
  }
}

type Choice =
  | { kind: 'chosen'; patient: LockedPatient; schedule: LockedSchedule; slot: SlotRow; orders: PersonOrder[] }
  | { kind: 'refused'; refusal: Refusal }
  | { kind: 'deferred' };

/** Applies the rule book to one request and picks its slot. */
function chooseSlot(
  { cmd }: BookRequest,
  facts: BatchFacts,
  personOrders: Map<string, PersonOrder[]>,
  taken: Set<string>,
  queues: Queues,
  rules: BookingRules,
  now: number,
): Choice {
  const refused = (refusal: Refusal): Choice => ({ kind: 'refused', refusal });
  const patient = facts.patients.get(cmd.patientId);
  const patientRefusal =
    checkPatient(
      patient && { accountId: patient.account_id, live: Number(patient.live) === 1, verifiedAt: patient.verified_at },
      cmd.accountId,
    ) ?? checkBlacklist(patient!.blacklisted_until, now);
  if (patientRefusal) return refused(patientRefusal);

  const chosen = cmd.slotId ? facts.slots.get(cmd.slotId) : undefined;
  if (cmd.slotId && !chosen) return refused({ code: 'NOT_FOUND', message: '号源不存在' });
  const scheduleId = cmd.scheduleId ?? chosen?.schedule_id ?? '';
  const schedule = facts.schedules.get(scheduleId);
  if (!schedule) {
    return facts.names.scheduleIds.has(scheduleId)
      ? { kind: 'deferred' }
      : refused({ code: 'NOT_FOUND', message: '出诊信息不存在' });
  }
  const session: ScheduleFacts = {
    status: schedule.status,
    releaseAt: schedule.release_at,
    closesAt: schedule.closes_at,
    departmentId: schedule.department_id,
    date: schedule.date,
    period: schedule.period,
  };
  const orders = personOrders.get(patient!.person_id)!;
  const sessionRefusal = checkSchedule(session, now) ?? checkPersonLimits(orders, session, rules, now, cmd.accountId);
  if (sessionRefusal) return refused(sessionRefusal);
  if (!cmd.waitlist && queues.holds(schedule)) return refused({ code: 'SLOT_GONE' });

  if (chosen) {
    const slotRefusal = checkChosenSlot(
      { status: chosen.status, startsAt: chosen.starts_at },
      taken.has(chosen.id),
      now,
    );
    if (slotRefusal) return refused(slotRefusal);
    if (overlapsLiveVisit(orders, chosen.starts_at, chosen.ends_at)) return refused({ code: 'VISIT_OVERLAP' });
    return { kind: 'chosen', patient: patient!, schedule, slot: chosen, orders };
  }
  const free = (facts.candidates.get(schedule.id) ?? []).filter((s) => !taken.has(s.id));
  const slot = free.find((s) => !overlapsLiveVisit(orders, s.starts_at, s.ends_at));
  if (!slot) return refused(free.length ? { code: 'VISIT_OVERLAP' } : { code: 'SLOT_GONE' });
  return { kind: 'chosen', patient: patient!, schedule, slot, orders };
}

function newOrder(
  { cmd, requestHash }: BookRequest,
  patient: LockedPatient,
  schedule: LockedSchedule,
  slot: SlotRow,
  facts: BatchFacts,
  rules: BookingRules,
  now: number,
  mint: Minting,
): OrderRecord {
  const hospital = facts.names.hospitals.get(schedule.hospital_id);
  const paysOnline = schedule.fee_fen > 0 && !!hospital?.onlinePayment;
  const order: OrderRow = {
    id: mint.id(),
    orderNo: mint.orderNo(now),
    accountId: cmd.accountId,
    patientId: patient.id,
    personId: patient.person_id,
    hospitalId: schedule.hospital_id,
    departmentId: schedule.department_id,
    doctorId: schedule.doctor_id,
    scheduleId: schedule.id,
    slotId: slot.id,
    visitDate: schedule.date,
    period: schedule.period,
    startsAt: slot.starts_at,
    endsAt: slot.ends_at,
    feeFen: schedule.fee_fen,
    status: paysOnline ? 'pending' : 'booked',
    paymentStatus: schedule.fee_fen === 0 ? 'not-required' : paysOnline ? 'unpaid' : 'pay-at-hospital',
    payDeadline: paysOnline ? now + rules.paymentWindowMs : null,
    cancelDeadline: cancelDeadline(schedule.date, rules),
    idempotencyKey: cmd.idempotencyKey,
    requestHash,
    live: 1,
    cancelReason: null,
    channel: cmd.channel,
    edition: cmd.edition ?? 'standard',
    agentId: cmd.agentId ?? null,
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
  const event: OrderEventRow = {
    id: mint.id(),
    orderId: order.id,
    fromStatus: null,
    toStatus: order.status,
    actorType: cmd.waitlist ? 'system' : cmd.agentId ? 'agent' : 'patient',
    actorId: cmd.waitlist ? null : (cmd.agentId ?? cmd.accountId),
    reason: cmd.waitlist ? 'waitlist' : cmd.drawn ? 'draw' : null,
    at: now,
  };
  const doctor = schedule.doctor_id ? facts.names.doctors.get(schedule.doctor_id) : undefined;
  return {
    ...order,
    patientName: patient.name,
    patientIdMasked: patient.id_masked,
    hospitalName: hospital?.name ?? '',
    hospitalAddress: hospital?.address ?? '',
    departmentName: facts.names.departments.get(schedule.department_id) ?? '',
    doctorName: doctor?.name ?? null,
    doctorTitle: doctor?.title ?? null,
    slotSeq: slot.seq,
    scheduleType: schedule.type,
    visitNumber: null,
    history: [event],
  };
}

const asPersonOrder = (o: OrderRecord): PersonOrder => ({
  id: o.id,
  accountId: o.accountId,
  orderNo: o.orderNo,
  departmentId: o.departmentId,
  visitDate: o.visitDate,
  period: o.period,
  startsAt: o.startsAt,
  endsAt: o.endsAt,
  live: true,
  status: o.status,
  cancelReason: null,
  createdAt: o.createdAt,
});
