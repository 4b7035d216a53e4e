import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';

/** How the platform signs its calls to a hospital (`HMAC-SM3` for 国密); NULL: HMAC-SHA256, as before. */
export class HospitalSignatureMethod1765760000000 implements MigrationInterface {
  name = 'HospitalSignatureMethod1765760000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn(
      'hospital',
      new TableColumn({ name: 'signature_method', type: 'varchar', length: '16', isNullable: true }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('hospital', 'signature_method');
  }
}
