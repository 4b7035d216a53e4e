import type { AddPatientRequest, Caller, CallerPatient, Order, PhoneBookRequest } from '@cityhealth/shared-types';
import type { AuditEntry, AuditLog } from '../audit/audit-log.js';
import type { BookingCore } from '../core/booking/booking-core.js';
import type { OrderRecord } from '../core/booking/order-record.js';
import { toOrder } from '../core/booking/order-view.js';
import type { Database } from '../db/database.js';
import type { IdentityActor } from '../identity/actor.js';
import type { AccountService } from '../identity/accounts.js';
import type { PatientRegistration } from '../identity/patient-registration.js';
import type { PatientService } from '../identity/patients.js';
import type { Pii } from '../identity/pii.js';
import type { PaymentService } from '../pay/payment-service.js';
import type { Clock } from '../shared/clock.js';
import { AppError } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import {
  accountByPhoneHash,
  activeAccount,
  callerCard,
  maskOrder,
  requireActive,
  toCallerPatient,
} from './phone-caller-view.js';
import type { Staff } from './staff.js';

export interface PhoneBookingDeps {
  db: Database;
  pii: Pii;
  clock: Clock;
  logger: Logger;
  audit: AuditLog;
  accounts: AccountService;
  patients: PatientService;
  registration: PatientRegistration;
  booking: BookingCore;
  payments: PaymentService;
}

/** What a phone agent cancels with when the caller gives no reason. */
export const PHONE_CANCEL_NOTE = '电话取消';

/**
 * Phone booking (电话预约): a call-centre agent acts for the caller through the same doors the
 * patient API uses (accounts, patients, the booking core), so every check, limit and rule is the
 * same; the agent is the actor in the audit trail and in the order's history, the caller's account
 * and patient its target. Bookings go through the core as channel 'phone' with the agent's id;
 * payment is what the core decides for any channel (see docs/console-phone.md).
 */
export class PhoneBooking {
  constructor(private readonly d: PhoneBookingDeps) {}

  /** The caller by the phone they give; null when no account has it (the agent may register one). */
  async lookup(staff: Staff, phone: string, ip: string): Promise<Caller | null> {
    const row = await accountByPhoneHash(this.d.db, this.d.pii.indexes('phone', phone));
    await this.audit(staff, ip, {
      action: 'phone.caller.lookup',
      targetType: row ? 'account' : null,
      targetId: row?.id ?? null,
      detail: { found: !!row },
    });
    return row ? this.card(requireActive(row)) : null;
  }

  async register(staff: Staff, phone: string, ip: string): Promise<Caller> {
    const accountId = await this.d.accounts.registerByPhone(phone, actorOf(staff), ip);
    return this.card(await activeAccount(this.d.db, accountId));
  }

  async caller(staff: Staff, accountId: string, ip: string): Promise<Caller> {
    const account = await activeAccount(this.d.db, accountId);
    await this.audit(staff, ip, { action: 'phone.caller.view', targetType: 'account', targetId: accountId });
    return this.card(account);
  }

  /**
   * Adds the patient by document and verifies the real name in the same step the app's form uses
   * (the same checks, verifier, person index and audit, the agent as actor): a refusal saves nothing,
   * so the agent corrects what the caller said and retries.
   */
  async addPatient(staff: Staff, accountId: string, req: AddPatientRequest, ip: string): Promise<CallerPatient> {
    await activeAccount(this.d.db, accountId);
    return toCallerPatient(await this.d.registration.add(accountId, req, ip, actorOf(staff)));
  }

  /** Verifies a patient the caller added in the app without verifying it. */
  async verifyPatient(staff: Staff, accountId: string, patientId: string, ip: string): Promise<CallerPatient> {
    await activeAccount(this.d.db, accountId);
    return toCallerPatient(await this.d.patients.verify(accountId, patientId, ip, actorOf(staff)));
  }

  async book(
    staff: Staff,
    accountId: string,
    req: PhoneBookRequest,
    idempotencyKey: string | undefined,
    ip: string,
  ): Promise<{ order: Order; replay: boolean }> {
    await activeAccount(this.d.db, accountId);
    const entry = { action: 'phone.order.create', targetType: 'patient', targetId: req.patientId };
    try {
      const { order, replay } = await this.d.booking.placeOrder({
        accountId,
        patientId: req.patientId,
        scheduleId: req.scheduleId,
        slotId: req.slotId,
        channel: 'phone',
        agentId: staff.id,
        idempotencyKey,
        ip,
      });
      await this.audit(staff, ip, { ...entry, detail: { accountId, orderId: order.id, replay } });
      return { order: maskOrder(order), replay };
    } catch (e) {
      if (e instanceof AppError) await this.audit(staff, ip, { ...entry, detail: { accountId, refused: e.code } });
      throw e;
    }
  }

  async order(staff: Staff, accountId: string, orderId: string, ip: string): Promise<Order> {
    await activeAccount(this.d.db, accountId);
    const order = await this.d.booking.getOrder(accountId, orderId);
    await this.audit(staff, ip, {
      action: 'phone.order.view',
      targetType: 'account',
      targetId: accountId,
      detail: { orderId },
    });
    return maskOrder(toOrder(order, this.d.clock.now()));
  }

  /** The patient's cancellation, made by the agent: the patient's deadline and limits, the agent its actor. */
  async cancel(
    staff: Staff,
    accountId: string,
    orderId: string,
    reason: string | undefined,
    ip: string,
  ): Promise<Order> {
    await activeAccount(this.d.db, accountId);
    const entry = { action: 'phone.order.cancel', targetType: 'account', targetId: accountId };
    let order: OrderRecord;
    try {
      order = await this.d.booking.cancel(accountId, orderId, reason ?? PHONE_CANCEL_NOTE, ip, {
        actor: { type: 'agent', id: staff.id },
        audit: { ...entry, actorType: 'staff', actorId: staff.id, ip, detail: { orderId } },
      });
    } catch (e) {
      if (e instanceof AppError) await this.audit(staff, ip, { ...entry, detail: { orderId, refused: e.code } });
      throw e;
    }
    if (order.paymentStatus === 'refunding') {
      // As the patient API: start the refund now; a failure here is retried by the sweep.
      await this.d.payments
        .refundCancelled()
        .catch((err: unknown) => this.d.logger.warn({ err }, 'refund after phone cancel deferred to the sweep'));
      order = await this.d.booking.getOrder(accountId, orderId);
    }
    return maskOrder(toOrder(order, this.d.clock.now()));
  }

  private card(account: Awaited<ReturnType<typeof activeAccount>>): Promise<Caller> {
    return callerCard({ patients: this.d.patients, booking: this.d.booking, now: this.d.clock.now() }, account);
  }

  private audit(staff: Staff, ip: string, entry: Omit<AuditEntry, 'actorType' | 'actorId' | 'ip'>): Promise<void> {
    return this.d.audit.record({ ...entry, actorType: 'staff', actorId: staff.id, ip });
  }
}

const actorOf = (staff: Staff): IdentityActor => ({ type: 'staff', id: staff.id });
