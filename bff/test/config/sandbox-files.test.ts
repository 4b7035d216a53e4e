import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { sandboxFile } from '../../src/config/sandbox-files.js';

describe('sandboxFile', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cityhealth-sandbox-files-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('creates the value once and reads it back afterwards, leaving no drafts', () => {
    let calls = 0;
    const first = sandboxFile(dir, 'jwt', () => `v${++calls}`);
    const second = sandboxFile(dir, 'jwt', () => `v${++calls}`);
    expect([first, second, calls]).toEqual(['v1', 'v1', 1]);
    expect(fs.readdirSync(path.join(dir, 'sandbox-secrets'))).toEqual(['jwt']);
    expect(fs.statSync(path.join(dir, 'sandbox-secrets', 'jwt')).mode & 0o777).toBe(0o600);
  });

  it('gives processes that start together one shared value', async () => {
    const moduleUrl = pathToFileURL(path.resolve('src/config/sandbox-files.ts')).href;
    const script = `const { sandboxFile } = await import(${JSON.stringify(moduleUrl)});
      process.stdout.write(sandboxFile(process.argv[1], 'pii', () => String(process.pid) + Math.random()));`;
    const values = await Promise.all(
      Array.from(
        { length: 6 },
        () =>
          new Promise<string>((resolve, reject) => {
            execFile(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, dir], (e, stdout) =>
              e ? reject(e) : resolve(stdout),
            );
          }),
      ),
    );
    expect(values.every((v) => v.length > 0)).toBe(true);
    expect(new Set(values).size).toBe(1);
    expect(fs.readdirSync(path.join(dir, 'sandbox-secrets'))).toEqual(['pii']);
  });
});
