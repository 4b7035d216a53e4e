import { EntitySchema } from 'typeorm';
import { col } from '../columns.js';

/** What a notice tells the patient; one template per kind and channel. */
export type NoticeKind =
  | 'booked-unpaid'
  | 'booked'
  | 'paid'
  | 'cancelled'
  | 'stop-clinic'
  | 'refunded'
  | 'expiring'
  | 'expired'
  | 'reminder'
  /** 候补: a freed slot was booked for the patient's place (to pay within the window, when a fee applies). */
  | 'waitlist-booked'
  /** 候补: the waitlist ended unserved (closed, or a rule refused it); `orderId` is the waitlist's id. */
  | 'waitlist-ended'
  /** 放号抽签: the draw booked the ticket of a patient answered 已登记 (to pay within the window, when a fee applies). */
  | 'draw-won'
  /** 放号抽签: the ticket of a patient answered 已登记 lost (the reason in words); `orderId` is the ticket's id. */
  | 'draw-lost';

export type NoticeChannel = 'sms' | 'wechat' | 'alipay' | 'baidu';

/** queued → sent, or failed once the channel refused it for good or the attempts ran out. */
export type NoticeStatus = 'queued' | 'sent' | 'failed';

/**
 * One message to a patient, queued in the transaction that learnt of its cause. `source` names
 * the cause (the outbox event id, or `expiring:<order>` / `reminder:<order>`): with the kind it
 * is unique, so a cause written twice still yields one notice.
 */
export interface NoticeRow {
  id: string;
  source: string;
  kind: NoticeKind;
  orderId: string;
  accountId: string;
  patientId: string;
  channel: NoticeChannel;
  /** The template's parameters as JSON (no personal data: names of places, times, amounts). */
  params: string;
  status: NoticeStatus;
  attempts: number;
  nextAttemptAt: number;
  leaseOwner: string | null;
  leaseUntil: number;
  lastError: string | null;
  /** Blind index of the phone it went to (set when sent by SMS or after): the sandbox's lookup key. */
  phoneHash: string | null;
  createdAt: number;
  sentAt: number | null;
}

export const Notice = new EntitySchema<NoticeRow>({
  name: 'Notice',
  tableName: 'notice',
  columns: {
    id: col.id(),
    source: col.str(64),
    kind: col.str(16),
    orderId: { ...col.ref(), name: 'order_id' },
    accountId: { ...col.ref(), name: 'account_id' },
    patientId: { ...col.ref(), name: 'patient_id' },
    channel: col.str(10),
    params: col.text(),
    status: col.str(10),
    attempts: col.int(),
    nextAttemptAt: { ...col.instant(), name: 'next_attempt_at' },
    leaseOwner: { ...col.str(36, true), name: 'lease_owner' },
    leaseUntil: { ...col.instant(), name: 'lease_until' },
    lastError: { ...col.str(200, true), name: 'last_error' },
    phoneHash: { ...col.str(64, true), name: 'phone_hash' },
    createdAt: { ...col.instant(), name: 'created_at' },
    sentAt: { ...col.instant(true), name: 'sent_at' },
  },
});

/**
 * One-time subscription credits (WeChat 一次性订阅): each accepted `requestSubscribeMessage`
 * allows one message of that template to that account.
 */
export interface NoticeConsentRow {
  id: string;
  accountId: string;
  templateId: string;
  credits: number;
  updatedAt: number;
}

export const NoticeConsent = new EntitySchema<NoticeConsentRow>({
  name: 'NoticeConsent',
  tableName: 'notice_consent',
  columns: {
    id: col.id(),
    accountId: { ...col.ref(), name: 'account_id' },
    templateId: { ...col.str(64), name: 'template_id' },
    credits: col.int(),
    updatedAt: { ...col.instant(), name: 'updated_at' },
  },
});
