import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Every booking of a release storm writes one booking_order row and one order_event row, so each
 * secondary index on them is paid for at the peak. The statistics' two indexes on booking_order go:
 * - bookings by the time they were made are read from their creation events over
 *   ix_order_event_to_status_at (which the cancellations need already);
 * - attendance by visit date goes through the sessions of those dates (ix_schedule_date, on a
 *   table whose rows a booking updates but never in this column) and their bookings by
 *   ix_booking_order_schedule_live.
 */
export class StatisticsOffTheBookingPath1765650000000 implements MigrationInterface {
  name = 'StatisticsOffTheBookingPath1765650000000';

  async up(q: QueryRunner): Promise<void> {
    await q.dropIndex('booking_order', 'ix_booking_order_created');
    await q.dropIndex('booking_order', 'ix_booking_order_visit_date');
    await q.createIndex('schedule', new TableIndex({ name: 'ix_schedule_date', columnNames: ['date'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('schedule', 'ix_schedule_date');
    await q.createIndex(
      'booking_order',
      new TableIndex({ name: 'ix_booking_order_visit_date', columnNames: ['visit_date'] }),
    );
    await q.createIndex(
      'booking_order',
      new TableIndex({ name: 'ix_booking_order_created', columnNames: ['created_at'] }),
    );
  }
}
