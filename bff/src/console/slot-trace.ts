import {
  type Edition,
  ORDER_EVENT_REASON_LABELS,
  type OrderChannel,
  type OrderStatus,
  type SlotTrace,
  type SlotTraceEvent,
  type SlotTraceKind,
} from '@cityhealth/shared-types';
import type { Database } from '../db/database.js';
import { placeholders } from '../db/sql/execute.js';
import { maskName } from '../identity/pii.js';
import { AppError } from '../shared/errors.js';
import { iso } from '../shared/time.js';
import { actorNames, type StoredActor } from './display-names.js';
import { StaffService, type Staff } from './staff.js';

type SlotRow = { id: string; schedule_id: string; seq: number; starts_at: unknown; ends_at: unknown; status: string };
type ScheduleRow = {
  id: string;
  date: string;
  period: SlotTrace['schedule']['period'];
  capacity: number;
  status: string;
  published_at: unknown;
  hospital_id: string;
  hospital_name: string;
  department_id: string;
  department_name: string;
  doctor_id: string | null;
  doctor_name: string | null;
};
type OrderRow = {
  id: string;
  order_no: string;
  status: OrderStatus;
  created_at: unknown;
  patient_name: string;
  channel: OrderChannel | null;
  edition: Edition | null;
  agent_id: string | null;
};
type OrderEventRow = {
  order_id: string;
  from_status: OrderStatus | null;
  to_status: OrderStatus;
  actor_type: string;
  actor_id: string | null;
  reason: string | null;
  at: unknown;
};
type SlotEventRow = {
  id: string;
  action: string;
  order_id: string | null;
  actor_type: string;
  actor_id: string | null;
  detail: string | null;
  at: unknown;
};

/** The slot-event actions and what they read as; 'held' and 'booked' are told by the order's own history. */
const SLOT_ACTIONS: Record<string, { kind: SlotTraceKind; label: string } | null> = {
  published: { kind: 'published', label: '号源发布' },
  added: { kind: 'capacity', label: '加号（号源增加）' },
  withdrawn: { kind: 'capacity', label: '减号（号源撤回）' },
  readmitted: { kind: 'capacity', label: '号源恢复' },
  reshaped: { kind: 'capacity', label: '出诊调整' },
  stopped: { kind: 'stop-clinic', label: '停诊' },
  resumed: { kind: 'resumed', label: '恢复出诊' },
  released: { kind: 'released', label: '号源释放，可再预约' },
  closed: { kind: 'released', label: '号源关闭（停诊）' },
  held: null,
  booked: null,
};

const ATTENDANCE: Partial<Record<OrderStatus, string>> = { arrived: '已取号', fulfilled: '已就诊', noshow: '爽约' };

function orderStep(e: OrderEventRow): { kind: SlotTraceKind; label: string; detail: string | null } {
  const [code = '', ...note] = (e.reason ?? '').split(': ');
  const detail = note.length ? note.join(': ') : null;
  if (e.from_status === null)
    return { kind: 'booked', label: e.to_status === 'pending' ? '预约锁号，待支付' : '预约成功', detail };
  if (code === 'paid') return { kind: 'paid', label: '支付成功，预约确认', detail };
  if (e.to_status === 'cancelled')
    return code === 'stop-clinic'
      ? { kind: 'stop-clinic', label: '停诊取消', detail }
      : { kind: 'cancelled', label: ORDER_EVENT_REASON_LABELS[code] ?? '取消预约', detail };
  const attended = ATTENDANCE[e.to_status];
  if (attended && e.from_status !== e.to_status) return { kind: 'attendance', label: attended, detail };
  return { kind: 'payment', label: ORDER_EVENT_REASON_LABELS[code] ?? code, detail };
}

/** Ties at one instant: the session's change, then the order's step, then what it did to the slot. */
const RANK: Record<'schedule' | 'order' | 'slot', number> = { schedule: 0, order: 1, slot: 2 };

/**
 * 号源追溯: one slot's whole history, from its session's publication through every order placed on
 * it to attendance, each step with who did it (patients by masked name) and the order's channel.
 */
export class SlotTraces {
  constructor(private readonly db: Database) {}

