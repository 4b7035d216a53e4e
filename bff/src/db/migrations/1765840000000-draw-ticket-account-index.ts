import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/** A patient's 我的预约 lists the account's recent draw tickets: draw_ticket by (account_id, created_at). */
const NAME = 'ix_draw_ticket_account';

export class DrawTicketAccountIndex1765840000000 implements MigrationInterface {
  name = 'DrawTicketAccountIndex1765840000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createIndex('draw_ticket', new TableIndex({ name: NAME, columnNames: ['account_id', 'created_at'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('draw_ticket', NAME);
  }
}
