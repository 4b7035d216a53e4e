import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';
import { ID, REF, table } from './schema-builder.js';

const CONTENT_TABLES = ['announcement', 'help_article'];

/** Who and when: the console's staff write content as drafts, publish and withdraw it. */
const lifecycleColumns = () => [
  new TableColumn({ name: 'status', type: 'varchar', length: '12', default: "'published'" }),
  new TableColumn({ name: 'published_by', type: 'varchar', length: '36', isNullable: true }),
  new TableColumn({ name: 'created_at', type: 'bigint', default: 0 }),
  new TableColumn({ name: 'created_by', type: 'varchar', length: '36', isNullable: true }),
  new TableColumn({ name: 'updated_at', type: 'bigint', default: 0 }),
  new TableColumn({ name: 'updated_by', type: 'varchar', length: '36', isNullable: true }),
  new TableColumn({ name: 'withdrawn_at', type: 'bigint', isNullable: true }),
  new TableColumn({ name: 'withdrawn_by', type: 'varchar', length: '36', isNullable: true }),
];

/**
 * Content managed in the console (announcements and help articles: draft, published, withdrawn;
 * everything there before stays published), and the failed pushes to hospitals the console's
 * delivery health counts.
 */
export class ConsoleContent1765500000000 implements MigrationInterface {
  name = 'ConsoleContent1765500000000';

  async up(q: QueryRunner): Promise<void> {
    const mysql = q.connection.options.type === 'mysql';
    // A draft has not been published yet.
    if (mysql) await q.query('ALTER TABLE announcement MODIFY published_at bigint NULL');
    else
      await q.changeColumn(
        'announcement',
        'published_at',
        new TableColumn({ name: 'published_at', type: 'bigint', isNullable: true }),
      );
    await q.addColumns('announcement', lifecycleColumns());
    await q.addColumns('help_article', [
      new TableColumn({ name: 'published_at', type: 'bigint', isNullable: true }),
      ...lifecycleColumns(),
    ]);
    await q.query('UPDATE announcement SET created_at = published_at, updated_at = published_at');
    await q.query('UPDATE help_article SET published_at = 0');
    await q.createTable(
      table('hospital_push_failure', { id: ID, hospital_id: REF, at: 'bigint', error: 'varchar(200)' }, [
        { name: 'ix_hospital_push_failure_hospital', columns: ['hospital_id', 'at'] },
      ]),
      true,
    );
    if (mysql) {
      const bin = (name: string) => `MODIFY ${name} varchar(36) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL`;
      await q.query(`ALTER TABLE hospital_push_failure ${bin('id')}, ${bin('hospital_id')}`);
      for (const t of CONTENT_TABLES)
        await q.query(
          `ALTER TABLE ${t} MODIFY status varchar(12) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin
            NOT NULL DEFAULT 'published'`,
        );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('hospital_push_failure');
    const names = ['status', 'published_by', 'created_at', 'created_by', 'updated_at', 'updated_by'];
    for (const t of CONTENT_TABLES)
      for (const c of [...names, 'withdrawn_at', 'withdrawn_by']) await q.dropColumn(t, c);
    await q.dropColumn('help_article', 'published_at');
    await q.query('DELETE FROM announcement WHERE published_at IS NULL');
  }
}
