#!/usr/bin/env node
// Run by the root `npm start` before the BFF: builds the H5 app (miniapp/dist/h5) when it is missing
// or older than its sources, so the BFF can serve it at `/`. Skipped when H5_DIR points elsewhere.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuilt } from '../../scripts/ensure-built.mjs';

const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const index = path.join(appDir, 'dist', 'h5', 'index.html');

if (!process.env.H5_DIR || path.resolve(process.env.H5_DIR) === path.dirname(index))
  ensureBuilt({
    name: 'H5 app',
    index,
    sources: ['src', 'config', 'babel.config.js', 'package.json'].map((p) => path.join(appDir, p)),
    workspace: '@cityhealth/miniapp',
    script: 'build:h5',
  });
