#!/usr/bin/env node
// Run by the root `npm start` (and the browser tests' set-up) before the BFF: builds the staff console
// (console/dist) when it is missing or older than its sources or the contract, so the BFF can serve it at
// /console. Skipped when CONSOLE_DIR points elsewhere.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuilt } from '../../scripts/ensure-built.mjs';

const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const index = path.join(appDir, 'dist', 'index.html');

if (!process.env.CONSOLE_DIR || path.resolve(process.env.CONSOLE_DIR) === path.dirname(index)) {
  const env = { ...process.env };
  // Jest's NODE_ENV=test would make Vite build a development bundle.
  delete env.NODE_ENV;
  ensureBuilt({
    name: 'Console',
    index,
    sources: [
      ...['src', 'index.html', 'vite.config.ts', 'package.json', 'tsconfig.json'].map((p) => path.join(appDir, p)),
      path.join(appDir, '..', 'shared-types', 'src'),
    ],
    workspace: '@cityhealth/console',
    script: 'build',
    env,
  });
}
