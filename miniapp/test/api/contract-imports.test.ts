import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SRC = fileURLToPath(new URL('../../src', import.meta.url));

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(p) : /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

/** An import or re-export of the contract's main entry that is not for types only. */
const RUNTIME_IMPORT_OF_CONTRACT = /^(import|export)\s+(?!type\b)[^;]*?from\s+'@cityhealth\/shared-types'/m;

describe('the app’s use of the contract', () => {
  it('takes only types from its main entry, keeping zod and schemas out (values come from zod-free subpaths)', () => {
    const offenders = sourceFiles(SRC).filter((f) => RUNTIME_IMPORT_OF_CONTRACT.test(fs.readFileSync(f, 'utf8')));
    expect(offenders.map((f) => path.relative(SRC, f))).toEqual([]);
  });
});
