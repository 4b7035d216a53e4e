import path from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { runPipedInto } from './client-programs.js';
import { clientArgs } from './connection-args.js';
import type { IncrementalManifest } from './manifest.js';

/**
 * The session settings by which a replay would write the source server's GTIDs and server id.
 * Dropped: the restored database is a new one whose server numbers its transactions itself (the
 * source's sequence numbers, lower than its own, are refused under gtid_strict_mode, and its
 * replicas would skip events carrying their own server id).
 */
const SOURCE_IDENTITY = /^\/\*M?!\d+ SET @@session\.(gtid_domain_id|server_id|gtid_seq_no)=\d+\*\//;

/**
 * Replays an increment's events of its database into the target database: `mariadb-binlog`
 * decodes the copied files (checking each event's CRC32), keeping that database's events only
 * and renaming it to the target's, and `mariadb` applies them.
 */
export async function replayIncrement(dir: string, manifest: IncrementalManifest, targetUrl: string): Promise<void> {
  if (!manifest.files.length) return;
  const into = clientArgs(targetUrl);
  const from = manifest.database;
  await runPipedInto(
    {
      program: 'mariadb-binlog',
      args: [
        '--no-defaults',
        '--verify-binlog-checksum',
        // the files are one increment's, not the whole logs whose GTID sequence the tool would check
        '--skip-gtid-strict-mode',
        `--database=${from}`,
        ...(from === into.database ? [] : [`--rewrite-db=${from}->${into.database}`]),
        ...manifest.files.map((f) => path.join(dir, f.name)),
      ],
      env: process.env,
    },
    [dropLines(SOURCE_IDENTITY)],
    { program: 'mariadb', args: [...into.args, into.database], env: into.env },
  );
}

/** Drops the lines that begin with `pattern` (ASCII); bytes pass unchanged otherwise. */
function dropLines(pattern: RegExp): Transform {
  let rest = Buffer.alloc(0);
  const keep = (line: Buffer) => !pattern.test(line.subarray(0, 80).toString('latin1'));
  return new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      const text = Buffer.concat([rest, chunk]);
      const cut = text.lastIndexOf(0x0a) + 1;
      rest = text.subarray(cut);
      const kept: Buffer[] = [];
      for (let at = 0; at < cut; ) {
        const next = text.indexOf(0x0a, at) + 1;
        const line = text.subarray(at, next);
        if (keep(line)) kept.push(line);
        at = next;
      }
      done(null, Buffer.concat(kept));
    },
    flush(done: TransformCallback) {
      done(null, keep(rest) ? rest : Buffer.alloc(0));
    },
  });
}
