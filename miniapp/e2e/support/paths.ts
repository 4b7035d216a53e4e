import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const E2E_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const MINIAPP_DIR = path.resolve(E2E_DIR, '..');
export const REPO_ROOT = path.resolve(MINIAPP_DIR, '..');
/** Screenshots and axe reports of the last run (git-ignored). */
export const ARTIFACTS_DIR = path.join(E2E_DIR, 'artifacts');
/** The staff console's build, which the real BFF serves at /console. */
export const CONSOLE_DIST = path.join(REPO_ROOT, 'console', 'dist');
