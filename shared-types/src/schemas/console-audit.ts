import { z } from 'zod';
import { PHONE_RULE } from '../field-rules.js';
import { EDITIONS, ORDER_CHANNELS, ORDER_STATUSES, PERIODS, SLOT_TRACE_KINDS } from '../labels.js';
import { CalendarDate, Id, Instant, PageQuery, paged } from './common.js';
import { IdNumber } from './patients.js';

/*
 * The staff console's oversight pages: the no-show blacklist, the audit trail and the history of
 * one slot. Every answer carries masked personal data and ids only; a full value is shown through
 * revealPersonalData (audited).
 */

const Named = z.object({ id: Id, name: z.string() });

/* ---- Blacklist (黑名单) ---- */

export const BlacklistSearchQuery = z
  .object({
    idNumber: IdNumber.optional(),
    phone: z.string().trim().regex(PHONE_RULE.pattern, PHONE_RULE.message).optional(),
    name: z.string().trim().min(1, '请输入姓名').max(30, '姓名最多 30 个字').optional(),
  })
  .refine((q) => [q.idNumber, q.phone, q.name].filter((v) => v !== undefined).length === 1, {
    message: '请按身份证号、手机号或姓名中的一项查找',
    path: ['idNumber'],
  })
  .meta({ id: 'BlacklistSearchQuery' });

/** One real person (one identity, possibly kept as patients by several accounts), masked. */
export const BlacklistPerson = z
  .object({
    personId: Id,
    /** The name masked (张*, 欧**娜). */
    nameMasked: z.string(),
    idMasked: z.string(),
    phoneMasked: z.string(),
    /** How many accounts keep this person as a patient. */
    patientCount: z.number().int(),
    suspended: z.boolean(),
    /** The end of the suspension; null when never suspended or lifted. */
    blacklistedUntil: Instant.nullable(),
    /** No-shows within the rules' window (those that lead to a suspension). */
    recentNoShows: z.number().int(),
  })
  .meta({ id: 'BlacklistPerson' });

export const BlacklistPersonList = z.object({ items: z.array(BlacklistPerson) }).meta({ id: 'BlacklistPersonList' });
export const BlacklistPage = paged(BlacklistPerson).meta({ id: 'BlacklistPage' });
export const BlacklistQuery = PageQuery;

export const NoShow = z
  .object({
    orderId: Id,
    orderNo: z.string(),
    visitDate: CalendarDate,
    period: z.enum(PERIODS),
    hospital: Named,
    department: Named,
    doctor: Named.nullable(),
    /** When the hospital marked the no-show. */
    markedAt: Instant.nullable(),
    /** Inside the rules' window: counts toward a suspension. */
    counts: z.boolean(),
  })
  .meta({ id: 'NoShow' });

export const BlacklistLift = z
  .object({ at: Instant, by: z.string(), reason: z.string() })
  .meta({ id: 'BlacklistLift' });

export const BlacklistPersonDetail = BlacklistPerson.extend({
  /** Every no-show of the person, newest first. */
  noShows: z.array(NoShow),
  /** The latest lifting of a suspension, if any. */
  lastLift: BlacklistLift.nullable(),
}).meta({ id: 'BlacklistPersonDetail' });

export const PersonParams = z.object({ id: Id });

export const LiftBlacklistRequest = z
  .object({
    reason: z
      .string({ error: '请填写解除原因' })
      .trim()
      .min(4, '请写明解除原因（至少 4 个字）')
      .max(200, '原因最多 200 个字'),
  })
  .meta({ id: 'LiftBlacklistRequest' });

/* ---- Audit trail (审计日志) ---- */

const ActorType = z
  .string()
  .regex(/^[a-z-]{1,16}$/, '操作者类型格式不正确')
  .meta({ description: 'staff, patient, hospital, system, …' });

export const AuditSearchQuery = PageQuery.extend({
  actorType: ActorType.optional(),
  actorId: Id.optional(),
  /** A staff member's user name or name (exact). */
  staff: z.string().trim().min(1).max(60).optional(),
  /** Exact, or a prefix ending in '.' or '*' (`staff.`, `pii.*`). */
  action: z
    .string()
    .trim()
    .regex(/^[a-z0-9.\-_]+\*?$/i, '操作类型格式不正确')
    .max(40)
    .optional(),
  targetType: z
    .string()
    .regex(/^[a-z-]{1,20}$/, '对象类型格式不正确')
    .optional(),
  targetId: Id.optional(),
  /** Calendar dates in Asia/Shanghai, both included. */
  from: CalendarDate.optional(),
  to: CalendarDate.optional(),
})
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: '开始日期不能晚于结束日期', path: ['to'] })
  .meta({ id: 'AuditSearchQuery' });

