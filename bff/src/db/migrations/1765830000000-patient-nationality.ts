import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';

/**
 * The issuing country of a patient's document (ISO 3166 alpha-3) where the form asks it (a passport,
 * the permanent-residence card): a passport is filed at the hospitals under its country's identifier
 * system. Rows of before stay NULL; a passport's is recovered from its blind index when first needed.
 */
export class PatientNationality1765830000000 implements MigrationInterface {
  name = 'PatientNationality1765830000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn(
      'patient',
      new TableColumn({ name: 'nationality', type: 'varchar', length: '3', isNullable: true }),
    );
    if (q.connection.options.type === 'mysql')
      await q.query('ALTER TABLE patient MODIFY nationality varchar(3) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('patient', 'nationality');
  }
}
