import { type MigrationInterface, type QueryRunner, TableColumn, TableIndex } from 'typeorm';
import { ID, REF, table } from './schema-builder.js';

/**
 * The waitlist (候补): places in a session's queue, and on each session the count of places
 * waiting, read under the session's lock by every booking batch (its free slots go to the queue
 * first). The sweep finds the sessions with both a queue and free slots by ix_schedule_waiting.
 */
export class Waitlist1765700000000 implements MigrationInterface {
  name = 'Waitlist1765700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('schedule', new TableColumn({ name: 'waiting_count', type: 'int', default: 0 }));
    await q.createIndex('schedule', new TableIndex({ name: 'ix_schedule_waiting', columnNames: ['waiting_count'] }));
    await q.createTable(
      table(
        'waitlist_entry',
        {
          id: ID,
          group_id: REF,
          account_id: REF,
          patient_id: REF,
          person_id: REF,
          schedule_id: REF,
          hospital_id: REF,
          department_id: REF,
          visit_date: 'varchar(10)',
          period: 'varchar(10)',
          status: 'varchar(10)',
          end_reason: 'varchar(20)?',
          refusal_code: 'varchar(40)?',
          order_id: 'varchar(36)?',
          channel: 'varchar(8)',
          edition: 'varchar(8)',
          joined_at: 'bigint',
          closes_at: 'bigint',
          ended_at: 'bigint?',
          live: 'smallint?',
          notice_due: 'smallint?',
          updated_at: 'bigint',
          version: 'int',
        },
        [
          {
            name: 'uq_waitlist_entry_one_per_person_session',
            columns: ['person_id', 'schedule_id', 'live'],
            unique: true,
          },
          { name: 'ix_waitlist_entry_queue', columns: ['schedule_id', 'status', 'joined_at'] },
          { name: 'ix_waitlist_entry_account', columns: ['account_id', 'joined_at'] },
          { name: 'ix_waitlist_entry_person', columns: ['person_id', 'status'] },
          { name: 'ix_waitlist_entry_group', columns: ['group_id'] },
          { name: 'ix_waitlist_entry_closing', columns: ['status', 'closes_at'] },
          { name: 'ix_waitlist_entry_notice_due', columns: ['notice_due'] },
        ],
      ),
      true,
    );
    if (q.connection.options.type === 'mysql') {
      const ids = [
        'id',
        'group_id',
        'account_id',
        'patient_id',
        'person_id',
        'schedule_id',
        'hospital_id',
        'department_id',
      ];
      const bin = (name: string, nullable: boolean) =>
        `MODIFY ${name} varchar(36) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin ${nullable ? 'NULL' : 'NOT NULL'}`;
      await q.query(
        `ALTER TABLE waitlist_entry ${[...ids.map((c) => bin(c, false)), bin('order_id', true)].join(', ')}`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('waitlist_entry');
    await q.dropIndex('schedule', 'ix_schedule_waiting');
    await q.dropColumn('schedule', 'waiting_count');
  }
}
