import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { ID, REF, positionallyKeyedTable as table } from './schema-builder.js';

/**
 * Daily reconciliation (对账) of our payments and refunds against each channel's bill, per
 * hospital and day, and the staff who read it (hospital finance clerks, health-commission admins).
 */
export class Reconciliation1764100000000 implements MigrationInterface {
  name = 'Reconciliation1764100000000';

  async up(q: QueryRunner): Promise<void> {
    const tables = [
      // One row per channel, day and hospital ('platform' for bill lines that are not ours).
      table(
        'reconciliation',
        {
          id: ID,
          channel: 'varchar(10)',
          bill_date: 'varchar(10)',
          scope: 'varchar(36)',
          hospital_id: 'varchar(36)?',
          matched: 'int',
          missing_local: 'int',
          missing_channel: 'int',
          amount_mismatch: 'int',
          status_mismatch: 'int',
          our_paid_fen: 'bigint',
          our_refunded_fen: 'bigint',
          channel_paid_fen: 'bigint',
          channel_refunded_fen: 'bigint',
          fee_fen: 'bigint',
          run_id: REF,
          created_at: 'bigint',
        },
        [[['channel', 'bill_date', 'scope'], true], [['bill_date', 'hospital_id']]],
      ),
      table(
        'reconciliation_line',
        {
          id: ID,
          channel: 'varchar(10)',
          bill_date: 'varchar(10)',
          hospital_id: 'varchar(36)?',
          kind: 'varchar(10)',
          outcome: 'varchar(20)',
          out_trade_no: 'varchar(64)',
          out_refund_no: 'varchar(64)?',
          channel_trade_no: 'varchar(64)?',
          channel_refund_no: 'varchar(64)?',
          our_amount_fen: 'int?',
          channel_amount_fen: 'int?',
          fee_fen: 'int?',
          our_status: 'varchar(20)?',
          channel_status: 'varchar(20)?',
          order_id: 'varchar(36)?',
        },
        [[['channel', 'bill_date', 'hospital_id']], [['bill_date', 'outcome']]],
      ),
      // Every run, successful or not: the job retries a day whose bill was not ready.
      table(
        'reconciliation_run',
        {
          id: ID,
          channel: 'varchar(10)',
          bill_date: 'varchar(10)',
          status: 'varchar(12)',
          error: 'varchar(200)?',
          bill_lines: 'int?',
          started_at: 'bigint',
          finished_at: 'bigint?',
          triggered_by: 'varchar(60)',
        },
        [[['channel', 'bill_date', 'started_at']]],
      ),
      table(
        'staff_account',
        {
          id: ID,
          name: 'varchar(60)',
          role: 'varchar(10)',
          hospital_id: 'varchar(36)?',
          key_hash: 'varchar(64)',
          created_at: 'bigint',
          disabled_at: 'bigint?',
        },
        [[['key_hash'], true]],
      ),
    ];
    for (const t of tables) await q.createTable(t, true);
    // What a day's reconciliation reads: a channel's payments paid and refunds settled that day.
    await q.createIndex(
      'payment',
      new TableIndex({ name: 'ix_payment_channel_paid', columnNames: ['channel', 'paid_at'] }),
    );
    await q.createIndex(
      'refund',
      new TableIndex({ name: 'ix_refund_channel_succeeded', columnNames: ['channel', 'succeeded_at'] }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('refund', 'ix_refund_channel_succeeded');
    await q.dropIndex('payment', 'ix_payment_channel_paid');
    for (const name of ['staff_account', 'reconciliation_run', 'reconciliation_line', 'reconciliation'])
      await q.dropTable(name, true);
  }
}
