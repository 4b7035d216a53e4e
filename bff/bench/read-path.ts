import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../test/support/processes.js';
import { round } from './stats.js';

export interface LoadFigures {
  requestsPerSecond: number;
  latencyMs: { p50: number; p99: number };
  non2xx: number;
  errors: number;
}

/** Client addresses the read load comes from (X-Forwarded-For through a trusted gateway), as a morning's patients. */
export const READ_CLIENT_ADDRESSES = 20_000;

/**
 * autocannon in its own process (so the load generator does not
 * share the server's event loop), from many client addresses.
 */
export function autocannon(url: string, connections: number, seconds: number): Promise<LoadFigures> {
  const client = path.join(path.dirname(new URL(import.meta.url).pathname), 'load-client.ts');
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', client, url, String(connections), String(seconds), String(READ_CLIENT_ADDRESSES)],
      { stdio: ['ignore', 'pipe', 'ignore'] },
    );
    let out = '';
    child.stdout.on('data', (d) => (out += String(d)));
    child.on('error', reject);
    child.on('exit', () => {
      try {
        const r = JSON.parse(out);
        resolve({
          requestsPerSecond: round(r.requests.average),
          latencyMs: { p50: r.latency.p50, p99: r.latency.p99 },
          non2xx: r.non2xx,
          errors: r.errors,
        });
      } catch (e) {
        reject(new Error(`autocannon printed no JSON: ${out.slice(0, 200)} (${String(e)})`));
      }
    });
  });
}

/** Starts the bare server with `bytes` and returns its URL and a stopper. */
async function startBare(bytes: Buffer): Promise<{ url: string; stop(): void }> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cityhealth-bare-')), 'body.json');
  fs.writeFileSync(file, bytes);
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(path.dirname(new URL(import.meta.url).pathname), 'bare-server.ts'),
      file,
      String(port),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await new Promise<void>((resolve) => child.stdout!.once('data', () => resolve()));
  return { url: `http://127.0.0.1:${port}/`, stop: () => child.kill('SIGTERM') };
}

/**
 * The cached read path: each URL is loaded against the BFF, then the same bytes are served by a
 * bare node:http server, measured the same way in the same run.
 */
export async function readPath(baseUrl: string, paths: Record<string, string>, connections: number, seconds: number) {
  const out: Record<string, unknown> = {};
  for (const [name, p] of Object.entries(paths)) {
    const res = await fetch(baseUrl + p);
    if (!res.ok) throw new Error(`${p} answered ${res.status}`);
    const bytes = Buffer.from(await res.arrayBuffer());
    await autocannon(baseUrl + p, connections, 2); // warm-up
    const bff = await autocannon(baseUrl + p, connections, seconds);
    const bare = await startBare(bytes);
    try {
      await autocannon(bare.url, connections, 2);
      const reference = await autocannon(bare.url, connections, seconds);
      out[name] = {
        path: p,
        bytes: bytes.length,
        bff,
        bareNodeHttp: reference,
        ratio: round(bff.requestsPerSecond / reference.requestsPerSecond, 3),
      };
    } finally {
      bare.stop();
    }
  }
  return out;
}
