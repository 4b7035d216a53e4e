import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Indexes for the commission's statistics (bookings by creation time use ix_booking_order_created,
 * sell-out times join schedules by ix_schedule_release and ix_booking_order_schedule_live):
 * - cancellations in a range: order_event by (to_status, at); its rows are only ever appended;
 * - attendance by visit date: booking_order by visit_date alone, not with the status, so a
 *   booking's changes of status during a release do not move its entry in this index;
 * - suspended persons now and newly suspended: person by blacklisted_until (changed on no-shows only).
 */
const INDEXES: [table: string, name: string, columns: string[]][] = [
  ['order_event', 'ix_order_event_to_status_at', ['to_status', 'at']],
  ['booking_order', 'ix_booking_order_visit_date', ['visit_date']],
  ['person', 'ix_person_blacklisted_until', ['blacklisted_until']],
];

export class StatisticsIndexes1765600000000 implements MigrationInterface {
  name = 'StatisticsIndexes1765600000000';

  async up(q: QueryRunner): Promise<void> {
    for (const [table, name, columnNames] of INDEXES) await q.createIndex(table, new TableIndex({ name, columnNames }));
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [table, name] of INDEXES) await q.dropIndex(table, name);
  }
}
