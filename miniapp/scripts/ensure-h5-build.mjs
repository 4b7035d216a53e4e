#!/usr/bin/env node
// Run by the root `npm start` before the BFF: builds the H5 app (miniapp/dist/h5) when it is missing
// or older than its sources, so the BFF can serve it at `/`. Skipped when H5_DIR points elsewhere.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const index = path.join(appDir, 'dist', 'h5', 'index.html');

if (process.env.H5_DIR && path.resolve(process.env.H5_DIR) !== path.dirname(index)) process.exit(0);

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

const sources = ['src', 'config', 'babel.config.js', 'package.json'].map((p) => path.join(appDir, p));
const built = fs.existsSync(index) ? fs.statSync(index).mtimeMs : 0;
if (built && built >= newest(sources)) process.exit(0);

console.log(built ? 'H5 app is older than its sources: rebuilding…' : 'H5 app not built yet: building it once…');
// Under `npm start`, npm_execpath is npm's own CLI script; run it with this node.
const npm = process.env.npm_execpath;
const args = ['run', 'build:h5', '--workspace', '@cityhealth/miniapp'];
const res = npm
  ? spawnSync(process.execPath, [npm, ...args], { stdio: 'inherit' })
  : spawnSync('npm', args, { stdio: 'inherit', shell: process.platform === 'win32' });
if (res.status !== 0) {
  console.error('H5 build failed (see above). Fix it, or run `npm run start -w bff` to start the API alone.');
  process.exit(res.status ?? 1);
}
