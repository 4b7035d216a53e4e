import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Where a payment attempt is paid: inside the platform's mini-program or on the channel's H5
 * cashier. A channel's trade is made for one scene (a WeChat JSAPI order cannot be paid on the H5
 * cashier), so an open attempt is reused only in the scene it was made for.
 */
export class PaymentScene1764200000000 implements MigrationInterface {
  name = 'PaymentScene1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn(
      'payment',
      new TableColumn({ name: 'scene', type: 'varchar', length: '12', isNullable: false, default: "'miniprogram'" }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('payment', 'scene');
  }
}
