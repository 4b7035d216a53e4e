import type { MigrationInterface, QueryRunner } from 'typeorm';
import { ID, REF, table } from './schema-builder.js';

/**
 * The hospitals' own codes for what they publish (departments, doctors, sessions), each with the
 * version of the batch that last changed it: a batch sent twice, or an older one arriving late,
 * changes nothing. One row per code, pointing at the platform's own row.
 */
export class HisKeys1764800000000 implements MigrationInterface {
  name = 'HisKeys1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      table(
        'his_key',
        {
          id: ID,
          hospital_id: REF,
          kind: 'varchar(12)',
          his_code: 'varchar(64)',
          entity_id: REF,
          version: 'bigint',
          updated_at: 'bigint',
        },
        [
          { name: 'uq_his_key_code', columns: ['hospital_id', 'kind', 'his_code'], unique: true },
          { name: 'ix_his_key_entity', columns: ['entity_id'] },
        ],
      ),
      true,
    );
    if (q.connection.options.type === 'mysql') {
      const bin = 'CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL';
      await q.query(
        `ALTER TABLE his_key MODIFY id varchar(36) ${bin}, MODIFY hospital_id varchar(36) ${bin}, ` +
          `MODIFY kind varchar(12) ${bin}, MODIFY his_code varchar(64) ${bin}, MODIFY entity_id varchar(36) ${bin}`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('his_key', true);
  }
}
