import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';

/** Where a hospital is on the map (GCJ-02 degrees), for the apps' map link; NULL until known. */
export class HospitalLocation1765730000000 implements MigrationInterface {
  name = 'HospitalLocation1765730000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('hospital', [
      new TableColumn({ name: 'latitude', type: 'double', isNullable: true }),
      new TableColumn({ name: 'longitude', type: 'double', isNullable: true }),
    ]);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const c of ['longitude', 'latitude']) await q.dropColumn('hospital', c);
  }
}
