import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { freePort } from './processes.js';

/** One mariadbd of this machine's installation, with a data folder and port of its own. */
export interface MariadbNode {
  port: number;
  pid: number;
  url(database?: string): string;
  query<T = Record<string, unknown>>(sql: string): Promise<T[]>;
  /** Kills the server without warning (a crash, power lost). */
  crash(): Promise<void>;
  stop(): Promise<void>;
}

export const mariadbInstalled = (): boolean =>
  spawnSync('mariadbd', ['--version']).status === 0 && spawnSync('which', ['mariadb-install-db']).status === 0;

export interface MariadbNodeOptions {
  serverId: number;
  readOnly?: boolean;
  /** Lossless semi-synchronous replication (the pair); a single server has no standby to wait for. */
  semiSync?: boolean;
  /** Without the binary log and its GTID settings (a Galera node replicates by write sets instead). */
  noBinlog?: boolean;
  /** More server options, given the node's own folder (a Galera node's ports and provider). */
  extraArgs?: (dir: string) => string[];
  /**
   * Starts from an empty data folder owned by nobody (a Galera joiner: the rsync daemon that receives
   * the donor's data folder drops root for nobody when started by root).
   */
  receivesData?: boolean;
  /** Ready once this says so too (a Galera node: once it has joined and synced). */
  ready?: (query: <T>(sql: string) => Promise<T[]>) => Promise<boolean>;
  readyWithinMs?: number;
}

