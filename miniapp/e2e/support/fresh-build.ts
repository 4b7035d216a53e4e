import { spawnSync, type SpawnSyncOptionsWithStringEncoding } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { MINIAPP_DIR, REPO_ROOT } from './paths.js';

/**
 * Taro outputs the tests use: the folder under miniapp/dist, the npm script that writes it, a file it always writes.
 */
const TARGETS = {
  h5: { script: 'build:h5', marker: 'index.html' },
  'h5-elder': { script: 'build:h5:elder', marker: 'index.html' },
  weapp: { script: 'build:weapp', marker: 'app.js' },
} as const;
export type BuildTarget = keyof typeof TARGETS;

const SOURCES = ['src', 'config', 'types', 'babel.config.js', 'package.json', 'tsconfig.json'].map((p) =>
  path.join(MINIAPP_DIR, p),
);

/** Newest modification time of the files under the given paths (0 when none exist). */
function newestMtime(paths: string[]): number {
  let newest = 0;
  for (const p of paths) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch {
      continue;
    }
    newest = Math.max(
      newest,
      stat.isDirectory() ? newestMtime(fs.readdirSync(p).map((f) => path.join(p, f))) : stat.mtimeMs,
    );
  }
  return newest;
}

/** Why a target must be built, or null when its output is newer than every source. */
export function staleReason(target: BuildTarget): string | null {
  const marker = path.join(MINIAPP_DIR, 'dist', target, TARGETS[target].marker);
  if (!fs.existsSync(marker)) return `miniapp/dist/${target} is missing`;
  if (fs.statSync(marker).mtimeMs < newestMtime(SOURCES)) return `miniapp/dist/${target} is older than its sources`;
  return null;
}

/** Builds a target with Taro when it is missing or stale (one build at a time: the caller awaits each). */
export function ensureFreshBuild(target: BuildTarget): void {
  const reason = staleReason(target);
  if (!reason) return;
  console.log(`${reason}: building it (npm run ${TARGETS[target].script} -w @cityhealth/miniapp)…`);
  const args = ['run', TARGETS[target].script, '--workspace', '@cityhealth/miniapp'];
  // Jest sets NODE_ENV=test, which would make Taro build a development bundle (React Refresh
  // hooks that fail in the browser): build as from a shell, where Taro picks production.
  const env = { ...process.env };
  delete env.NODE_ENV;
  const options: SpawnSyncOptionsWithStringEncoding = {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
  };
  // Under npm, npm_execpath is npm's own CLI script: run it with this node.
  const npmCli = process.env.npm_execpath;
  const result = npmCli?.endsWith('.js')
    ? spawnSync(process.execPath, [npmCli, ...args], options)
    : spawnSync('npm', args, options);
  if (result.status !== 0) {
    throw new Error(
      `Taro build of ${target} failed (exit ${result.status}):\n${(result.stdout + result.stderr).slice(-4000)}`,
    );
  }
}

/** Builds the staff console (console/dist) when it is missing or older than its sources, as `npm start` does. */
export function ensureConsoleBuild(): void {
  const script = path.join(REPO_ROOT, 'console', 'scripts', 'ensure-console-build.mjs');
  const result = spawnSync(process.execPath, [script], {
    cwd: REPO_ROOT,
    env: { ...process.env, CONSOLE_DIR: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
  });
  if (result.stdout.trim()) console.log(result.stdout.trim().split('\n')[0]);
  if (result.status !== 0)
    throw new Error(`console build failed (exit ${result.status}):\n${(result.stdout + result.stderr).slice(-4000)}`);
}
