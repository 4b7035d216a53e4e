import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Drops the slot index on (schedule_id, status, seq). Sessions hand out slots from their
 * high-water mark and read them through the unique (schedule_id, seq) key; only the rare scan for
 * slots freed below the mark used this index, and (schedule_id, seq) serves it in the same order.
 * Every booking and cancellation changes a slot's status, which had to be moved in this index
 * too (on MariaDB ~10 % of the storm's database CPU).
 */
export class SlotStatusIndex1764400000000 implements MigrationInterface {
  name = 'SlotStatusIndex1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.dropIndex('slot', 'ix_slot_1');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.createIndex('slot', new TableIndex({ name: 'ix_slot_1', columnNames: ['schedule_id', 'status', 'seq'] }));
  }
}