/** A mariadbd with a binary log (ROW, GTID strict mode), in a throwaway data folder. */
export async function startMariadbNode(options: MariadbNodeOptions): Promise<MariadbNode> {
  const { serverId, readOnly = false, semiSync = false, noBinlog = false } = options;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `cityhealth-mariadb${serverId}-`));
  const data = path.join(dir, 'data');
  // A mariadbd deletes every `#sql*` file in its tmpdir as it starts: left at the default /tmp it would
  // delete the temporary tables the machine's own server is using at that moment (queries then fail
  // with "Error on delete of '/tmp/#sql-temptable-…'", or that server crashes).
  const tmp = path.join(dir, 'tmp');
  fs.mkdirSync(tmp);
  fs.mkdirSync(data);
  if (options.receivesData) {
    fs.chmodSync(dir, 0o755);
    const nobody = (flag: string) => Number(spawnSync('id', [flag, 'nobody'], { encoding: 'utf8' }).stdout.trim());
    fs.chownSync(data, nobody('-u'), nobody('-g'));
  }
  const init = options.receivesData
    ? { status: 0, stderr: '' }
    : spawnSync(
        'mariadb-install-db',
        [
          '--no-defaults',
          `--datadir=${data}`,
          `--tmpdir=${tmp}`,
          '--user=root',
          '--auth-root-authentication-method=normal',
          '--skip-test-db',
        ],
        { encoding: 'utf8' },
      );
  if (init.status !== 0) throw new Error(`mariadb-install-db failed: ${init.stderr}`);
  const port = await freePort();
  const child: ChildProcess = spawn(
    'mariadbd',
    [
      '--no-defaults',
      `--datadir=${data}`,
      `--tmpdir=${tmp}`,
      `--port=${port}`,
      '--bind-address=127.0.0.1',
      `--socket=${path.join(dir, 'mariadb.sock')}`,
      `--pid-file=${path.join(dir, 'mariadb.pid')}`,
      '--user=root',
      `--server-id=${serverId}`,
      ...(noBinlog
        ? []
        : [
            `--log-bin=${path.join(dir, 'binlog')}`,
            '--log-slave-updates=1',
            '--gtid-strict-mode=1',
            '--sync-binlog=1',
          ]),
      '--binlog-format=ROW',
      '--innodb-flush-log-at-trx-commit=1',
      // Lossless semi-synchronous replication: a commit is acknowledged to the client only once the
      // standby has it in its relay log (AFTER_SYNC), so promoting the standby loses no answered write.
      ...(semiSync
        ? [
            '--rpl-semi-sync-master-enabled=1',
            '--rpl-semi-sync-slave-enabled=1',
            '--rpl-semi-sync-master-wait-point=AFTER_SYNC',
            '--rpl-semi-sync-master-timeout=30000',
          ]
        : []),
      `--read-only=${readOnly ? 1 : 0}`,
      '--innodb-buffer-pool-size=256M',
      '--max-connections=500',
      ...(options.extraArgs?.(dir) ?? []),
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += String(d)));
  const url = (database = '') => `mysql://root@127.0.0.1:${port}/${database}`;
  const query = async <T>(sql: string): Promise<T[]> => {
    const c = await mysql.createConnection({ uri: url(), multipleStatements: true });
    try {
      return (await c.query(sql))[0] as T[];
    } finally {
      await c.end();
    }
  };
  const deadline = Date.now() + (options.readyWithinMs ?? 60_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`mariadbd exited with ${child.exitCode}: ${stderr.slice(-2000)}`);
    const answered = await query('SELECT 1').then(
      () => true,
      () => false,
    );
    if (answered && (!options.ready || (await options.ready(query).catch(() => false)))) break;
    if (Date.now() > deadline) throw new Error(`mariadbd not ready in time: ${stderr.slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  // A process killed by a signal keeps exitCode null: its signalCode says it has gone.
  const gone = () => child.exitCode !== null || child.signalCode !== null;
  const exited = () => new Promise<void>((resolve) => (gone() ? resolve() : child.once('exit', () => resolve())));
  return {
    port,
    pid: child.pid!,
    url,
    query,
    crash: async () => {
      child.kill('SIGKILL');
      await exited();
    },
    stop: async () => {
      if (!gone()) {
        child.kill('SIGTERM');
        // A throwaway server: one slow to shut down (semi-sync waiting for a standby gone) is killed.
        const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited();
        clearTimeout(kill);
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface MariadbPair {
  primary: MariadbNode;
  standby: MariadbNode;
  stop(): Promise<void>;
}

/** A primary and a read-only standby replicating from it by GTID, semi-synchronously. */
export async function startMariadbPair(): Promise<MariadbPair> {
  const [primary, standby] = await Promise.all([
    startMariadbNode({ serverId: 1, semiSync: true }),
    startMariadbNode({ serverId: 2, readOnly: true, semiSync: true }),
  ]);
  await standby.query(
    `CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=${primary.port}, MASTER_USER='root', ` +
      "MASTER_PASSWORD='', MASTER_USE_GTID=slave_pos, MASTER_CONNECT_RETRY=1; START SLAVE",
  );
  const deadline = Date.now() + 30_000;
  for (;;) {
    const [status] = await primary.query<{ Value: string }>("SHOW STATUS LIKE 'Rpl_semi_sync_master_clients'");
    if (Number(status?.Value) === 1) break;
    if (Date.now() > deadline) throw new Error('the standby did not connect semi-synchronously');
    await new Promise((r) => setTimeout(r, 200));
  }
  return { primary, standby, stop: async () => void (await Promise.all([standby.stop(), primary.stop()])) };
}

/**
 * Promotes the standby after its primary is lost, as the operator's failover tool does: once it
 * has applied everything it received, replication is reset and it takes writes.
 */
export async function promote(standby: MariadbNode): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const [status] = await standby.query<{ Gtid_IO_Pos: string }>('SHOW SLAVE STATUS');
    const [applied] = await standby.query<{ pos: string }>('SELECT @@gtid_slave_pos AS pos');
    if (status && status.Gtid_IO_Pos === applied?.pos) break;
    if (Date.now() > deadline) throw new Error('the standby did not apply its relay log');
    await new Promise((r) => setTimeout(r, 50));
  }
  await standby.query('STOP SLAVE; RESET SLAVE ALL; SET GLOBAL read_only = 0');
}
