import fs from 'node:fs';
import path from 'node:path';
import mysql, { type Pool, type PoolConnection } from 'mysql2';
import { DataSource, type EntityManager } from 'typeorm';
import type { Statement } from './sql/bulk-insert.js';
import { typeormSqlTx, type SqlTx } from './sql/sql-tx.js';
import { ENTITIES } from './entities/index.js';
import { MIGRATIONS } from './migrations/index.js';
import { MYSQL_ROW_OPTIONS } from './mysql-row-options.js';
import { isPrimaryLost, PrimaryFinder } from './primary-finder.js';
import { ReplicaReads } from './replica-reads.js';
import { AppError } from '../shared/errors.js';

const readCommittedSessions = new WeakSet<object>();

export type DatabaseTarget =
  | { kind: 'sqlite'; file: string }
  /** `standbyUrls`: the servers the primary may fail over to (docs/operations.md). */
  | { kind: 'mysql'; url: string; poolSize: number; standbyUrls?: string[] };
type MysqlTarget = Extract<DatabaseTarget, { kind: 'mysql' }>;

export interface DatabaseOptions {
  migrate?: boolean;
  logging?: boolean;
  /** Told when the primary is lost, found again, or moved to a standby. */
  onFailover?: (event: { kind: 'lost' | 'switched' | 'recovered'; host: string; ms: number }) => void;
}

interface Source {
  ds: DataSource;
  /** MariaDB only: connections for `writeSql`, allowed to send several statements per round trip. */
  batchPool: Pool | null;
  /**
   * A node of a Galera cluster: its row locks hold on this node only (another node's transaction
   * learns of the conflict at commit, as a deadlock to retry), and a multi-statement query that
   * loses certification may leave its later statements committed on their own, so the booking
   * transaction sends one statement per round trip there.
   */
  galera: boolean;
}
export type Dialect = DatabaseTarget['kind'];

/**
 * The data source plus the one rule every writer follows: writes happen inside `write()`.
 * On MariaDB that is a READ COMMITTED transaction (row locks do the serialising; see the
 * booking notes for why not REPEATABLE READ). On SQLite there is one connection, so writers
 * queue on a process-local lock instead of nesting inside each other's transactions.
 */
export class Database {
  private sqliteQueue: Promise<unknown> = Promise.resolve();
  private finder: PrimaryFinder | null = null;
  /** A standby for `staleRead`, while the primary is not on it. */
  private replica: ReplicaReads | null = null;
  /** Fails as the driver did, or as SERVICE_UNAVAILABLE when the server is gone (and looks for the primary). */
  private readonly failed = (e: unknown): never => {
    if (!isPrimaryLost(e)) throw e;
    this.finder?.suspect();
    throw new AppError('SERVICE_UNAVAILABLE');
  };

  private constructor(
    private source: Source,
    readonly dialect: Dialect,
  ) {}

  static async open(target: DatabaseTarget, options: DatabaseOptions = {}): Promise<Database> {
    if (target.kind === 'sqlite') {
      const ds = sqliteSource(target, options.logging);
      await ds.initialize();
      const db = new Database({ ds, batchPool: null, galera: false }, 'sqlite');
      if (options.migrate ?? true) await db.migrate();
      return db;
    }
    const candidates = [target.url, ...(target.standbyUrls ?? [])];
    // With standbys, the one that takes writes is the primary, whichever was configured first.
    const url = candidates.length > 1 ? ((await PrimaryFinder.writableOf(candidates)) ?? target.url) : target.url;
    const db = new Database(await mysqlSourceAt({ ...target, url }, options.logging), 'mysql');
    if (candidates.length > 1) {
      let inUse = url;
      const standby = candidates.find((c) => c !== url);
      db.replica = standby ? new ReplicaReads(standby, Math.min(target.poolSize, 8)) : null;
      db.finder = new PrimaryFinder({
        candidates,
        current: () => inUse,
        switchTo: async (next) => {
          const old = db.source;
          db.source = await mysqlSourceAt({ ...target, url: next }, options.logging);
          inUse = next;
          // The standby read from is now the primary: stale reads go to it too, until configured anew.
          if (db.replica?.url === next) {
            const replica = db.replica;
            db.replica = null;
            void replica.close();
          }
          // What still runs on the old server fails by itself; its pools go once that has settled.
          setTimeout(() => void closeSource(old), 5_000).unref();
        },
        onEvent: options.onFailover,
      });
    }
    if (options.migrate ?? true) await db.migrate();
    return db;
  }

