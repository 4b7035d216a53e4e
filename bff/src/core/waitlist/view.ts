import {
  ERRORS,
  WAITLIST_END_LABELS,
  WAITLIST_STATUS_LABELS,
  type ErrorCode,
  type Waitlist,
  type WaitlistStatus,
} from '@cityhealth/shared-types';
import type { Database } from '../../db/database.js';
import type { WaitlistEndReason } from '../../db/entities/index.js';

/** A place with what the patient's list shows of it, and its place in the queue while waiting. */
interface PlaceRow {
  id: string;
  group_id: string;
  schedule_id: string;
  patient_id: string;
  patient_name: string;
  hospital_id: string;
  hospital_name: string;
  department_id: string;
  department_name: string;
  doctor_id: string | null;
  doctor_name: string | null;
  doctor_title: string | null;
  visit_date: string;
  period: string;
  starts_at: unknown;
  ends_at: unknown;
  status: WaitlistStatus;
  end_reason: WaitlistEndReason | null;
  refusal_code: string | null;
  order_id: string | null;
  order_status: string | null;
  order_cancel_reason: string | null;
  joined_at: unknown;
  closes_at: unknown;
  ended_at: unknown;
  position: unknown;
}

const PLACES = `
  SELECT w.id, w.group_id, w.schedule_id, w.patient_id, p.name AS patient_name, w.hospital_id, h.name AS hospital_name,
    w.department_id, d.name AS department_name, dr.id AS doctor_id, dr.name AS doctor_name, dr.title AS doctor_title,
    w.visit_date, w.period, s.starts_at, s.ends_at, w.status, w.end_reason, w.refusal_code, w.order_id,
    o.status AS order_status, o.cancel_reason AS order_cancel_reason, w.joined_at, w.closes_at, w.ended_at,
    CASE WHEN w.status = 'waiting' THEN 1 + (SELECT COUNT(*) FROM waitlist_entry q WHERE q.schedule_id = w.schedule_id
      AND q.status = 'waiting' AND (q.joined_at < w.joined_at OR (q.joined_at = w.joined_at AND q.id < w.id)))
    END AS position
  FROM waitlist_entry w
  JOIN patient p ON p.id = w.patient_id
  JOIN schedule s ON s.id = w.schedule_id
  JOIN hospital h ON h.id = w.hospital_id
  JOIN department d ON d.id = w.department_id
  LEFT JOIN doctor dr ON dr.id = s.doctor_id
  LEFT JOIN booking_order o ON o.id = w.order_id`;

/** How far back the patient's list goes. */
const LIST_DAYS = 90;

/** The account's waitlists, newest first (those of the last LIST_DAYS days). */
export async function listWaitlists(db: Database, accountId: string, now: number): Promise<Waitlist[]> {
  const rows = await db.query<PlaceRow>(
    `${PLACES} WHERE w.account_id = ? AND w.joined_at >= ? ORDER BY w.joined_at DESC, w.group_id, s.starts_at`,
    [accountId, now - LIST_DAYS * 86_400_000],
  );
  return toWaitlists(rows);
}

/** One of the account's waitlists, or undefined. */
export async function findWaitlist(db: Database, accountId: string, groupId: string): Promise<Waitlist | undefined> {
  const rows = await db.query<PlaceRow>(`${PLACES} WHERE w.account_id = ? AND w.group_id = ? ORDER BY s.starts_at`, [
    accountId,
    groupId,
  ]);
  return toWaitlists(rows)[0];
}

const iso = (v: unknown) => new Date(Number(v)).toISOString();

/** Groups places (rows of one waitlist in a row, sessions in time order) into the patient's waitlists. */
export function toWaitlists(rows: PlaceRow[]): Waitlist[] {
  const groups = new Map<string, PlaceRow[]>();
  for (const r of rows) (groups.get(r.group_id) ?? groups.set(r.group_id, []).get(r.group_id)!).push(r);
  return [...groups.values()].map(toWaitlist);
}

function toWaitlist(places: PlaceRow[]): Waitlist {
  const first = places[0]!;
  const booked = places.find((p) => p.status === 'booked');
  const lapsed = booked?.order_status === 'cancelled' && booked.order_cancel_reason === 'payment-timeout';
  const waiting = places.filter((p) => p.status === 'waiting');
  const status: WaitlistStatus = lapsed ? 'ended' : booked ? 'booked' : waiting.length ? 'waiting' : 'ended';
  const endedBy = status === 'ended' && !lapsed ? endingPlace(places) : undefined;
  const positions = waiting.map((p) => Number(p.position));
  const ends = places.map((p) => (p.ended_at === null ? 0 : Number(p.ended_at)));
  return {
    id: first.group_id,
    status,
    statusLabel: WAITLIST_STATUS_LABELS[status],
    endReason: lapsed ? 'unpaid' : (endedBy?.end_reason ?? null),
    note: lapsed ? WAITLIST_END_LABELS.unpaid : booked ? bookedNote(booked) : endedBy ? endedNote(endedBy) : null,
    patient: { id: first.patient_id, name: first.patient_name },
    hospital: { id: first.hospital_id, name: first.hospital_name },
    department: { id: first.department_id, name: first.department_name },
    date: first.visit_date,
    sessions: places.map((p) => ({
      scheduleId: p.schedule_id,
      period: p.period as Waitlist['sessions'][number]['period'],
      startsAt: iso(p.starts_at),
      endsAt: iso(p.ends_at),
      doctor: p.doctor_id ? { id: p.doctor_id, name: p.doctor_name ?? '', title: p.doctor_title ?? '' } : null,
      status: p.status,
      position: p.status === 'waiting' ? Number(p.position) : null,
    })),
    position: positions.length ? Math.min(...positions) : null,
    joinedAt: iso(first.joined_at),
    closesAt: iso(Math.max(...places.map((p) => Number(p.closes_at)))),
    endedAt: status === 'ended' && !lapsed ? iso(Math.max(...ends)) : null,
    orderId: booked?.order_id ?? null,
  };
}

/** The place that says why a waitlist ended: the patient leaving it first, then a rule, then the close. */
function endingPlace(places: PlaceRow[]): PlaceRow {
  for (const reason of ['left', 'refused', 'closed'] as const) {
    const p = places.find((x) => x.end_reason === reason);
    if (p) return p;
  }
  return places[0]!;
}

function endedNote(p: PlaceRow): string {
  const reason = p.end_reason ?? 'closed';
  if (reason !== 'refused' || !p.refusal_code) return WAITLIST_END_LABELS[reason];
  const rule = ERRORS[p.refusal_code as ErrorCode]?.message;
  return rule ? `${WAITLIST_END_LABELS.refused}：${rule}` : WAITLIST_END_LABELS.refused;
}

function bookedNote(p: PlaceRow): string {
  if (p.order_status === 'pending') return '已为您约到号源，请在支付时限内完成支付，逾期将顺延给下一位';
  if (p.order_status === 'cancelled') return '候补约到的预约已取消';
  return '已为您约到号源，请按时就诊';
}
