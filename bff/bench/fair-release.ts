import type { Database } from '../src/db/database.js';
import { drawOrder } from '../src/core/booking/draw/shuffle.js';
import type { TokenService } from '../src/identity/tokens.js';
import type { Pii } from '../src/identity/pii.js';
import { freePort, startBffProcess } from '../test/support/processes.js';
import { fairStorm, wilsonInterval } from './fair-storm.js';
import { createPatients, createRelease } from './release-setup.js';
import { percentile, round } from './stats.js';
import { verifyRelease } from './verify-release.js';

export interface FairReleaseBenchOptions {
  db: Database;
  tokens: TokenService;
  pii: Pii;
  /** The server's environment (database, secrets, workers); the draw's window is set here. */
  env: Record<string, string>;
  compiled: boolean;
  slots: number;
  patients: number;
  /** The share of the patients that are scripts (send at the release time, retry every 20 ms). */
  fastShare: number;
  windowMs: number;
  spreadMs: number;
  log: (msg: string) => void;
}

/**
 * Fair release measured: the same release (one session of `slots`, `patients` patients, a share
 * of them fast) once with the draw off and once on, each on a server of its own. Prints the fast
 * group's share of the slots with its 95 % interval beside its share of the people.
 */
export async function fairReleaseBench(o: FairReleaseBenchOptions) {
  const figures: Record<string, unknown> = {
    slots: o.slots,
    patients: o.patients,
    fastPatients: Math.round(o.patients * o.fastShare),
    fastShareOfPeople: o.fastShare,
    windowMs: o.windowMs,
    slowArriveOverMs: o.spreadMs,
  };
  for (const [n, mode] of (['off', 'on'] as const).entries()) {
    const release = await createRelease(o.db, o.slots, o.slots, Date.now() + 3600_000, { code: `BENCHF00${n}` });
    const scheduleId = release.scheduleIds[0]!;
    const patients = await Promise.all(
      (await createPatients(o.db, o.patients, o.pii)).map(async (p) => ({
        patientId: p.patientId,
        token: (await o.tokens.issue(p.accountId)).token,
      })),
    );
    const fastCount = Math.round(o.patients * o.fastShare);
    const fast = patients.slice(0, fastCount);
    const slow = patients.slice(fastCount);
    const bff = await startBffProcess(
      {
        ...o.env,
        FAIR_RELEASE_WINDOW_MS: mode === 'on' ? String(o.windowMs) : '0',
        SANDBOX_PORT: String(await freePort()),
      },
      { timeoutMs: 60_000, compiled: o.compiled },
    );
    // what the server writes to stderr (a crash, a warning of node): nothing when all is well
    const serverLog: string[] = [];
    bff.child.stderr?.on('data', (d) => serverLog.push(...String(d).split('\n').filter(Boolean)));
    try {
      const releaseAt = Date.now() + 2000;
      await o.db.write((tx) => tx.query('UPDATE schedule SET release_at = ? WHERE id = ?', [releaseAt, scheduleId]));
      o.log(`fair release (draw ${mode}): ${fast.length} fast and ${slow.length} other patients, ${o.slots} slots`);
      const storm = await fairStorm(bff.url, { fast, slow, scheduleId, releaseAt, spreadMs: o.spreadMs });
      const check = await verifyRelease(o.db, [scheduleId]);
      const booked = await o.db.query<{ patient_id: string }>(
        'SELECT patient_id FROM booking_order WHERE schedule_id = ? AND live = 1',
        [scheduleId],
      );
      const fastIds = new Set(fast.map((p) => p.patientId));
      const fastWon = booked.filter((b) => fastIds.has(String(b.patient_id))).length;
      const [low, high] = wilsonInterval(fastWon, booked.length);
      figures[mode === 'on' ? 'drawOn' : 'drawOff'] = {
        sold: check.sold,
        oversold: check.oversold,
        doubleBooked: check.doubleBooked,
        fastWon,
        othersWon: booked.length - fastWon,
        fastShareOfSlots: round(booked.length ? fastWon / booked.length : 0, 3),
        interval95: [round(low, 3), round(high, 3)],
        fastShareOfPeopleWithinInterval: low <= o.fastShare && o.fastShare <= high,
        requests: storm.requests,
        sentLateMs: { p50: round(percentile(storm.sentLateMs, 50)), max: round(percentile(storm.sentLateMs, 100)) },
        refusals: storm.refusals,
        serverErrors: storm.serverErrors,
        answerMs: {
          fast: {
            p50: round(percentile(storm.fast.latenciesMs, 50)),
            p99: round(percentile(storm.fast.latenciesMs, 99)),
          },
          others: {
            p50: round(percentile(storm.slow.latenciesMs, 50)),
            p99: round(percentile(storm.slow.latenciesMs, 99)),
          },
        },
        ...(mode === 'on' ? { draw: await drawFigures(o.db, scheduleId) } : {}),
        serverStderrLines: serverLog.length,
      };
      for (const line of serverLog.slice(0, 5)) o.log(`server: ${line.slice(0, 400)}`);
    } finally {
      await bff.stop();
    }
  }
  return figures;
}

/** The draw as stored, and whether its seed and tickets give back the stored order. */
async function drawFigures(db: Database, scheduleId: string) {
  const [draw] = await db.query<Record<string, unknown>>(
    'SELECT state, seed, entered, won, claims, window_ends_at, decided_at FROM release_draw WHERE schedule_id = ?',
    [scheduleId],
  );
  if (!draw) return { state: 'none' };
  const tickets = await db.query<{ person_id: string; position: unknown; created_at: unknown }>(
    'SELECT person_id, position, created_at FROM draw_ticket WHERE schedule_id = ? ORDER BY position',
    [scheduleId],
  );
  const [release] = await db.query<{ release_at: unknown }>(
    'SELECT release_at FROM release_draw WHERE schedule_id = ?',
    [scheduleId],
  );
  const admittedAfter = tickets.map((t) => Number(t.created_at) - Number(release!.release_at));
  const replayed = drawOrder(
    String(draw.seed),
    tickets.map((t) => String(t.person_id)),
  );
  return {
    state: draw.state,
    seed: draw.seed,
    entered: Number(draw.entered),
    won: Number(draw.won),
    claims: Number(draw.claims),
    decidedMsAfterWindow: Number(draw.decided_at) - Number(draw.window_ends_at),
    replayGivesStoredOrder: replayed.every((id, i) => id === String(tickets[i]!.person_id)),
    // when the tickets were written, after the release (the server's clock)
    ticketWrittenMsAfterRelease: { p50: percentile(admittedAfter, 50), max: percentile(admittedAfter, 100) },
  };
}
