#!/usr/bin/env node
// Run by the root `npm start` (and the browser tests' set-up) before the BFF: builds the staff console
// (console/dist) when it is missing or older than its sources or the contract, so the BFF can serve it at
// /console. Skipped when CONSOLE_DIR points elsewhere.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const index = path.join(appDir, 'dist', 'index.html');

if (process.env.CONSOLE_DIR && path.resolve(process.env.CONSOLE_DIR) !== path.dirname(index)) process.exit(0);

/** Newest modification time under the given files and folders. */
function newest(paths) {
  let max = 0;
  for (const p of paths) {
    let st;
    try {
      st = fs.statSync(p);
    } catch {
      continue;
    }
    if (st.isDirectory()) max = Math.max(max, newest(fs.readdirSync(p).map((f) => path.join(p, f))));
    else max = Math.max(max, st.mtimeMs);
  }
  return max;
}

const sources = [
  ...['src', 'index.html', 'vite.config.ts', 'package.json', 'tsconfig.json'].map((p) => path.join(appDir, p)),
  path.join(appDir, '..', 'shared-types', 'src'),
];
const built = fs.existsSync(index) ? fs.statSync(index).mtimeMs : 0;
if (built && built >= newest(sources)) process.exit(0);

console.log(built ? 'Console is older than its sources: rebuilding…' : 'Console not built yet: building it once…');
// Under `npm start`, npm_execpath is npm's own CLI script; run it with this node.
const npm = process.env.npm_execpath;
const args = ['run', 'build', '--workspace', '@cityhealth/console'];
const env = { ...process.env };
// Jest's NODE_ENV=test would make Vite build a development bundle.
delete env.NODE_ENV;
const res = npm?.endsWith('.js')
  ? spawnSync(process.execPath, [npm, ...args], { stdio: 'inherit', env })
  : spawnSync('npm', args, { stdio: 'inherit', env, shell: process.platform === 'win32' });
if (res.status !== 0) {
  console.error('Console build failed (see above). Fix it, or run `npm run start -w bff` to start the API alone.');
  process.exit(res.status ?? 1);
}
