// Source lines of at most 120 characters: Biome's formatter keeps to that width but cannot break strings, template
// literals or comments, so this holds those to it too. Lists every longer line and fails if there is one.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const MAX = 120;
const EXTENSIONS = ['.ts', '.tsx', '.js', '.mjs', '.cjs'];
const SKIPPED = new Set(['node_modules', 'dist', '.git']);
process.chdir(path.join(import.meta.dirname, '..'));

/** The files git tracks or would (new, not ignored); without git, every source file but dependencies and builds. */
function sourceFiles() {
  try {
    const listed = ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--'];
    const out = execFileSync('git', [...listed, ...EXTENSIONS.map((ext) => `*${ext}`)], { stdio: 'pipe' });
    return out
      .toString('utf8')
      .split('\0')
      .filter((file) => file && fs.existsSync(file));
  } catch {
    const walk = (dir) =>
      fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) return SKIPPED.has(entry.name) ? [] : walk(full);
        return EXTENSIONS.includes(path.extname(entry.name)) ? [full] : [];
      });
    return walk('.');
  }
}

let long = 0;
for (const file of sourceFiles()) {
  const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/);
  for (const [i, line] of lines.entries()) {
    const length = [...line].length;
    if (length > MAX) {
      console.log(`${file}:${i + 1}: ${length} characters`);
      long += 1;
    }
  }
}
if (long) {
  console.error(`${long} line(s) over ${MAX} characters`);
  process.exit(1);
}
