import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/** A doctor's page reads their sessions over the coming days: schedule by (doctor_id, date). */
const NAME = 'ix_schedule_doctor_date';

export class ScheduleDoctorIndex1765710000000 implements MigrationInterface {
  name = 'ScheduleDoctorIndex1765710000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createIndex('schedule', new TableIndex({ name: NAME, columnNames: ['doctor_id', 'date'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('schedule', NAME);
  }
}
