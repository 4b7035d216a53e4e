import type { MigrationInterface, QueryRunner } from 'typeorm';
import { ID, REF, table } from './schema-builder.js';

/**
 * Fair release (docs/fair-release.md): one draw per session released with a draw window, claimed
 * by one process at a time through its lease, and its tickets, one per person (the unique key), each
 * with its place in the seeded order and its outcome once decided.
 */
export class ReleaseDraw1765810000000 implements MigrationInterface {
  name = 'ReleaseDraw1765810000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      table(
        'release_draw',
        {
          schedule_id: REF,
          release_at: 'bigint',
          window_ends_at: 'bigint',
          state: 'varchar(10)',
          seed: 'varchar(64)?',
          claimed_by: 'varchar(36)?',
          lease_until: 'bigint?',
          claims: 'int',
          entered: 'int?',
          won: 'int?',
          created_at: 'bigint',
          decided_at: 'bigint?',
        },
        [{ name: 'ix_release_draw_state', columns: ['state', 'window_ends_at'] }],
        'schedule_id',
      ),
      true,
    );
    await q.createTable(
      table(
        'draw_ticket',
        {
          id: ID,
          schedule_id: REF,
          person_id: REF,
          account_id: REF,
          patient_id: REF,
          slot_id: 'varchar(36)?',
          idempotency_key: 'varchar(64)',
          request_hash: 'varchar(64)',
          channel: 'varchar(8)',
          edition: 'varchar(8)?',
          ip: 'varchar(64)?',
          agent_id: 'varchar(36)?',
          position: 'int?',
          outcome: 'varchar(8)',
          order_id: 'varchar(36)?',
          refusal_code: 'varchar(40)?',
          refusal_message: 'varchar(255)?',
          created_at: 'bigint',
          decided_at: 'bigint?',
        },
        [{ name: 'uq_draw_ticket_one_per_person', columns: ['schedule_id', 'person_id'], unique: true }],
      ),
      true,
    );
    if (q.connection.options.type === 'mysql') {
      const bin = (name: string, nullable: boolean) =>
        `MODIFY ${name} varchar(36) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin ${nullable ? 'NULL' : 'NOT NULL'}`;
      await q.query(`ALTER TABLE release_draw ${bin('schedule_id', false)}`);
      const ids = ['id', 'schedule_id', 'person_id', 'account_id', 'patient_id'].map((c) => bin(c, false));
      const optional = ['slot_id', 'agent_id', 'order_id'].map((c) => bin(c, true));
      await q.query(`ALTER TABLE draw_ticket ${[...ids, ...optional].join(', ')}`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('draw_ticket');
    await q.dropTable('release_draw');
  }
}
