import type { MigrationInterface, QueryRunner } from 'typeorm';
import { ID, REF, positionallyKeyedTable as table } from './schema-builder.js';

/** The whole schema of the first release; identical on SQLite and MariaDB. */
export class InitialSchema1763800000000 implements MigrationInterface {
  name = 'InitialSchema1763800000000';

  async up(q: QueryRunner): Promise<void> {
    const tables = [
      table('hospital', {
        id: ID, code: 'varchar(32)', name: 'varchar(100)', name_pinyin: 'varchar(400)', name_initials: 'varchar(100)',
        level: 'varchar(4)', district: 'varchar(20)', address: 'varchar(200)', phone: 'varchar(40)', intro: 'text',
        release_time: 'varchar(5)', days_ahead: 'int', online_payment: 'boolean', demo: 'boolean',
        created_at: 'bigint', updated_at: 'bigint',
      }, [[['code'], true], [['district', 'level']]]),
      table('department', {
        id: ID, hospital_id: REF, parent_id: 'varchar(36)?', name: 'varchar(100)', name_pinyin: 'varchar(400)',
        name_initials: 'varchar(100)', intro: 'text', sort: 'int',
      }, [[['hospital_id', 'sort']], [['parent_id']]]),
      table('doctor', {
        id: ID, hospital_id: REF, department_id: REF, name: 'varchar(50)', name_pinyin: 'varchar(200)', name_initials: 'varchar(50)',
        title: 'varchar(50)', specialty: 'varchar(500)', intro: 'text',
      }, [[['department_id']], [['hospital_id']]]),
      table('schedule', {
        id: ID, hospital_id: REF, department_id: REF, doctor_id: 'varchar(36)?', date: 'varchar(10)', period: 'varchar(10)',
        type: 'varchar(10)', fee_fen: 'int', capacity: 'int', free_count: 'int', next_seq: 'int', status: 'varchar(10)',
        starts_at: 'bigint', ends_at: 'bigint', release_at: 'bigint', closes_at: 'bigint',
        published_by: 'varchar(64)', published_at: 'bigint', updated_at: 'bigint', version: 'int',
      }, [[['department_id', 'date']], [['hospital_id', 'date']], [['release_at']]]),
      table('slot', {
        id: ID, schedule_id: REF, seq: 'int', starts_at: 'bigint', ends_at: 'bigint', status: 'varchar(20)', version: 'int', updated_at: 'bigint',
      }, [[['schedule_id', 'seq'], true], [['schedule_id', 'status', 'seq']]]),
      table('slot_event', {
        id: ID, slot_id: 'varchar(36)?', schedule_id: REF, action: 'varchar(20)', order_id: 'varchar(36)?',
        actor_type: 'varchar(16)', actor_id: 'varchar(64)?', detail: 'varchar(500)?', at: 'bigint',
      }, [[['slot_id', 'at']], [['schedule_id', 'at']]]),
      table('account', {
        id: ID, nickname: 'varchar(40)', phone_enc: 'varchar(200)?', phone_hash: 'varchar(64)?', phone_masked: 'varchar(20)?',
        status: 'varchar(10)', created_at: 'bigint', updated_at: 'bigint',
      }, [[['phone_hash'], true]]),
      table('account_identity', {
        id: ID, account_id: REF, platform: 'varchar(10)', open_id: 'varchar(128)', union_id: 'varchar(128)?', created_at: 'bigint',
      }, [[['platform', 'open_id'], true], [['account_id']]]),
      table('sms_code', {
        id: ID, phone_hash: 'varchar(64)', purpose: 'varchar(20)', code_hash: 'varchar(64)', attempts: 'int',
        expires_at: 'bigint', consumed_at: 'bigint?', created_at: 'bigint',
      }, [[['phone_hash', 'purpose', 'created_at']]]),
      table('person', {
        id: ID, id_hash: 'varchar(64)', blacklisted_until: 'bigint?', created_at: 'bigint', updated_at: 'bigint',
      }, [[['id_hash'], true]]),
      table('patient', {
        id: ID, account_id: REF, person_id: REF, name: 'varchar(30)', id_enc: 'varchar(200)', id_hash: 'varchar(64)',
        id_masked: 'varchar(20)', phone_enc: 'varchar(200)', phone_masked: 'varchar(20)', relation: 'varchar(10)',
        gender: 'varchar(1)', birth_date: 'varchar(10)', verified_at: 'bigint?', live: 'smallint?', deleted_at: 'bigint?',
        created_at: 'bigint', updated_at: 'bigint',
      }, [[['account_id', 'id_hash', 'live'], true], [['person_id']]]),
      table('booking_order', {
        id: ID, order_no: 'varchar(24)', account_id: REF, patient_id: REF, person_id: REF, hospital_id: REF,
        department_id: REF, doctor_id: 'varchar(36)?', schedule_id: REF, slot_id: REF, visit_date: 'varchar(10)',
        period: 'varchar(10)', starts_at: 'bigint', ends_at: 'bigint', fee_fen: 'int', status: 'varchar(12)',
        payment_status: 'varchar(16)', pay_deadline: 'bigint?', cancel_deadline: 'bigint', idempotency_key: 'varchar(64)',
        request_hash: 'varchar(64)', live: 'smallint?', cancel_reason: 'varchar(200)?', created_at: 'bigint',
        updated_at: 'bigint', version: 'int',
      }, [
        [['order_no'], true],
        // never double-book a slot
        [['slot_id', 'live'], true],
        // one booking per identity, department and session (its person_id prefix serves the per-person queries)
        [['person_id', 'department_id', 'visit_date', 'period', 'live'], true],
        [['account_id', 'idempotency_key'], true],
        [['account_id', 'created_at']],
        [['status', 'pay_deadline']],
        [['schedule_id', 'live']],
      ]),
      table('order_event', {
        id: ID, order_id: REF, from_status: 'varchar(12)?', to_status: 'varchar(12)', actor_type: 'varchar(16)',
        actor_id: 'varchar(64)?', reason: 'varchar(200)?', at: 'bigint',
      }, [[['order_id', 'at']]]),
      table('announcement', {
        id: ID, hospital_id: 'varchar(36)?', title: 'varchar(200)', body: 'text', published_at: 'bigint', demo: 'boolean',
      }, [[['hospital_id', 'published_at']], [['published_at']]]),
      table('help_article', { id: ID, category: 'varchar(40)', question: 'varchar(200)', answer: 'text', sort: 'int' }),
      table('audit_event', {
        id: ID, at: 'bigint', actor_type: 'varchar(16)', actor_id: 'varchar(64)?', action: 'varchar(40)',
        target_type: 'varchar(20)?', target_id: 'varchar(64)?', ip: 'varchar(64)?', detail: 'varchar(1000)?',
      }, [[['at']], [['actor_id', 'at']], [['target_id', 'at']]]),
    ];
    if (q.connection.options.type === 'mysql') {
      await q.query('ALTER DATABASE CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci');
    }
    for (const t of tables) await q.createTable(t, true);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const name of ['audit_event', 'help_article', 'announcement', 'order_event', 'booking_order', 'patient', 'person', 'sms_code', 'account_identity', 'account', 'slot_event', 'slot', 'schedule', 'doctor', 'department', 'hospital']) {
      await q.dropTable(name, true);
    }
  }
}
