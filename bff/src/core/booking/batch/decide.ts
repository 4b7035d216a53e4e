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
import type { Refusal } from '../types.js';
import {
  idempotencyKeyOf,
  type BatchFacts,
  type BatchOutcome,
  type BookRequest,
  type LockedPatient,
  type LockedSchedule,
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

    const choice = chooseSlot(requests[i]!, facts, personOrders, taken, rules, now);
    if (choice.kind !== 'chosen') {
      outcomes[i] = choice.kind === 'deferred' ? { kind: 'deferred' } : { kind: 'refused', refusal: choice.refusal };
      continue;
    }
    const { patient, schedule, slot, orders } = choice;
    taken.add(slot.id);
    const record = newOrder(requests[i]!, patient, schedule, slot, facts, rules, now, mint);
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
      actor: { type: 'patient', id: o.accountId },
      at: now,
    }),
  );
  return { outcomes, created, slotEvents, nextSeq };
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
    actorType: cmd.agentId ? 'agent' : 'patient',
    actorId: cmd.agentId ?? cmd.accountId,
    reason: null,
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
