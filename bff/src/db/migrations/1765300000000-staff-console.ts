import { type MigrationInterface, type QueryRunner, TableColumn, TableIndex } from 'typeorm';
import { ID, REF, table } from './schema-builder.js';

/**
 * The staff console: people sign in (user name, password, TOTP) beside the machine keys, with the
 * roles of the console (a hospital key of before is a finance clerk's), and their sessions.
 */
export class StaffConsole1765300000000 implements MigrationInterface {
  name = 'StaffConsole1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE staff_account SET role = 'finance' WHERE role = 'hospital'`);
    const mysql = q.connection.options.type === 'mysql';
    // A person's account has no key. (MariaDB keeps the byte-wise collation of machine codes.)
    if (mysql)
      await q.query(
        'ALTER TABLE staff_account MODIFY key_hash varchar(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL',
      );
    else
      await q.changeColumn(
        'staff_account',
        'key_hash',
        new TableColumn({ name: 'key_hash', type: 'varchar', length: '64', isNullable: true }),
      );
    await q.addColumns('staff_account', [
      new TableColumn({ name: 'username', type: 'varchar', length: '40', isNullable: true }),
      new TableColumn({ name: 'password_hash', type: 'varchar', length: '200', isNullable: true }),
      new TableColumn({ name: 'totp_secret', type: 'varchar', length: '200', isNullable: true }),
      new TableColumn({ name: 'totp_step', type: 'bigint', isNullable: true }),
      new TableColumn({ name: 'failed_logins', type: 'int', default: 0 }),
      new TableColumn({ name: 'locked_until', type: 'bigint', isNullable: true }),
      new TableColumn({ name: 'last_login_at', type: 'bigint', isNullable: true }),
      new TableColumn({ name: 'must_change_password', type: 'boolean', default: false }),
    ]);
    await q.createIndex(
      'staff_account',
      new TableIndex({ name: 'uq_staff_account_username', columnNames: ['username'], isUnique: true }),
    );
    await q.createTable(
      table(
        'staff_session',
        {
          id: ID,
          token_hash: 'varchar(64)',
          staff_id: REF,
          created_at: 'bigint',
          last_seen_at: 'bigint',
          expires_at: 'bigint',
          ended_at: 'bigint?',
          ip: 'varchar(45)?',
        },
        [
          { name: 'uq_staff_session_token', columns: ['token_hash'], unique: true },
          { name: 'ix_staff_session_staff', columns: ['staff_id', 'ended_at'] },
        ],
      ),
      true,
    );
    if (mysql) {
      const bin = (name: string, type: string, nullable = false) =>
        `MODIFY ${name} ${type} CHARACTER SET utf8mb4 COLLATE utf8mb4_bin ${nullable ? 'NULL' : 'NOT NULL'}`;
      await q.query(`ALTER TABLE staff_account ${bin('username', 'varchar(40)', true)}`);
      await q.query(
        `ALTER TABLE staff_session ${[
          bin('id', 'varchar(36)'),
          bin('token_hash', 'varchar(64)'),
          bin('staff_id', 'varchar(36)'),
        ].join(', ')}`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('staff_session');
    await q.dropIndex('staff_account', 'uq_staff_account_username');
    for (const c of [
      'must_change_password',
      'last_login_at',
      'locked_until',
      'failed_logins',
      'totp_step',
      'totp_secret',
      'password_hash',
      'username',
    ])
      await q.dropColumn('staff_account', c);
    await q.query(`UPDATE staff_account SET role = 'hospital' WHERE role = 'finance'`);
  }
}
