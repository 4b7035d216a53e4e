import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * A release draw's ticket records when its holder was answered DRAW_PENDING (已登记): the ticket's
 * decision then writes the result's notice, in its own transaction, so the holder learns it once.
 */
export class DrawTicketToldPending1765820000000 implements MigrationInterface {
  name = 'DrawTicketToldPending1765820000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('draw_ticket', new TableColumn({ name: 'told_pending_at', type: 'bigint', isNullable: true }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('draw_ticket', 'told_pending_at');
  }
}
