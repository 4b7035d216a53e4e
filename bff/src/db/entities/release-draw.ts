import { EntitySchema } from 'typeorm';
import { col } from '../columns.js';

/** A session's release draw (docs/fair-release.md); written by core/booking/draw through plain SQL. */
export interface ReleaseDrawRow {
  scheduleId: string;
  releaseAt: number;
  windowEndsAt: number;
  state: string;
  seed: string | null;
  claimedBy: string | null;
  leaseUntil: number | null;
  claims: number;
  entered: number | null;
  won: number | null;
  createdAt: number;
  decidedAt: number | null;
}

export const ReleaseDraw = new EntitySchema<ReleaseDrawRow>({
  name: 'ReleaseDraw',
  tableName: 'release_draw',
  columns: {
    scheduleId: { ...col.ref(), name: 'schedule_id', primary: true },
    releaseAt: { ...col.instant(), name: 'release_at' },
    windowEndsAt: { ...col.instant(), name: 'window_ends_at' },
    state: col.str(10),
    seed: col.str(64, true),
    claimedBy: { ...col.ref(true), name: 'claimed_by' },
    leaseUntil: { ...col.instant(true), name: 'lease_until' },
    claims: col.int(),
    entered: col.int(true),
    won: col.int(true),
    createdAt: { ...col.instant(), name: 'created_at' },
    decidedAt: { ...col.instant(true), name: 'decided_at' },
  },
});

/** A person's ticket in a session's draw: their first request, their place in the order, its outcome. */
export interface DrawTicketRow {
  id: string;
  scheduleId: string;
  personId: string;
  accountId: string;
  patientId: string;
  slotId: string | null;
  idempotencyKey: string;
  requestHash: string;
  channel: string;
  edition: string | null;
  ip: string | null;
  agentId: string | null;
  position: number | null;
  outcome: string;
  orderId: string | null;
  refusalCode: string | null;
  refusalMessage: string | null;
  createdAt: number;
  decidedAt: number | null;
  /**
   * When a request of the ticket was answered DRAW_PENDING (已登记) while the ticket was still
   * pending: its holder learns the result from a notice, written when the ticket is decided.
   */
  toldPendingAt: number | null;
}

export const DrawTicket = new EntitySchema<DrawTicketRow>({
  name: 'DrawTicket',
  tableName: 'draw_ticket',
  columns: {
    id: col.id(),
    scheduleId: { ...col.ref(), name: 'schedule_id' },
    personId: { ...col.ref(), name: 'person_id' },
    accountId: { ...col.ref(), name: 'account_id' },
    patientId: { ...col.ref(), name: 'patient_id' },
    slotId: { ...col.ref(true), name: 'slot_id' },
    idempotencyKey: { ...col.str(64), name: 'idempotency_key' },
    requestHash: { ...col.str(64), name: 'request_hash' },
    channel: col.str(8),
    edition: col.str(8, true),
    ip: col.str(64, true),
    agentId: { ...col.ref(true), name: 'agent_id' },
    position: col.int(true),
    outcome: col.str(8),
    orderId: { ...col.ref(true), name: 'order_id' },
    refusalCode: { ...col.str(40, true), name: 'refusal_code' },
    refusalMessage: { ...col.str(255, true), name: 'refusal_message' },
    createdAt: { ...col.instant(), name: 'created_at' },
    decidedAt: { ...col.instant(true), name: 'decided_at' },
    toldPendingAt: { ...col.instant(true), name: 'told_pending_at' },
  },
});