export const AuditEntry = z
  .object({
    id: Id,
    at: Instant,
    actor: z.object({
      type: z.string(),
      id: z.string().nullable(),
      /** The staff member's name, or 患者 / 医院 (its name when known) / 系统. */
      name: z.string(),
    }),
    action: z.string(),
    target: z.object({ type: z.string().nullable(), id: z.string().nullable() }),
    /** The address with its last part masked. */
    ip: z.string().nullable(),
    /** What the action recorded (ID numbers and phones in it masked). */
    detail: z.record(z.string(), z.unknown()).nullable(),
  })
  .meta({ id: 'AuditEntry' });

export const AuditPage = paged(AuditEntry).meta({ id: 'AuditPage' });

/* ---- Slot traceability (号源追溯) ---- */

export const SlotTraceQuery = z
  .object({
    slotId: Id.optional(),
    orderNo: z
      .string()
      .trim()
      .min(1)
      .max(24)
      .regex(/^[A-Za-z0-9-]+$/)
      .optional(),
  })
  .refine((q) => (q.slotId === undefined) !== (q.orderNo === undefined), {
    message: '请按号源编号或订单号中的一项查找',
    path: ['slotId'],
  })
  .meta({ id: 'SlotTraceQuery' });

export const SlotTraceActor = z.object({
  type: z.string(),
  id: z.string().nullable(),
  /** The patient's masked name, the hospital's name, 系统, or the staff member's name. */
  name: z.string(),
});

export const SlotTraceEvent = z
  .object({
    at: Instant,
    kind: z.enum(SLOT_TRACE_KINDS),
    /** What happened, in Chinese (已发布, 预约, 支付成功, 取消, 停诊, 爽约, …). */
    label: z.string(),
    /** The record's own code (slot_event action, or the order's new status). */
    action: z.string(),
    orderNo: z.string().nullable(),
    actor: SlotTraceActor,
    /** The channel the order came from; null for a session's own step, or an order of before channels. */
    channel: z.enum(ORDER_CHANNELS).nullable(),
    detail: z.string().nullable(),
  })
  .meta({ id: 'SlotTraceEvent' });

export const SlotTraceOrder = z
  .object({
    id: Id,
    orderNo: z.string(),
    status: z.enum(ORDER_STATUSES),
    patientNameMasked: z.string(),
    channel: z.enum(ORDER_CHANNELS).nullable(),
    edition: z.enum(EDITIONS).nullable(),
    /** The phone agent who booked it, by name. */
    agent: z.string().nullable(),
    createdAt: Instant,
  })
  .meta({ id: 'SlotTraceOrder' });

export const SlotTrace = z
  .object({
    slot: z.object({ id: Id, seq: z.number().int(), startsAt: Instant, endsAt: Instant, status: z.string() }),
    schedule: z.object({
      id: Id,
      date: CalendarDate,
      period: z.enum(PERIODS),
      hospital: Named,
      department: Named,
      doctor: Named.nullable(),
      capacity: z.number().int(),
      status: z.string(),
      publishedAt: Instant,
    }),
    /** Every order ever placed on the slot, oldest first. */
    orders: z.array(SlotTraceOrder),
    /** The slot's history in time order. */
    events: z.array(SlotTraceEvent),
  })
  .meta({ id: 'SlotTrace' });

export type BlacklistPerson = z.infer<typeof BlacklistPerson>;
export type BlacklistPersonDetail = z.infer<typeof BlacklistPersonDetail>;
export type NoShow = z.infer<typeof NoShow>;
export type AuditEntry = z.infer<typeof AuditEntry>;
export type AuditSearchQuery = z.infer<typeof AuditSearchQuery>;
export type SlotTrace = z.infer<typeof SlotTrace>;
export type SlotTraceEvent = z.infer<typeof SlotTraceEvent>;
