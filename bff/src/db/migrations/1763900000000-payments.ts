import type { MigrationInterface, QueryRunner } from 'typeorm';
import { ID, REF, positionallyKeyedTable as table } from './schema-builder.js';

/**
 * Payments, refunds and the notifies that settle them. Every row keeps the channel's own ids
 * (trade and refund numbers) so any order can be traced to its line in the channel's bill.
 */
export class Payments1763900000000 implements MigrationInterface {
  name = 'Payments1763900000000';

  async up(q: QueryRunner): Promise<void> {
    const tables = [
      table(
        'payment',
        {
          id: ID,
          order_id: REF,
          account_id: REF,
          hospital_id: REF,
          channel: 'varchar(10)',
          out_trade_no: 'varchar(32)',
          amount_fen: 'int',
          status: 'varchar(12)',
          channel_trade_no: 'varchar(64)?',
          paid_fen: 'int?',
          paid_at: 'bigint?',
          expires_at: 'bigint',
          last_checked_at: 'bigint?',
          created_at: 'bigint',
          updated_at: 'bigint',
          version: 'int',
        },
        [[['channel', 'out_trade_no'], true], [['order_id']], [['status', 'created_at']], [['hospital_id', 'paid_at']]],
      ),
      table(
        'refund',
        {
          id: ID,
          payment_id: REF,
          order_id: REF,
          hospital_id: REF,
          channel: 'varchar(10)',
          out_refund_no: 'varchar(32)',
          amount_fen: 'int',
          reason: 'varchar(20)',
          note: 'varchar(200)?',
          status: 'varchar(12)',
          channel_refund_no: 'varchar(64)?',
          succeeded_at: 'bigint?',
          last_checked_at: 'bigint?',
          created_at: 'bigint',
          updated_at: 'bigint',
          version: 'int',
        },
        [
          [['channel', 'out_refund_no'], true],
          // at most one refund per payment: a paid amount is refunded once, in full
          [['payment_id'], true],
          [['order_id']],
          [['status', 'created_at']],
        ],
      ),
      table(
        'pay_notify',
        {
          id: ID,
          channel: 'varchar(10)',
          kind: 'varchar(10)',
          notify_id: 'varchar(64)',
          replay_key: 'varchar(64)',
          out_no: 'varchar(32)',
          outcome: 'varchar(20)',
          received_at: 'bigint',
        },
        [[['channel', 'replay_key'], true], [['channel', 'notify_id', 'received_at']], [['out_no']]],
      ),
    ];
    for (const t of tables) await q.createTable(t, true);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const name of ['pay_notify', 'refund', 'payment']) await q.dropTable(name, true);
  }
}
