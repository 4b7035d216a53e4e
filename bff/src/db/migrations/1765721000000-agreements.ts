import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';
import { ID, REF, table } from './schema-builder.js';
import { FIRST_AGREEMENTS } from './agreements-first-version.js';

/**
 * 用户协议 and 隐私政策: their published versions (the first seeded here; later ones published without
 * a deploy) and each account's acceptances; when an account was deleted (注销).
 */
export class Agreements1765721000000 implements MigrationInterface {
  name = 'Agreements1765721000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      table(
        'agreement_version',
        {
          id: ID,
          kind: 'varchar(16)',
          version: 'varchar(32)',
          title: 'varchar(60)',
          body: 'text',
          published_at: 'bigint',
          created_at: 'bigint',
        },
        [
          { name: 'uq_agreement_version_kind_version', columns: ['kind', 'version'], unique: true },
          { name: 'ix_agreement_version_kind_published', columns: ['kind', 'published_at'] },
        ],
      ),
    );
    await q.createTable(
      table(
        'agreement_acceptance',
        { id: ID, account_id: REF, kind: 'varchar(16)', version: 'varchar(32)', accepted_at: 'bigint' },
        [{ name: 'ix_agreement_acceptance_account', columns: ['account_id', 'kind', 'accepted_at'] }],
      ),
    );
    await q.addColumn('account', new TableColumn({ name: 'deleted_at', type: 'bigint', isNullable: true }));
    if (q.connection.options.type === 'mysql') {
      const bin = (t: string, c: string, type: string) =>
        q.query(`ALTER TABLE ${t} MODIFY ${c} ${type} CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL`);
      for (const t of ['agreement_version', 'agreement_acceptance']) {
        await bin(t, 'kind', 'varchar(16)');
        await bin(t, 'version', 'varchar(32)');
      }
      await bin('agreement_acceptance', 'account_id', 'varchar(36)');
    }
    // In force from the start: every account, old or new, is asked to accept it once.
    for (const a of FIRST_AGREEMENTS) {
      await q.query(
        `INSERT INTO agreement_version (id, kind, version, title, body, published_at, created_at)
          VALUES (?, ?, ?, ?, ?, ?, ?)`,
        [a.id, a.kind, a.version, a.title, a.body, 0, 0],
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('account', 'deleted_at');
    await q.dropTable('agreement_acceptance');
    await q.dropTable('agreement_version');
  }
}
