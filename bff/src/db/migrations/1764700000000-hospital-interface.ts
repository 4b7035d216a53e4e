import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { ID, REF, table } from './schema-builder.js';

/**
 * The hospital interface: each hospital's signing secrets (two may be active while one is
 * rotated; stored encrypted), the nonces its signed calls have used (a replay is refused in every
 * process), and the address the platform pushes its events to.
 */
export class HospitalInterface1764700000000 implements MigrationInterface {
  name = 'HospitalInterface1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn(
      'hospital',
      new TableColumn({ name: 'webhook_url', type: 'varchar', length: '300', isNullable: true }),
    );
    await q.createTable(
      table(
        'hospital_secret',
        { id: ID, hospital_id: REF, secret_enc: 'varchar(200)', created_at: 'bigint', retired_at: 'bigint?' },
        [{ name: 'ix_hospital_secret_hospital', columns: ['hospital_id', 'retired_at'] }],
      ),
      true,
    );
    await q.createTable(
      table('hospital_nonce', { id: ID, hospital_id: REF, nonce: 'varchar(64)', seen_at: 'bigint' }, [
        { name: 'uq_hospital_nonce_once', columns: ['hospital_id', 'nonce'], unique: true },
        { name: 'ix_hospital_nonce_seen', columns: ['seen_at'] },
      ]),
      true,
    );
    if (q.connection.options.type === 'mysql') {
      // Machine codes compare byte for byte (see BinaryCodes1764300000000): a nonce differing in case is another nonce.
      const bin = 'CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL';
      await q.query(`ALTER TABLE hospital_secret MODIFY id varchar(36) ${bin}, MODIFY hospital_id varchar(36) ${bin}`);
      await q.query(
        `ALTER TABLE hospital_nonce MODIFY id varchar(36) ${bin}, MODIFY hospital_id varchar(36) ${bin}, ` +
          `MODIFY nonce varchar(64) ${bin}`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('hospital_nonce', true);
    await q.dropTable('hospital_secret', true);
    await q.dropColumn('hospital', 'webhook_url');
  }
}
