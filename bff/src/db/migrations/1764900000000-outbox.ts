import type { MigrationInterface, QueryRunner } from 'typeorm';
import { ID, REF, table } from './schema-builder.js';

/**
 * The transactional outbox and what is relayed from it: `outbox` takes an event in the same
 * transaction as the change (one row per booking transition, deleted once relayed);
 * `hospital_event` is each hospital's numbered stream, pushed to its webhook and readable by pull;
 * `hospital_stream` keeps each hospital's last number, its push lease and back-off;
 * `order_his_ref` what the hospital's system answered (its visit number); `job_lease` lets one
 * process at a time run a job.
 */
export class Outbox1764900000000 implements MigrationInterface {
  name = 'Outbox1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      table('outbox', {
        id: ID,
        hospital_id: REF,
        order_id: REF,
        topic: 'varchar(24)',
        detail: 'varchar(200)?',
        at: 'bigint',
      }),
      true,
    );
    await q.createTable(
      table(
        'hospital_event',
        {
          id: ID,
          hospital_id: REF,
          seq: 'bigint',
          topic: 'varchar(24)',
          order_id: REF,
          detail: 'varchar(200)?',
          at: 'bigint',
          pending: 'smallint?',
          attempts: 'int',
          delivered_at: 'bigint?',
          last_error: 'varchar(200)?',
        },
        [
          { name: 'uq_hospital_event_seq', columns: ['hospital_id', 'seq'], unique: true },
          { name: 'ix_hospital_event_pending', columns: ['hospital_id', 'pending', 'seq'] },
          { name: 'ix_hospital_event_order', columns: ['order_id'] },
        ],
      ),
      true,
    );
    await q.createTable(
      table(
        'hospital_stream',
        {
          hospital_id: REF,
          last_seq: 'bigint',
          failures: 'int',
          next_attempt_at: 'bigint',
          lease_owner: 'varchar(36)?',
          lease_until: 'bigint',
          last_error: 'varchar(200)?',
          updated_at: 'bigint',
        },
        [],
        'hospital_id',
      ),
      true,
    );
    await q.createTable(
      table(
        'order_his_ref',
        { order_id: REF, visit_number: 'varchar(32)?', record_id: 'varchar(64)?', updated_at: 'bigint' },
        [],
        'order_id',
      ),
      true,
    );
    await q.createTable(
      table('job_lease', { name: 'varchar(64)', owner: 'varchar(36)?', until: 'bigint' }, [], 'name'),
      true,
    );
    if (q.connection.options.type === 'mysql') {
      const bin = 'CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL';
      for (const [t, cols] of [
        ['outbox', ['id', 'hospital_id', 'order_id']],
        ['hospital_event', ['id', 'hospital_id', 'order_id']],
        ['hospital_stream', ['hospital_id']],
        ['order_his_ref', ['order_id']],
      ] as const)
        await q.query(`ALTER TABLE ${t} ${cols.map((c) => `MODIFY ${c} varchar(36) ${bin}`).join(', ')}`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['job_lease', 'order_his_ref', 'hospital_stream', 'hospital_event', 'outbox'])
      await q.dropTable(t, true);
  }
}
