// Builds an app of the repository when its output is missing or older than its sources: the one
// step of `npm start` (and the browser tests' set-up) behind miniapp/scripts/ensure-h5-build.mjs and
// console/scripts/ensure-console-build.mjs.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

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

/**
 * `name` for the messages; `index`: the built entry file; `sources`: what it is built from;
 * `workspace` and `script`: the npm script that builds it; `env`: its environment.
 */
export function ensureBuilt({ name, index, sources, workspace, script, env = process.env }) {
  const built = fs.existsSync(index) ? fs.statSync(index).mtimeMs : 0;
  if (built && built >= newest(sources)) return;
  console.log(built ? `${name} is older than its sources: rebuilding…` : `${name} not built yet: building it once…`);
  // Under `npm start`, npm_execpath is npm's own CLI script; run it with this node.
  const npm = process.env.npm_execpath;
  const args = ['run', script, '--workspace', workspace];
  const res = npm?.endsWith('.js')
    ? spawnSync(process.execPath, [npm, ...args], { stdio: 'inherit', env })
    : spawnSync('npm', args, { stdio: 'inherit', env, shell: process.platform === 'win32' });
  if (res.status !== 0) {
    console.error(`${name} build failed (see above). Fix it, or run \`npm run start -w bff\` to start the API alone.`);
    process.exit(res.status ?? 1);
  }
}
