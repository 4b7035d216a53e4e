// Prints each built mini-program's main-package and subpackage sizes as JSON and fails when a
// package passes the platforms' 2 MB limit or the main package leaves less than the margin we
// keep (1.5 MB). Run after the builds: `npm run sizes -w @cityhealth/miniapp`.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const LIMIT = 2 * 1024 * 1024;
const MAIN_MARGIN = 1.5 * 1024 * 1024;
// Files the devtools read but do not upload as package content.
const NOT_PACKAGED = new Set([
  'project.config.json',
  'mini.project.json',
  'project.swan.json',
  'project.private.config.json',
]);

function sizeOf(dir, skip = () => false) {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (skip(p)) continue;
    if (entry.isDirectory()) total += sizeOf(p, skip);
    else if (!NOT_PACKAGED.has(entry.name) && !entry.name.endsWith('.map') && !entry.name.endsWith('.LICENSE.txt'))
      total += fs.statSync(p).size;
  }
  return total;
}

function subpackageRoots(appJson) {
  return (appJson.subPackages ?? appJson.subpackages ?? []).map((s) => s.root);
}

const report = {};
const problems = [];
for (const target of fs.existsSync(DIST) ? fs.readdirSync(DIST).sort() : []) {
  const dir = path.join(DIST, target);
  const appJsonPath = path.join(dir, 'app.json');
  if (!fs.existsSync(appJsonPath)) continue; // H5 has no packages
  const roots = subpackageRoots(JSON.parse(fs.readFileSync(appJsonPath, 'utf8')));
  const rootDirs = roots.map((r) => path.join(dir, r));
  const main = sizeOf(dir, (p) => rootDirs.includes(p));
  const subpackages = Object.fromEntries(
    roots.map((r) => [r, fs.existsSync(path.join(dir, r)) ? sizeOf(path.join(dir, r)) : 0]),
  );
  report[target] = {
    mainKiB: +(main / 1024).toFixed(1),
    subpackagesKiB: Object.fromEntries(Object.entries(subpackages).map(([k, v]) => [k, +(v / 1024).toFixed(1)])),
    totalKiB: +((main + Object.values(subpackages).reduce((a, b) => a + b, 0)) / 1024).toFixed(1),
  };
  if (main > MAIN_MARGIN) {
    const kib = (main / 1024).toFixed(0);
    problems.push(`${target}: main package ${kib} KiB is over the 1.5 MB we allow ourselves (platform limit 2 MB)`);
  }
  for (const [root, size] of Object.entries(subpackages))
    if (size > LIMIT) problems.push(`${target}: subpackage ${root} ${(size / 1024).toFixed(0)} KiB is over 2 MB`);
}
console.log(JSON.stringify(report, null, 2));
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