  async trace(by: { slotId?: string; orderNo?: string }, staff: Staff): Promise<SlotTrace> {
    const slot = await this.slotOf(by);
    const schedule = await this.scheduleOf(slot.schedule_id);
    StaffService.scope(staff, schedule.hospital_id);
    const orders = await this.ordersOn(slot.id);
    const ids = orders.map((o) => o.id);
    const orderEvents = ids.length
      ? await this.db.query<OrderEventRow>(
          `SELECT order_id, from_status, to_status, actor_type, actor_id, reason, at FROM order_event
            WHERE order_id IN (${placeholders(ids.length)})`,
          ids,
        )
      : [];
    const slotEvents = await this.db.query<SlotEventRow & { slot_id: string | null }>(
      `SELECT id, slot_id, action, order_id, actor_type, actor_id, detail, at FROM slot_event WHERE slot_id = ?
        UNION ALL SELECT id, slot_id, action, order_id, actor_type, actor_id, detail, at FROM slot_event
        WHERE schedule_id = ? AND slot_id IS NULL`,
      [slot.id, slot.schedule_id],
    );

    const byOrder = new Map(orders.map((o) => [o.id, o]));
    const agents = orders.filter((o) => o.agent_id).map((o) => ({ type: 'staff', id: o.agent_id! }));
    const actors: StoredActor[] = [
      ...orderEvents.map((e) => ({ type: e.actor_type, id: e.actor_id })),
      ...slotEvents.map((e) => ({ type: e.actor_type, id: e.actor_id })),
      ...agents,
    ];
    const nameOf = await actorNames(this.db, actors);
    // A patient is named by the order's patient (masked), not by the account that acted.
    const actorOf = (a: StoredActor, orderId: string | null) => {
      const order = orderId ? byOrder.get(orderId) : undefined;
      const name = a.type === 'patient' && order ? `患者 ${maskName(order.patient_name)}` : nameOf(a);
      return { type: a.type, id: a.id, name };
    };

    const timed: (SlotTraceEvent & { rank: number; ms: number })[] = [];
    for (const e of orderEvents) {
      const order = byOrder.get(e.order_id)!;
      const step = orderStep(e);
      timed.push({
        ms: Number(e.at),
        rank: RANK.order,
        at: iso(Number(e.at)),
        ...step,
        action: e.to_status,
        orderNo: order.order_no,
        actor: actorOf({ type: e.actor_type, id: e.actor_id }, e.order_id),
        channel: order.channel,
      });
    }
    for (const e of slotEvents) {
      const shown = SLOT_ACTIONS[e.action];
      if (shown === null) continue;
      const order = e.order_id ? byOrder.get(e.order_id) : undefined;
      timed.push({
        ms: Number(e.at),
        rank: e.slot_id === null ? RANK.schedule : RANK.slot,
        at: iso(Number(e.at)),
        kind: shown?.kind ?? 'capacity',
        label: shown?.label ?? e.action,
        action: e.action,
        orderNo: order?.order_no ?? null,
        actor: actorOf({ type: e.actor_type, id: e.actor_id }, e.order_id),
        channel: order?.channel ?? null,
        detail: e.detail,
      });
    }
    timed.sort((a, b) => a.ms - b.ms || a.rank - b.rank);

    const agentName = (o: OrderRow) => (o.agent_id ? nameOf({ type: 'staff', id: o.agent_id }) : null);
    return {
      slot: {
        id: slot.id,
        seq: Number(slot.seq),
        startsAt: iso(Number(slot.starts_at)),
        endsAt: iso(Number(slot.ends_at)),
        status: slot.status,
      },
      schedule: {
        id: schedule.id,
        date: schedule.date,
        period: schedule.period,
        hospital: { id: schedule.hospital_id, name: schedule.hospital_name },
        department: { id: schedule.department_id, name: schedule.department_name },
        doctor: schedule.doctor_id ? { id: schedule.doctor_id, name: schedule.doctor_name ?? '' } : null,
        capacity: Number(schedule.capacity),
        status: schedule.status,
        publishedAt: iso(Number(schedule.published_at)),
      },
      orders: orders.map((o) => ({
        id: o.id,
        orderNo: o.order_no,
        status: o.status,
        patientNameMasked: maskName(o.patient_name),
        channel: o.channel,
        edition: o.edition,
        agent: agentName(o),
        createdAt: iso(Number(o.created_at)),
      })),
      events: timed.map(({ ms: _ms, rank: _rank, ...event }) => event),
    };
  }

  private async slotOf(by: { slotId?: string; orderNo?: string }): Promise<SlotRow> {
    let slotId = by.slotId;
    if (by.orderNo !== undefined) {
      const [order] = await this.db.query<{ slot_id: string }>('SELECT slot_id FROM booking_order WHERE order_no = ?', [
        by.orderNo,
      ]);
      slotId = order?.slot_id;
    }
    const [slot] = slotId
      ? await this.db.query<SlotRow>('SELECT id, schedule_id, seq, starts_at, ends_at, status FROM slot WHERE id = ?', [
          slotId,
        ])
      : [];
    if (!slot) throw new AppError('SLOT_TRACE_NOT_FOUND');
    return slot;
  }

  private async scheduleOf(id: string): Promise<ScheduleRow> {
    const [row] = await this.db.query<ScheduleRow>(
      `SELECT s.id, s.date, s.period, s.capacity, s.status, s.published_at, s.hospital_id, h.name AS hospital_name,
        s.department_id, d.name AS department_name, s.doctor_id, doc.name AS doctor_name
        FROM schedule s JOIN hospital h ON h.id = s.hospital_id JOIN department d ON d.id = s.department_id
        LEFT JOIN doctor doc ON doc.id = s.doctor_id WHERE s.id = ?`,
      [id],
    );
    if (!row) throw new AppError('SLOT_TRACE_NOT_FOUND');
    return row;
  }

  private ordersOn(slotId: string): Promise<OrderRow[]> {
    return this.db.query<OrderRow>(
      `SELECT o.id, o.order_no, o.status, o.created_at, o.channel, o.edition, o.agent_id, p.name AS patient_name
        FROM booking_order o
        JOIN patient p ON p.id = o.patient_id WHERE o.slot_id = ? ORDER BY o.created_at, o.id`,
      [slotId],
    );
  }
}