  get ds(): DataSource {
    return this.source.ds;
  }

  private get batchPool(): Pool | null {
    return this.source.batchPool;
  }

  /** On a Galera node: conflicts between nodes surface at commit, to be retried (see `Source`). */
  get galera(): boolean {
    return this.source.galera;
  }

  /** How often a transaction that met a deadlock is tried: more often where other nodes' commits abort it. */
  get retryAttempts(): number {
    return this.galera ? 8 : 4;
  }

  /** Applies pending migrations; on MariaDB under a named lock, so hosts starting together take turns. */
  async migrate(): Promise<void> {
    if (this.dialect === 'sqlite') {
      await this.ds.runMigrations({ transaction: 'all' });
      return;
    }
    const holder = this.ds.createQueryRunner();
    await holder.connect();
    try {
      const [got] = (await holder.query("SELECT GET_LOCK('cityhealth_migrations', 120) AS ok")) as { ok: number }[];
      if (Number(got?.ok) !== 1) throw new Error('timed out waiting for another process to finish migrating');
      await this.ds.runMigrations({ transaction: 'each' });
    } finally {
      await holder.query("SELECT RELEASE_LOCK('cityhealth_migrations')").catch(() => undefined);
      await holder.release();
    }
  }

  get manager(): EntityManager {
    return this.ds.manager;
  }

