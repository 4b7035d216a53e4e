import { databaseKinds, openTestDatabase } from '../support/databases.js';

describe.each(databaseKinds())('migrations on %s', (kind) => {
  it('creates every table and is idempotent when run again', async () => {
    const { db, dispose } = await openTestDatabase(kind);
    try {
      await db.migrate();
      const tables = db.ds.entityMetadatas.map((m) => m.tableName).sort();
      for (const t of tables) {
        const rows = await db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM ${t}`);
        expect(Number(rows[0]!.n)).toBe(0);
      }
      expect(tables).toContain('booking_order');
    } finally {
      await dispose();
    }
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
      const row = (id: string, live: number | null, key: string) => [id, `N${id}`, 'a', 'p', 'person', 'h', 'd', null, 's', 'slot-1', '2026-01-01', 'morning', 0, 1, 0, 'booked', 'not-required', null, 0, key, 'h', live, null, 0, 0, 0];
      const sql = `INSERT INTO booking_order (id, order_no, account_id, patient_id, person_id, hospital_id, department_id, doctor_id, schedule_id, slot_id, visit_date, period, starts_at, ends_at, fee_fen, status, payment_status, pay_deadline, cancel_deadline, idempotency_key, request_hash, live, cancel_reason, created_at, updated_at, version) VALUES (${Array(26).fill('?').join(',')})`;
      await db.query(sql, row('o1', null, 'k1'));
      await db.query(sql, row('o2', 1, 'k2'));
      await expect(db.query(sql, row('o3', 1, 'k3'))).rejects.toThrow();
    } finally {
      await dispose();
    }
  });
});
