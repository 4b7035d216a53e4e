import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';
import { ID, REF, table } from './schema-builder.js';

/**
 * Reports and imaging: each hospital's FHIR and DICOMweb addresses in its registry entry, and the
 * studies patients share by link (云胶片). No report or image is stored.
 */
export class Records1765200000000 implements MigrationInterface {
  name = 'Records1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('hospital', [
      new TableColumn({ name: 'fhir_base_url', type: 'varchar', length: '300', isNullable: true }),
      new TableColumn({ name: 'dicomweb_base_url', type: 'varchar', length: '300', isNullable: true }),
    ]);
    await q.createTable(
      table(
        'imaging_share',
        {
          id: ID,
          token_hash: 'varchar(64)',
          token_enc: 'varchar(200)',
          code_enc: 'varchar(200)',
          account_id: REF,
          patient_id: REF,
          hospital_id: REF,
          study_id: 'varchar(64)',
          description: 'varchar(100)',
          expires_at: 'bigint',
          max_uses: 'int',
          uses: 'int',
          wrong_codes: 'int',
          revoked_at: 'bigint?',
          created_at: 'bigint',
        },
        [
          { name: 'uq_imaging_share_token', columns: ['token_hash'], unique: true },
          { name: 'ix_imaging_share_patient', columns: ['patient_id', 'created_at'] },
        ],
      ),
      true,
    );
    if (q.connection.options.type === 'mysql') {
      const bin = (name: string, type: string) =>
        `MODIFY ${name} ${type} CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL`;
      await q.query(
        `ALTER TABLE imaging_share ${[
          bin('id', 'varchar(36)'),
          bin('token_hash', 'varchar(64)'),
          bin('account_id', 'varchar(36)'),
          bin('patient_id', 'varchar(36)'),
          bin('hospital_id', 'varchar(36)'),
          bin('study_id', 'varchar(64)'),
        ].join(', ')}`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('imaging_share');
    await q.dropColumn('hospital', 'dicomweb_base_url');
    await q.dropColumn('hospital', 'fhir_base_url');
  }
}
