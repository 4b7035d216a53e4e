import { Gauge, type Registry } from 'prom-client';
import type { Database } from '../../db/database.js';

/** The database pools' use, read on each scrape (MariaDB; SQLite has one connection and no pool). */
export function poolMetrics(registry: Registry, db: Database): void {
  new Gauge({
    name: 'cityhealth_db_pool_connections',
    help: 'Connections of a database pool, by pool and state (open, idle)',
    labelNames: ['pool', 'state'],
    registers: [registry],
    collect() {
      this.reset();
      for (const u of db.poolUse()) {
        this.labels(u.pool, 'open').set(u.open);
        this.labels(u.pool, 'idle').set(u.idle);
      }
    },
  });
  new Gauge({
    name: 'cityhealth_db_pool_max_connections',
    help: 'The connection limit of a database pool',
    labelNames: ['pool'],
    registers: [registry],
    collect() {
      this.reset();
      for (const u of db.poolUse()) this.labels(u.pool).set(u.limit);
    },
  });
  new Gauge({
    name: 'cityhealth_db_pool_waiting_requests',
    help: 'Requests waiting for a connection of a database pool',
    labelNames: ['pool'],
    registers: [registry],
    collect() {
      this.reset();
      for (const u of db.poolUse()) this.labels(u.pool).set(u.waiting);
    },
  });
}
