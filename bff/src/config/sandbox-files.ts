import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The text of DATA_DIR/sandbox-secrets/<name>, created by `create()` the first time. Sandbox
 * processes starting together share one value: the file appears whole (written aside, then
 * linked into place), and whoever links second reads the winner's.
 */
export function sandboxFile(dataDir: string, name: string, create: () => string): string {
  const file = path.join(dataDir, 'sandbox-secrets', name);
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const draft = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}`;
    fs.writeFileSync(draft, create(), { mode: 0o600 });
    try {
      fs.linkSync(draft, file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    } finally {
      fs.rmSync(draft, { force: true });
    }
    return fs.readFileSync(file, 'utf8');
  }
}
