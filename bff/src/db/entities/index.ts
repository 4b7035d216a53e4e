import { Account, AccountIdentity, SmsCode } from './account.js';
import { AgreementAcceptance, AgreementVersion } from './agreement.js';
import { Department, Doctor, Hospital } from './catalog.js';
import { HisKey, HospitalNonce, HospitalSecret } from './hospital-interface.js';
import { Announcement, AuditEvent, HelpArticle } from './content.js';
import { Order, OrderEvent } from './order.js';
import { HospitalEventEntity, HospitalPushFailure, HospitalStream, JobLease, OrderHisRef, Outbox } from './outbox.js';
import { Notice, NoticeConsent } from './notice.js';
import { Patient, Person } from './patient.js';
import { DrawTicket, ReleaseDraw } from './release-draw.js';
import { Payment, PayNotify, Refund } from './payment.js';
import { Reconciliation, ReconciliationLine, ReconciliationRun } from './reconciliation.js';
import { ImagingShareEntity } from './records.js';
import { StaffAccount, StaffSessionEntity } from './staff.js';
import { Schedule, Slot, SlotEvent } from './schedule.js';
import { ServiceMinute } from './service-minute.js';
import { WaitlistEntry } from './waitlist.js';

export * from './account.js';
export * from './agreement.js';
export * from './catalog.js';
export * from './content.js';
export * from './hospital-interface.js';
export * from './order.js';
export * from './notice.js';
export * from './outbox.js';
export * from './patient.js';
export * from './payment.js';
export * from './reconciliation.js';
export * from './records.js';
export * from './release-draw.js';
export * from './staff.js';
export * from './schedule.js';
export * from './service-minute.js';
export * from './waitlist.js';

export const ENTITIES = [
  ServiceMinute,
  AgreementVersion,
  AgreementAcceptance,
  ImagingShareEntity,
  Hospital,
  Department,
  Doctor,
  Schedule,
  Slot,
  SlotEvent,
  Account,
  AccountIdentity,
  SmsCode,
  Person,
  Patient,
  Order,
  OrderEvent,
  Announcement,
  HelpArticle,
  AuditEvent,
  Payment,
  Refund,
  PayNotify,
  Reconciliation,
  ReconciliationLine,
  ReconciliationRun,
  StaffAccount,
  StaffSessionEntity,
  HospitalSecret,
  HospitalNonce,
  HisKey,
  Outbox,
  HospitalEventEntity,
  HospitalStream,
  HospitalPushFailure,
  OrderHisRef,
  JobLease,
  Notice,
  NoticeConsent,
  WaitlistEntry,
  ReleaseDraw,
  DrawTicket,
];
