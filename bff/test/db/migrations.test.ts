import type { QueryRunner, Table } from 'typeorm';
import type { Database } from '../../src/db/database.js';
import { databaseKinds, openTestDatabase } from '../support/databases.js';

/** The platform's tables (not the migrations log), named without their database. */
async function ourTables(db: Database, runner: QueryRunner): Promise<Table[]> {
  const names =
    db.dialect === 'mysql'
      ? await db.query<{ name: string }>(
          `SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()
            AND TABLE_NAME <> 'migrations'`,
        )
      : await db.query<{ name: string }>(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'migrations'",
        );
  const tables = await runner.getTables(names.map((n) => n.name));
  for (const t of tables) t.name = t.name.split('.').pop()!;
  return tables;
}

describe.each(databaseKinds())('migrations on %s', (kind) => {
  /** A freshly migrated database and its tables as the database describes them. */
  async function migratedSchema(): Promise<{ db: Database; tables: Table[] }> {
    const { db, dispose } = await openTestDatabase(kind);
    try {
      await db.migrate();
      const runner = db.ds.createQueryRunner();
      try {
        return { db, tables: await ourTables(db, runner) };
      } finally {
        await runner.release();
      }
    } finally {
      await dispose();
    }
  }

  it('creates every table and is idempotent when run again', async () => {
    const { db, dispose } = await openTestDatabase(kind);
    try {
      await db.migrate();
      const tables = db.ds.entityMetadatas.map((m) => m.tableName).sort();
      // Empty but for the first 用户协议 and 隐私政策, which the schema ships with.
      const seeded: Record<string, number> = { agreement_version: 2 };
      for (const t of tables) {
        const rows = await db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM ${t}`);
        expect({ table: t, rows: Number(rows[0]!.n) }).toEqual({ table: t, rows: seeded[t] ?? 0 });
      }
      expect(tables).toContain('booking_order');
    } finally {
      await dispose();
    }
  });

  it('has an entity for every table, stating exactly the table’s columns', async () => {
    const { db, tables } = await migratedSchema();
    const entities = new Map(
      db.ds.entityMetadatas.map((m) => [m.tableName, m.columns.map((c) => c.databaseName).sort()]),
    );
    expect([...entities.keys()].sort()).toEqual(tables.map((t) => t.name).sort());
    for (const t of tables) {
      const columns = t.columns.map((c) => c.name).sort();
      expect({ table: t.name, columns: entities.get(t.name) }).toEqual({ table: t.name, columns });
    }
  });

  it('names every key for what it holds, none by its position in a list', async () => {
    const { tables } = await migratedSchema();
    const keys = tables.flatMap((t) =>
      t.indices.map((i) => ({ table: t.name, name: i.name ?? '', unique: !!i.isUnique })),
    );
    expect(keys.filter((k) => /_\d+$/.test(k.name))).toEqual([]);
    expect(keys).toEqual(
      expect.arrayContaining([
        { table: 'booking_order', name: 'uq_booking_order_one_per_slot', unique: true },
        { table: 'booking_order', name: 'uq_booking_order_one_per_department_session', unique: true },
        { table: 'booking_order', name: 'uq_booking_order_idempotency', unique: true },
        { table: 'refund', name: 'uq_refund_one_per_payment', unique: true },
      ]),
    );
    for (const k of keys) expect(k.name.startsWith(`${k.unique ? 'uq' : 'ix'}_${k.table}_`)).toBe(true);
  });

  it('undoes the latest migration and applies it again', async () => {
    const { db, dispose } = await openTestDatabase(kind);
    try {
      const last = db.ds.migrations.at(-1)!.name;
      await db.ds.undoLastMigration({ transaction: 'each' });
      const applied = async () => (await db.query<{ name: string }>('SELECT name FROM migrations')).map((r) => r.name);
      expect(await applied()).not.toContain(last);
      await db.migrate();
      expect(await applied()).toContain(last);
    } finally {
      await dispose();
    }
  });

  it('rejects a second live order on the same slot (database constraint)', async () => {
    const { db, dispose } = await openTestDatabase(kind);
    try {
      const row = (id: string, live: number | null, key: string) => [
        id,
        `N${id}`,
        'a',
        'p',
        'person',
        'h',
        'd',
        null,
        's',
        'slot-1',
        '2026-01-01',
        'morning',
        0,
        1,
        0,
        'booked',
        'not-required',
        null,
        0,
        key,
        'h',
        live,
        null,
        0,
        0,
        0,
      ];
      const sql = `INSERT INTO booking_order (id, order_no, account_id, patient_id, person_id, hospital_id,
        department_id, doctor_id, schedule_id, slot_id, visit_date, period, starts_at, ends_at, fee_fen, status,
        payment_status, pay_deadline, cancel_deadline, idempotency_key, request_hash, live, cancel_reason, created_at,
        updated_at, version) VALUES (${Array(26).fill('?').join(',')})`;
      await db.query(sql, row('o1', null, 'k1'));
      await db.query(sql, row('o2', 1, 'k2'));
      await expect(db.query(sql, row('o3', 1, 'k3'))).rejects.toThrow();
    } finally {
      await dispose();
    }
  });
});
