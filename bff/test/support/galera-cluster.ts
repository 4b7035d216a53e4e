import fs from 'node:fs';
import { spawnSync } from 'node:child_process';
import { freePort } from './processes.js';
import { mariadbInstalled, startMariadbNode, type MariadbNode } from './mariadb-pair.js';

/** Debian's galera-4 puts its provider here. */
const PROVIDER = ['/usr/lib/galera/libgalera_smm.so', '/usr/lib/libgalera_smm.so'].find((p) => fs.existsSync(p));

/** A joiner receives its copy of the data (SST) by rsync. */
export const galeraInstalled = (): boolean =>
  mariadbInstalled() && PROVIDER !== undefined && spawnSync('which', ['rsync']).status === 0;

export interface GaleraCluster {
  nodes: MariadbNode[];
  stop(): Promise<void>;
}

interface NodePorts {
  group: number;
  ist: number;
  sst: number;
}

/**
 * A Galera cluster of `size` mariadbd on this machine, each with its own folder and ports: the
 * first bootstraps the cluster, the others join it one at a time (a state transfer by rsync)
 * and are returned once every node says it is Synced.
 */
export async function startGaleraCluster(size = 3, name = 'cityhealth-test'): Promise<GaleraCluster> {
  if (!PROVIDER) throw new Error('galera-4 is not installed');
  const ports: NodePorts[] = [];
  for (let i = 0; i < size; i++) ports.push({ group: await freePort(), ist: await freePort(), sst: await freePort() });
  const members = ports.map((p) => `127.0.0.1:${p.group}`).join(',');
  const nodes: MariadbNode[] = [];
  try {
    for (const [i, p] of ports.entries()) {
      nodes.push(
        await startMariadbNode({
          serverId: 100 + i,
          noBinlog: true,
          receivesData: i > 0,
          readyWithinMs: 120_000,
          extraArgs: () => [
            '--wsrep-on=ON',
            `--wsrep-provider=${PROVIDER}`,
            `--wsrep-cluster-name=${name}`,
            `--wsrep-cluster-address=gcomm://${i === 0 ? '' : members}`,
            `--wsrep-provider-options=gmcast.listen_addr=tcp://127.0.0.1:${p.group};` +
              `ist.recv_addr=127.0.0.1:${p.ist};gcache.size=64M`,
            `--wsrep-node-address=127.0.0.1:${p.group}`,
            `--wsrep-node-name=node${i + 1}`,
            '--wsrep-sst-method=rsync',
            `--wsrep-sst-receive-address=127.0.0.1:${p.sst}`,
            '--wsrep-slave-threads=2',
            '--innodb-autoinc-lock-mode=2',
            '--default-storage-engine=InnoDB',
            ...(i === 0 ? ['--wsrep-new-cluster'] : []),
          ],
          ready: async (query) => {
            const [state] = await query<{ Value: string }>("SHOW STATUS LIKE 'wsrep_local_state_comment'");
            const [members] = await query<{ Value: string }>("SHOW STATUS LIKE 'wsrep_cluster_size'");
            return state?.Value === 'Synced' && Number(members?.Value) === i + 1;
          },
        }),
      );
    }
  } catch (e) {
    await Promise.all(nodes.map((n) => n.stop()));
    throw e;
  }
  return {
    nodes,
    // The joiners leave first, so the last one standing shuts down without waiting for the others.
    stop: async () => {
      for (const n of [...nodes].reverse()) await n.stop();
    },
  };
}
