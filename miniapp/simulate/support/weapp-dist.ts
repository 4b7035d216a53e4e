import fs from 'node:fs';
import path from 'node:path';

/** The compiled WeChat mini-program under test. */
export const WEAPP_DIST = path.resolve(__dirname, '..', '..', 'dist', 'weapp');

interface AppJson {
  pages: string[];
  subPackages?: { root: string; pages: string[] }[];
  subpackages?: { root: string; pages: string[] }[];
}

/** Every page route of the build (main package first, then the subpackages), as app.json lists them. */
export function weappPageRoutes(): string[] {
  const app = JSON.parse(fs.readFileSync(path.join(WEAPP_DIST, 'app.json'), 'utf8')) as AppJson;
  const subs = app.subPackages ?? app.subpackages ?? [];
  return [...app.pages, ...subs.flatMap((s) => s.pages.map((p) => path.posix.join(s.root, p)))];
}
