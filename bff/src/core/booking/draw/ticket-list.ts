import { DRAW_TICKET_STATE_LABELS, type DrawTicket, type DrawTicketState } from '@cityhealth/shared-types';
import type { Database } from '../../../db/database.js';
import { refusalCodeOf } from './draw-store.js';
import { lostReasonInApp } from './lost-reason.js';

/** How far back 我的预约's 放号抽签 section goes. */
export const TICKET_LIST_DAYS = 30;
/** A patient enters a handful of draws a month; the list stops here. */
const TICKET_LIST_MAX = 50;

interface TicketViewRow {
  id: string;
  outcome: string;
  order_id: string | null;
  refusal_code: string | null;
  refusal_message: string | null;
  created_at: unknown;
  decided_at: unknown;
  patient_id: string;
  patient_name: string;
  hospital_id: string;
  hospital_name: string;
  department_id: string;
  department_name: string;
  doctor_id: string | null;
  doctor_name: string | null;
  doctor_title: string | null;
  date: string;
  period: string;
  starts_at: unknown;
  ends_at: unknown;
}

const TICKETS = `
  SELECT t.id, t.outcome, t.order_id, t.refusal_code, t.refusal_message, t.created_at, t.decided_at,
    t.patient_id, p.name AS patient_name, h.id AS hospital_id, h.name AS hospital_name,
    d.id AS department_id, d.name AS department_name, dr.id AS doctor_id, dr.name AS doctor_name,
    dr.title AS doctor_title, s.date, s.period, s.starts_at, s.ends_at
  FROM draw_ticket t
  JOIN schedule s ON s.id = t.schedule_id
  JOIN hospital h ON h.id = s.hospital_id
  JOIN department d ON d.id = s.department_id
  LEFT JOIN doctor dr ON dr.id = s.doctor_id
  JOIN patient p ON p.id = t.patient_id`;

const iso = (v: unknown) => new Date(Number(v)).toISOString();

/**
 * The account's tickets in release draws of the last TICKET_LIST_DAYS days, newest first. A ticket
 * belongs to the account of its person's first request (another account of the same person was
 * answered DUPLICATE_DEPARTMENT_SESSION and holds none).
 */
export async function listDrawTickets(db: Database, accountId: string, now: number): Promise<DrawTicket[]> {
  const rows = await db.query<TicketViewRow>(
    `${TICKETS} WHERE t.account_id = ? AND t.created_at >= ? ORDER BY t.created_at DESC, t.id LIMIT ${TICKET_LIST_MAX}`,
    [accountId, now - TICKET_LIST_DAYS * 86_400_000],
  );
  return rows.map(toDrawTicket);
}

function toDrawTicket(r: TicketViewRow): DrawTicket {
  const state = stateOf(r.outcome);
  return {
    id: r.id,
    state,
    stateLabel: DRAW_TICKET_STATE_LABELS[state],
    hospital: { id: r.hospital_id, name: r.hospital_name },
    department: { id: r.department_id, name: r.department_name },
    doctor: r.doctor_id ? { id: r.doctor_id, name: r.doctor_name ?? '', title: r.doctor_title ?? '' } : null,
    date: r.date,
    period: r.period as DrawTicket['period'],
    startsAt: iso(r.starts_at),
    endsAt: iso(r.ends_at),
    patient: { id: r.patient_id, name: r.patient_name },
    enteredAt: iso(r.created_at),
    decidedAt: r.decided_at === null || r.decided_at === undefined ? null : iso(r.decided_at),
    orderId: state === 'won' ? r.order_id : null,
    reason: state === 'lost' ? lostReasonInApp(refusalCodeOf(r.refusal_code), r.refusal_message) : null,
  };
}

/** A stored outcome as the contract's state; one this version does not know reads as still pending. */
function stateOf(outcome: string): DrawTicketState {
  return outcome === 'won' || outcome === 'lost' ? outcome : 'pending';
}
