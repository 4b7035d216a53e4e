import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * A paid trade whose amount, currency, app or merchant is not the one we asked for books nothing:
 * the payment is kept as a discrepancy with what was wrong, and the channel's own amount of the
 * trade, which is what a refund must name as its total.
 */
export class PaymentDiscrepancy1764500000000 implements MigrationInterface {
  name = 'PaymentDiscrepancy1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('payment', [
      new TableColumn({ name: 'channel_total_fen', type: 'int', isNullable: true }),
      new TableColumn({ name: 'discrepancy', type: 'varchar', length: '200', isNullable: true }),
    ]);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('payment', 'discrepancy');
    await q.dropColumn('payment', 'channel_total_fen');
  }
}
