#!/usr/bin/env node
// miniapp/simulate is its own npm project (not a workspace: miniprogram-simulate pulls old
// less/postcss that must stay out of the app's tree). The root `npm test` calls this first: it runs
// `npm ci` here when node_modules is missing or older than this package's lockfile.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const installed = path.join(dir, 'node_modules', '.package-lock.json');
const lock = path.join(dir, 'package-lock.json');
const mtime = (f) => (fs.existsSync(f) ? fs.statSync(f).mtimeMs : 0);

if (mtime(installed) >= mtime(lock)) process.exit(0);
console.log('miniapp/simulate: installing its own dependencies (npm ci)…');
const npmCli = process.env.npm_execpath;
const args = ['ci', '--no-audit', '--no-fund', '--prefix', dir];
const res = npmCli?.endsWith('.js')
  ? spawnSync(process.execPath, [npmCli, ...args], { stdio: 'inherit', cwd: dir })
  : spawnSync('npm', args, { stdio: 'inherit', cwd: dir });
process.exit(res.status ?? 1);
