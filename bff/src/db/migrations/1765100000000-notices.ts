import type { MigrationInterface, QueryRunner } from 'typeorm';
import { ID, REF, table } from './schema-builder.js';

/**
 * Patient notifications: `notice` is the queue of messages (one per cause and kind, sent with a
 * lease and back-off), `notice_consent` the one-time WeChat subscription credits per template.
 */
export class Notices1765100000000 implements MigrationInterface {
  name = 'Notices1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      table(
        'notice',
        {
          id: ID,
          source: 'varchar(64)',
          kind: 'varchar(16)',
          order_id: REF,
          account_id: REF,
          patient_id: REF,
          channel: 'varchar(10)',
          params: 'text',
          status: 'varchar(10)',
          attempts: 'int',
          next_attempt_at: 'bigint',
          lease_owner: 'varchar(36)?',
          lease_until: 'bigint',
          last_error: 'varchar(200)?',
          phone_hash: 'varchar(64)?',
          created_at: 'bigint',
          sent_at: 'bigint?',
        },
        [
          { name: 'uq_notice_source_kind', columns: ['source', 'kind'], unique: true },
          { name: 'ix_notice_due', columns: ['status', 'next_attempt_at'] },
          { name: 'ix_notice_phone', columns: ['phone_hash', 'sent_at'] },
        ],
      ),
      true,
    );
    await q.createTable(
      table(
        'notice_consent',
        { id: ID, account_id: REF, template_id: 'varchar(64)', credits: 'int', updated_at: 'bigint' },
        [{ name: 'uq_notice_consent_account_template', columns: ['account_id', 'template_id'], unique: true }],
      ),
      true,
    );
    if (q.connection.options.type === 'mysql') {
      // Machine-readable columns compare byte for byte, as BinaryCodes1764300000000 set for the others.
      const bin = (name: string, type: string, nullable = false) =>
        `MODIFY ${name} ${type} CHARACTER SET utf8mb4 COLLATE utf8mb4_bin ${nullable ? 'NULL' : 'NOT NULL'}`;
      await q.query(
        `ALTER TABLE notice ${[
          bin('id', 'varchar(36)'),
          bin('source', 'varchar(64)'),
          bin('kind', 'varchar(16)'),
          bin('order_id', 'varchar(36)'),
          bin('account_id', 'varchar(36)'),
          bin('patient_id', 'varchar(36)'),
          bin('channel', 'varchar(10)'),
          bin('status', 'varchar(10)'),
          bin('lease_owner', 'varchar(36)', true),
          bin('phone_hash', 'varchar(64)', true),
        ].join(', ')}`,
      );
      await q.query(
        `ALTER TABLE notice_consent ${[
          bin('id', 'varchar(36)'),
          bin('account_id', 'varchar(36)'),
          bin('template_id', 'varchar(64)'),
        ].join(', ')}`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['notice_consent', 'notice']) await q.dropTable(t, true);
  }
}
