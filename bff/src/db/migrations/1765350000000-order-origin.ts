import { type MigrationInterface, type QueryRunner, TableColumn, TableIndex } from 'typeorm';

/**
 * Where each booking came from (the mini-program platform, H5 or a phone agent) and in which
 * edition, for the commission's statistics and a slot's history. Earlier orders keep NULL.
 */
export class OrderOrigin1765350000000 implements MigrationInterface {
  name = 'OrderOrigin1765350000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('booking_order', [
      new TableColumn({ name: 'channel', type: 'varchar', length: '8', isNullable: true }),
      new TableColumn({ name: 'edition', type: 'varchar', length: '8', isNullable: true }),
      new TableColumn({ name: 'agent_id', type: 'varchar', length: '36', isNullable: true }),
    ]);
    if (q.connection.options.type === 'mysql') {
      const bin = (name: string, type: string) =>
        `MODIFY ${name} ${type} CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL`;
      const columns = [bin('channel', 'varchar(8)'), bin('edition', 'varchar(8)'), bin('agent_id', 'varchar(36)')];
      await q.query(`ALTER TABLE booking_order ${columns.join(', ')}`);
    }
    // The statistics read orders by the time they were made.
    await q.createIndex(
      'booking_order',
      new TableIndex({ name: 'ix_booking_order_created', columnNames: ['created_at'] }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('booking_order', 'ix_booking_order_created');
    for (const c of ['agent_id', 'edition', 'channel']) await q.dropColumn('booking_order', c);
  }
}
