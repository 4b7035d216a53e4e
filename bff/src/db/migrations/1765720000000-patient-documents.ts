import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';

/**
 * The document a patient is identified by (居民身份证 for every patient before; passports, the
 * permits of Hong Kong, Macao and Taiwan residents, the permanent-residence card, or none for a
 * child) and, for a child without one, the account holder's patient who stands as guardian.
 */
export class PatientDocuments1765720000000 implements MigrationInterface {
  name = 'PatientDocuments1765720000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('patient', [
      new TableColumn({ name: 'document_type', type: 'varchar', length: '32', default: "'id-card'" }),
      new TableColumn({ name: 'guardian_patient_id', type: 'varchar', length: '36', isNullable: true }),
    ]);
    if (q.connection.options.type === 'mysql') {
      await q.query(
        `ALTER TABLE patient MODIFY document_type varchar(32) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL
          DEFAULT 'id-card', MODIFY guardian_patient_id varchar(36) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const c of ['guardian_patient_id', 'document_type']) await q.dropColumn('patient', c);
  }
}
