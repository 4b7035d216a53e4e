import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Gives every key of the first migrations a name that says what it is for: they were named by
 * their position in a list (uq_booking_order_1), so an error or a query plan naming one told
 * nothing, and inserting a key in the list would have renamed the ones after it.
 */
const RENAMES: [table: string, from: string, to: string, columns: string[], unique?: true][] = [
  ['hospital', 'uq_hospital_0', 'uq_hospital_code', ['code'], true],
  ['hospital', 'ix_hospital_1', 'ix_hospital_district_level', ['district', 'level']],
  ['department', 'ix_department_0', 'ix_department_hospital_sort', ['hospital_id', 'sort']],
  ['department', 'ix_department_1', 'ix_department_parent', ['parent_id']],
  ['doctor', 'ix_doctor_0', 'ix_doctor_department', ['department_id']],
  ['doctor', 'ix_doctor_1', 'ix_doctor_hospital', ['hospital_id']],
  ['schedule', 'ix_schedule_0', 'ix_schedule_department_date', ['department_id', 'date']],
  ['schedule', 'ix_schedule_1', 'ix_schedule_hospital_date', ['hospital_id', 'date']],
  ['schedule', 'ix_schedule_2', 'ix_schedule_release', ['release_at']],
  ['slot', 'uq_slot_0', 'uq_slot_schedule_seq', ['schedule_id', 'seq'], true],
  ['slot_event', 'ix_slot_event_0', 'ix_slot_event_slot_at', ['slot_id', 'at']],
  ['slot_event', 'ix_slot_event_1', 'ix_slot_event_schedule_at', ['schedule_id', 'at']],
  ['account', 'uq_account_0', 'uq_account_phone', ['phone_hash'], true],
  ['account_identity', 'uq_account_identity_0', 'uq_account_identity_platform_user', ['platform', 'open_id'], true],
  ['account_identity', 'ix_account_identity_1', 'ix_account_identity_account', ['account_id']],
  ['sms_code', 'ix_sms_code_0', 'ix_sms_code_phone_purpose_created', ['phone_hash', 'purpose', 'created_at']],
  ['person', 'uq_person_0', 'uq_person_id_number', ['id_hash'], true],
  ['patient', 'uq_patient_0', 'uq_patient_once_per_account', ['account_id', 'id_hash', 'live'], true],
  ['patient', 'ix_patient_1', 'ix_patient_person', ['person_id']],
  ['booking_order', 'uq_booking_order_0', 'uq_booking_order_no', ['order_no'], true],
  ['booking_order', 'uq_booking_order_1', 'uq_booking_order_one_per_slot', ['slot_id', 'live'], true],
  [
    'booking_order',
    'uq_booking_order_2',
    'uq_booking_order_one_per_department_session',
    ['person_id', 'department_id', 'visit_date', 'period', 'live'],
    true,
  ],
  ['booking_order', 'uq_booking_order_3', 'uq_booking_order_idempotency', ['account_id', 'idempotency_key'], true],
  ['booking_order', 'ix_booking_order_4', 'ix_booking_order_account_created', ['account_id', 'created_at']],
  ['booking_order', 'ix_booking_order_5', 'ix_booking_order_status_pay_deadline', ['status', 'pay_deadline']],
  ['booking_order', 'ix_booking_order_6', 'ix_booking_order_schedule_live', ['schedule_id', 'live']],
  ['order_event', 'ix_order_event_0', 'ix_order_event_order_at', ['order_id', 'at']],
  ['announcement', 'ix_announcement_0', 'ix_announcement_hospital_published', ['hospital_id', 'published_at']],
  ['announcement', 'ix_announcement_1', 'ix_announcement_published', ['published_at']],
  ['audit_event', 'ix_audit_event_0', 'ix_audit_event_at', ['at']],
  ['audit_event', 'ix_audit_event_1', 'ix_audit_event_actor_at', ['actor_id', 'at']],
  ['audit_event', 'ix_audit_event_2', 'ix_audit_event_target_at', ['target_id', 'at']],
  ['payment', 'uq_payment_0', 'uq_payment_out_trade_no', ['channel', 'out_trade_no'], true],
  ['payment', 'ix_payment_1', 'ix_payment_order', ['order_id']],
  ['payment', 'ix_payment_2', 'ix_payment_status_created', ['status', 'created_at']],
  ['payment', 'ix_payment_3', 'ix_payment_hospital_paid', ['hospital_id', 'paid_at']],
  ['refund', 'uq_refund_0', 'uq_refund_out_refund_no', ['channel', 'out_refund_no'], true],
  ['refund', 'uq_refund_1', 'uq_refund_one_per_payment', ['payment_id'], true],
  ['refund', 'ix_refund_2', 'ix_refund_order', ['order_id']],
  ['refund', 'ix_refund_3', 'ix_refund_status_created', ['status', 'created_at']],
  ['pay_notify', 'uq_pay_notify_0', 'uq_pay_notify_replay', ['channel', 'replay_key'], true],
  ['pay_notify', 'ix_pay_notify_1', 'ix_pay_notify_channel_notify_received', ['channel', 'notify_id', 'received_at']],
  ['pay_notify', 'ix_pay_notify_2', 'ix_pay_notify_out_no', ['out_no']],
  ['reconciliation', 'uq_reconciliation_0', 'uq_reconciliation_day_scope', ['channel', 'bill_date', 'scope'], true],
  ['reconciliation', 'ix_reconciliation_1', 'ix_reconciliation_date_hospital', ['bill_date', 'hospital_id']],
  [
    'reconciliation_line',
    'ix_reconciliation_line_0',
    'ix_reconciliation_line_day_hospital',
    ['channel', 'bill_date', 'hospital_id'],
  ],
  ['reconciliation_line', 'ix_reconciliation_line_1', 'ix_reconciliation_line_date_outcome', ['bill_date', 'outcome']],
  [
    'reconciliation_run',
    'ix_reconciliation_run_0',
    'ix_reconciliation_run_day_started',
    ['channel', 'bill_date', 'started_at'],
  ],
  ['staff_account', 'uq_staff_account_0', 'uq_staff_account_key', ['key_hash'], true],
];

async function rename(q: QueryRunner, table: string, from: string, to: string, columns: string[], unique: boolean) {
  if (q.connection.options.type === 'mysql') {
    await q.query(`ALTER TABLE \`${table}\` RENAME INDEX \`${from}\` TO \`${to}\``);
    return;
  }
  await q.dropIndex(table, from);
  await q.createIndex(table, new TableIndex({ name: to, columnNames: columns, isUnique: unique }));
}

export class NamedKeys1764600000000 implements MigrationInterface {
  name = 'NamedKeys1764600000000';

  async up(q: QueryRunner): Promise<void> {
    for (const [table, from, to, columns, unique] of RENAMES) await rename(q, table, from, to, columns, !!unique);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [table, from, to, columns, unique] of [...RENAMES].reverse())
      await rename(q, table, to, from, columns, !!unique);
  }
}
