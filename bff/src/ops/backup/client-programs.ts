import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import type { Readable, Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface Program {
  program: string;
  args: string[];
  env: NodeJS.ProcessEnv;
}

/** Runs a client program that writes its own files. */
export function run(p: Program): Promise<void> {
  return finished(p, start(p, ['ignore', 'ignore', 'pipe']));
}

/** Runs a client program with its standard output into a file; its error output is the failure's message. */
export function runToFile(p: Program, file: string): Promise<void> {
  return runPiped(p, [], fs.createWriteStream(file));
}

/** Runs a client program reading its standard input from a file. */
export async function runFromFile(p: Program, file: string): Promise<void> {
  const child = start(p, ['pipe', 'ignore', 'pipe']);
  await allOrProgramError([finished(p, child)], [pipeline(fs.createReadStream(file), child.stdin!)]);
}

/** `producer | …filters | consumer`, failing with the error output of whichever program failed. */
export async function runPipedInto(producer: Program, filters: Transform[], consumer: Program): Promise<void> {
  const child = start(consumer, ['pipe', 'ignore', 'pipe']);
  await allOrProgramError([finished(consumer, child)], [runPiped(producer, filters, child.stdin!)]);
}

async function runPiped(p: Program, filters: Transform[], into: Writable): Promise<void> {
  const child = start(p, ['ignore', 'pipe', 'pipe']);
  await allOrProgramError([finished(p, child)], [pipeline([child.stdout as Readable, ...filters, into])]);
}

/** Waits for all; a program's own failure explains more than the broken pipe it leaves behind. */
async function allOrProgramError(programs: Promise<void>[], streams: Promise<void>[]): Promise<void> {
  const settled = await Promise.allSettled([...programs, ...streams]);
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;
}

function start(p: Program, stdio: ('pipe' | 'ignore')[]): ChildProcess {
  return spawn(p.program, p.args, { env: p.env, stdio: stdio as ['pipe', 'pipe', 'pipe'] });
}

function finished(p: Program, child: ChildProcess): Promise<void> {
  let errors = '';
  child.stderr!.on('data', (d: Buffer) => {
    errors += d.toString();
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`${p.program} failed (${code}): ${errors.trim()}`)),
    );
  });
}
