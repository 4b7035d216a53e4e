import type { Database } from '../../../src/db/database.js';
import { slotsAboveMarkStatement, type SlotRow } from '../../../src/core/booking/batch/claim-slots.js';
import { addDays, shanghaiDate } from '../../../src/shared/time.js';
import { databaseKinds, openTestDatabase } from '../../support/databases.js';
import { createClinic, createSession, type Clinic } from '../../support/fixtures.js';

const NOW = Date.parse('2026-03-02T01:00:00Z');

describe.each(databaseKinds())('slots above the high-water mark on %s', (kind) => {
  let db: Database;
  let dispose: () => Promise<void>;
  let clinic: Clinic;

  beforeAll(async () => {
    ({ db, dispose } = await openTestDatabase(kind));
    clinic = await createClinic(db, { now: NOW, departments: 4 });
  });
  afterAll(() => dispose());

  const session = (i: number, capacity: number) =>
    createSession(db, clinic, {
      now: NOW,
      capacity,
      departmentId: clinic.departmentIds[i],
      date: addDays(shanghaiDate(NOW), 2),
    });
  const read = (demand: [string, number][]) =>
    db.writeSql(async (tx) => (await tx.queryAll([slotsAboveMarkStatement(tx.dialect, demand)!]))[0] as SlotRow[]);
  const seqsBySession = (rows: SlotRow[]) => {
    const out = new Map<string, number[]>();
    for (const r of rows)
      out.set(
        r.schedule_id,
        [...(out.get(r.schedule_id) ?? []), Number(r.seq)].sort((a, b) => a - b),
      );
    return out;
  };

  it('reads each session its own window from its mark: demand plus two, never past the capacity', async () => {
    const a = await session(0, 10);
    const b = await session(1, 10);
    const c = await session(2, 4);
    await db.query('UPDATE schedule SET next_seq = 6 WHERE id = ?', [b.id]);
    await db.query('UPDATE schedule SET next_seq = 3 WHERE id = ?', [c.id]);

    const rows = await read([
      [a.id, 3],
      [b.id, 1],
      [c.id, 5],
    ]);
    expect(seqsBySession(rows)).toEqual(
      new Map([
        [a.id, [1, 2, 3, 4, 5]],
        [b.id, [6, 7, 8]],
        [c.id, [3, 4]],
      ]),
    );
    expect(rows.every((r) => r.status === 'free' && Number(r.ends_at) > Number(r.starts_at))).toBe(true);
  });

  it('skips sessions with nothing free and reports a slot above the mark taken by id as it is', async () => {
    const full = await session(3, 3);
    const open = await session(0, 5);
    await db.query('UPDATE schedule SET free_count = 0, next_seq = 4 WHERE id = ?', [full.id]);
    await db.query("UPDATE slot SET status = 'busy' WHERE schedule_id = ? AND seq = 2", [open.id]);

    const rows = await read([
      [full.id, 1],
      [open.id, 1],
    ]);
    expect(
      rows.map((r) => [r.schedule_id, Number(r.seq), r.status]).sort((x, y) => Number(x[1]) - Number(y[1])),
    ).toEqual([
      [open.id, 1, 'free'],
      [open.id, 2, 'busy'],
      [open.id, 3, 'free'],
    ]);
  });
});
