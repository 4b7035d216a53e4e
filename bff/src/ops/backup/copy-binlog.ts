import fs from 'node:fs';
import path from 'node:path';
import { cutAfterEventEndingAt } from './binlog-file.js';
import { run } from './client-programs.js';
import { serverArgs } from './connection-args.js';
import type { BinlogPoint } from './manifest.js';

/**
 * Copies the server's binary log events after `start` up to and including the transaction ending
 * at `end` into `dir`, as the raw log files the server wrote (`mariadb-binlog --read-from-remote-server
 * --raw`, which reads on to the log's current end), cut at `end`. Answers the files' names, in order.
 */
export async function copyBinlog(url: string, start: BinlogPoint, end: BinlogPoint, dir: string): Promise<string[]> {
  if (start.file === end.file && start.position === end.position) return [];
  const { args, env } = serverArgs(url);
  await run({
    program: 'mariadb-binlog',
    args: [
      ...args,
      '--read-from-remote-server',
      '--raw',
      `--result-file=${dir}${path.sep}`,
      `--start-position=${start.position}`,
      '--to-last-log',
      start.file,
    ],
    env,
  });
  const copied = fs.readdirSync(dir).sort((a, b) => logNumber(a) - logNumber(b));
  if (!copied.includes(end.file)) throw new Error(`the copy of the binary log holds no ${end.file}`);
  // written meanwhile, after the end point: the next incremental's
  for (const later of copied.filter((f) => logNumber(f) > logNumber(end.file))) fs.rmSync(path.join(dir, later));
  cutAfterEventEndingAt(path.join(dir, end.file), end.position);
  return copied.filter((f) => logNumber(f) <= logNumber(end.file));
}

/** A log file's number (`binlog.000012` → 12): the order of the server's logs. */
const logNumber = (file: string) => Number(/\.(\d+)$/.exec(file)?.[1] ?? Number.NaN);
