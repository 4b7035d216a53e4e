import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Machine-readable columns (ids, foreign keys, hashes, idempotency keys, order and trade numbers,
 * statuses, channels, dates) compare byte for byte on MariaDB. Under the database's
 * utf8mb4_unicode_ci every index probe on them ran the Unicode collation, which took about a
 * seventh of the server's CPU at the booking peak; and an idempotency key that differed only in
 * case counted as the same key. Human text (names, addresses, notes) keeps the Chinese-aware
 * collation. The character set stays utf8mb4, so a hostile non-ASCII id still compares (and
 * finds nothing) instead of raising a collation error. SQLite compares bytes already.
 */
const MACHINE_CODE = new RegExp(
  '^(id|.+_id|.+_no|.+_hash|idempotency_key|replay_key|scope|status|.+_status|channel|kind|outcome|action|' +
    'actor_type|target_type|purpose|platform|period|scene|type|role|date|.+_date)$',
);

const BINARY = 'utf8mb4_bin';
const TEXT = 'utf8mb4_unicode_ci';

async function recollate(q: QueryRunner, collation: string): Promise<void> {
  if (q.connection.options.type !== 'mysql') return;
  const columns = (await q.query(
    `SELECT TABLE_NAME AS t, COLUMN_NAME AS c, COLUMN_TYPE AS type, IS_NULLABLE AS nullable, COLUMN_DEFAULT AS dflt
       FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND DATA_TYPE = 'varchar'
       ORDER BY TABLE_NAME, ORDINAL_POSITION`,
  )) as { t: string; c: string; type: string; nullable: string; dflt: string | null }[];
  const byTable = new Map<string, string[]>();
  for (const col of columns) {
    if (!MACHINE_CODE.test(col.c) || col.t === 'migrations') continue;
    // information_schema quotes a string default ('x') on MariaDB; NULL means none
    const dflt = col.dflt === null || col.dflt === 'NULL' ? '' : ` DEFAULT ${col.dflt}`;
    const clause = `MODIFY \`${col.c}\` ${col.type} CHARACTER SET utf8mb4 COLLATE ${collation}
      ${col.nullable === 'YES' ? 'NULL' : 'NOT NULL'}${dflt}`;
    (byTable.get(col.t) ?? byTable.set(col.t, []).get(col.t)!).push(clause);
  }
  // one ALTER per table, so each table (and its indexes) is rebuilt once
  for (const [table, clauses] of byTable) await q.query(`ALTER TABLE \`${table}\` ${clauses.join(', ')}`);
}

export class BinaryCodes1764300000000 implements MigrationInterface {
  name = 'BinaryCodes1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await recollate(q, BINARY);
  }

  async down(q: QueryRunner): Promise<void> {
    await recollate(q, TEXT);
  }
}