  /** Raw SQL for reads; `?` placeholders work on both dialects. */
  query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    if (this.dialect === 'sqlite') return this.ds.query(sql, params);
    return this.ds.query(sql, params).catch(this.failed);
  }

  /**
   * A read that may be a moment stale (catalogue, schedule views): on the standby when one is
   * configured and answers, else as `query`. Never for what is read and then written.
   */
  staleRead<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    if (!this.replica) return this.query<T>(sql, params);
    return this.replica.query<T>(sql, params, () => this.query<T>(sql, params));
  }

  async write<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    if (this.dialect === 'mysql') return this.ds.transaction('READ COMMITTED', work).catch(this.failed);
    const run = this.sqliteQueue.then(() => this.ds.transaction(work));
    this.sqliteQueue = run.catch(() => undefined);
    return run;
  }

  /**
   * A READ COMMITTED transaction of hand-written SQL for the hottest path (booking). On MariaDB it
   * runs on a connection of the same pool through the driver's callback API, skipping the ORM's
   * per-statement layers; on SQLite it is an ordinary `write()`.
   */
  async writeSql<T>(work: (sql: SqlTx) => Promise<T>): Promise<T> {
    if (this.dialect === 'sqlite') return this.write((tx) => work(typeormSqlTx(tx, 'sqlite')));
    const pool = this.batchPool!;
    const conn = await new Promise<PoolConnection>((resolve, reject) =>
      pool.getConnection((e, c) => (e ? reject(e) : resolve(c))),
    ).catch(this.failed);
    const call = <R>(sql: string, params: unknown[] = []) =>
      new Promise<R>((resolve, reject) => conn.query(sql, params, (e, rows) => (e ? reject(e) : resolve(rows as R))));
    let healthy = true;
    let begun = false;
    const galera = this.galera;
    // Every round trip of the transaction may hold several statements; the first one opens it.
    const send = async (statements: Statement[]): Promise<unknown[]> => {
      if (galera) return sendOneByOne(statements);
      const sqls = statements.map((s) => s.sql);
      const params = statements.flatMap((s) => s.params);
      if (!begun) sqls.unshift('START TRANSACTION');
      begun = true;
      const results = await call<unknown>(sqls.join(';\n'), params);
      const all = sqls.length === 1 ? [results] : (results as unknown[]);
      return all.slice(all.length - statements.length);
    };
    const sendOneByOne = async (statements: Statement[]): Promise<unknown[]> => {
      if (!begun) await call('START TRANSACTION');
      begun = true;
      const results: unknown[] = [];
      for (const s of statements) results.push(await call<unknown>(s.sql, s.params));
      return results;
    };
    try {
      // The session default, set once per pooled connection, saves a round trip per transaction
      // (the ORM's own transactions name their isolation level explicitly anyway).
      if (!readCommittedSessions.has(conn)) {
        await call('SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED');
        readCommittedSessions.add(conn);
      }
      const out = await work({
        dialect: 'mysql',
        nodeLocalLocks: galera,
        query: async <R>(sql: string, params: unknown[]) => (await send([{ sql, params }]))[0] as R[],
        queryAll: async (statements) => (await send(statements)) as unknown[][],
        runAll: async (statements) =>
          ((await send(statements)) as { affectedRows: number }[]).map((r) => r.affectedRows),
      });
      if (begun) await call('COMMIT');
      return out;
    } catch (e) {
      await call('ROLLBACK').catch(() => (healthy = false));
      return this.failed(e);
    } finally {
      if (healthy) conn.release();
      else conn.destroy();
    }
  }

  async ping(): Promise<boolean> {
    try {
      await this.ds.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  /** How the MariaDB pools are used (the ORM's and the booking batches'); none on SQLite's one connection. */
  poolUse(): PoolUse[] {
    if (this.dialect !== 'mysql') return [];
    const orm = (this.ds.driver as unknown as { pool?: Pool }).pool;
    return [...(orm ? [poolUseOf('orm', orm)] : []), ...(this.batchPool ? [poolUseOf('booking', this.batchPool)] : [])];
  }

  async close(): Promise<void> {
    await this.finder?.stop();
    await this.replica?.close();
    await closeSource(this.source);
  }
}

async function closeSource({ ds, batchPool }: Source): Promise<void> {
  if (batchPool) await new Promise<void>((resolve) => batchPool.end(() => resolve()));
  if (ds.isInitialized) await ds.destroy().catch(() => undefined);
}

async function mysqlSourceAt(target: MysqlTarget, logging?: boolean): Promise<Source> {
  const ds = mysqlSource(target, logging);
  await ds.initialize();
  return { ds, batchPool: batchPool(target), galera: await isGaleraNode(ds) };
}

/** MariaDB builds know `wsrep_on` (OFF outside a cluster); a server that does not know it is no Galera node. */
async function isGaleraNode(ds: DataSource): Promise<boolean> {
  const rows = (await ds.query('SELECT @@wsrep_on AS galera').catch(() => [])) as { galera: unknown }[];
  return Number(rows[0]?.galera) === 1;
}

export interface PoolUse {
  pool: 'orm' | 'booking';
  limit: number;
  open: number;
  idle: number;
  /** Requests waiting for a connection. */
  waiting: number;
}

/** mysql2 keeps its counts in fields it does not type: read defensively, 0 when absent. */
function poolUseOf(name: PoolUse['pool'], pool: Pool): PoolUse {
  const p = pool as unknown as {
    config?: { connectionLimit?: number };
    _allConnections?: { length: number };
    _freeConnections?: { length: number };
    _connectionQueue?: { length: number };
  };
  return {
    pool: name,
    limit: p.config?.connectionLimit ?? 0,
    open: p._allConnections?.length ?? 0,
    idle: p._freeConnections?.length ?? 0,
    waiting: p._connectionQueue?.length ?? 0,
  };
}

/**
 * The booking transaction's own small pool. Its connections accept several statements per round
 * trip (the batch's writes go together): every statement sent on them is written in the booking
 * core with placeholders, never built from input.
 */
function batchPool(target: MysqlTarget): Pool {
  return mysql.createPool({
    uri: target.url,
    multipleStatements: true,
    ...MYSQL_ROW_OPTIONS,
    connectionLimit: Math.min(target.poolSize, 8),
  });
}

function mysqlSource(target: MysqlTarget, logging = false): DataSource {
  return new DataSource({
    type: 'mysql',
    url: target.url,
    poolSize: target.poolSize,
    ...MYSQL_ROW_OPTIONS,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    synchronize: false,
    logging,
  });
}

function sqliteSource(target: Extract<DatabaseTarget, { kind: 'sqlite' }>, logging = false): DataSource {
  if (target.file !== ':memory:') fs.mkdirSync(path.dirname(target.file), { recursive: true });
  return new DataSource({
    type: 'better-sqlite3',
    database: target.file,
    enableWAL: true,
    prepareDatabase: (db: { pragma(s: string): unknown }) => {
      db.pragma('busy_timeout = 5000');
      db.pragma('synchronous = NORMAL');
    },
    entities: ENTITIES,
    migrations: MIGRATIONS,
    synchronize: false,
    logging,
  });
}
