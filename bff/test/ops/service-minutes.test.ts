import type { Database } from '../../src/db/database.js';
import { ServiceMinuteRecorder } from '../../src/ops/availability/minute-recorder.js';
import { ManualClock } from '../../src/shared/clock.js';
import { createLogger } from '../../src/shared/logger.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { databaseKinds, openTestDatabase } from '../support/databases.js';

const MINUTE = 60_000;
/** A minute's start, well in the past so nothing else writes it. */
const M0 = Date.parse('2026-05-04T02:00:00Z');

const rowsOf = async (db: Database) =>
  (
    await db.query<{ minute_start: unknown; requests: unknown; server_errors: unknown; reports: unknown }>(
      'SELECT minute_start, requests, server_errors, reports FROM service_minute ORDER BY minute_start',
    )
  ).map((r) => [
    (Number(r.minute_start) - M0) / MINUTE,
    Number(r.requests),
    Number(r.server_errors),
    Number(r.reports),
  ]);

describe.each(databaseKinds())('service minutes on %s', (kind) => {
  describe('the recorder of one process', () => {
    let db: Database;
    let dispose: () => Promise<void>;
    beforeAll(async () => ({ db, dispose } = await openTestDatabase(kind)));
    afterAll(async () => dispose());

    it('writes each minute it served, keeps what the database refused, adds to another process’s', async () => {
      const totals = { requests: 0, serverErrors: 0 };
      const clock = new ManualClock(M0 + 5_000);
      const logger = createLogger('silent');
      const recorder = new ServiceMinuteRecorder({ db, clock, logger, totals: () => ({ ...totals }) });

      Object.assign(totals, { requests: 10, serverErrors: 1 });
      clock.set(M0 + MINUTE + 1_000);
      await recorder.recordAndFlush();
      expect(await rowsOf(db)).toEqual([[0, 10, 1, 1]]);

      // a late tick (a busy event loop): the minutes between were served too
      Object.assign(totals, { requests: 30 });
      clock.set(M0 + 3 * MINUTE + 5_000);
      await recorder.recordAndFlush();
      expect(await rowsOf(db)).toEqual([
        [0, 10, 1, 1],
        [1, 0, 0, 1],
        [2, 20, 0, 1],
      ]);

      // the database refuses a minute: it is written with the next one
      await db.query('ALTER TABLE service_minute RENAME TO service_minute_away');
      Object.assign(totals, { requests: 35, serverErrors: 2 });
      clock.set(M0 + 4 * MINUTE + 1_000);
      await recorder.recordAndFlush();
      await db.query('ALTER TABLE service_minute_away RENAME TO service_minute');
      Object.assign(totals, { requests: 40 });
      clock.set(M0 + 5 * MINUTE + 1_000);
      await recorder.recordAndFlush();
      expect((await rowsOf(db)).slice(3)).toEqual([
        [3, 5, 1, 1],
        [4, 5, 0, 1],
      ]);

      // stopping writes the minute under way; a second process adds its own answers to it
      Object.assign(totals, { requests: 42 });
      clock.set(M0 + 5 * MINUTE + 30_000);
      await recorder.stop();
      const otherTotals = { requests: 0, serverErrors: 0 };
      const other = new ServiceMinuteRecorder({ db, clock, logger, totals: () => ({ ...otherTotals }) });
      Object.assign(otherTotals, { requests: 3, serverErrors: 1 });
      clock.set(M0 + 6 * MINUTE + 1_000);
      await other.recordAndFlush();
      expect((await rowsOf(db)).slice(5)).toEqual([[5, 5, 1, 2]]);
    });
  });

  describe('in the running BFF', () => {
    let t: TestApp;
    beforeAll(async () => (t = await startTestApp(kind, { now: M0 + 10_000 })));
    afterAll(async () => t.close());

    it('counts the answers of the HTTP layer, whatever their status', async () => {
      for (let i = 0; i < 4; i++) await t.http.get('/api/v1/hospitals').expect(200);
      await t.http.get('/api/v1/no-such-thing').expect(404);
      t.clock.set(M0 + MINUTE + 1_000);
      await t.services.serviceMinutes.recordAndFlush();
      expect(await rowsOf(t.services.db)).toEqual([[0, 5, 0, 1]]);
    });
  });
});
