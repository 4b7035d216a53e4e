import type { Config } from '../../config/config.js';
import { systemClock } from '../../shared/clock.js';
import type { Logger } from '../../shared/logger.js';
import { Database } from '../database.js';
import { DEMO_HIS_HOSPITALS } from './demo-his.js';
import { rollDemoForward } from './roll-forward.js';
import { scheduleDemoRollForward } from './roll-forward.js';
import { seedDemoIfEmpty } from './seed-demo.js';

/** First start: seeds the demo data; later starts: publishes the demo days missed while the platform was down. */
export async function prepareDemoData(db: Database, config: Config, logger: Logger): Promise<void> {
  const now = systemClock.now();
  const seeded = await seedDemoIfEmpty(db, { now, rules: config.rules, leaveToHis: DEMO_HIS_HOSPITALS });
  if (seeded.seeded) {
    logger.info(seeded, 'demo data seeded');
    return;
  }
  const rolled = await rollDemoForward(db, { now, rules: config.rules });
  if (rolled.schedules) logger.info(rolled, 'demo schedules caught up');
}

/**
 * Runs the daily demo roll-forward in the calling process (the primary) on a connection of its
 * own. Returns a stopper.
 */
export async function startDemoJobs(config: Config, logger: Logger): Promise<{ stop(): Promise<void> }> {
  const target = config.database.kind === 'mysql' ? { ...config.database, poolSize: 2 } : config.database;
  const db = await Database.open(target, { migrate: false });
  const job = scheduleDemoRollForward({ db, clock: systemClock, logger, rules: config.rules });
  return {
    stop: async () => {
      job.stop();
      await db.close();
    },
  };
}
