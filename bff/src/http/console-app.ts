import fs from 'node:fs';
import path from 'node:path';
import type Koa from 'koa';
import send from 'koa-send';
import { AppError } from '../shared/errors.js';
import { CONSOLE_DOCUMENT_POLICY } from './middleware/security-headers.js';

/** Where the staff console lives (its Vite build has `base: '/console/'`). */
export const CONSOLE_PREFIX = '/console';
export const isConsolePath = (p: string): boolean => p === CONSOLE_PREFIX || p.startsWith(`${CONSOLE_PREFIX}/`);

/** Vite names the files under assets/ by their content: a browser may keep them for good. */
const ASSET_MAX_AGE_MS = 365 * 86_400_000;

/**
 * Serves the staff console's build (CONSOLE_DIR) at /console: its files, and index.html (always
 * revalidated, with the console's own Content-Security-Policy) for every client route without an
 * extension. Without a build, /console answers 404 like any unknown path.
 */
export function mountConsole(app: Koa, dir: string): void {
  const index = path.join(dir, 'index.html');
  app.use(async (ctx, next) => {
    if (!isConsolePath(ctx.path) || (ctx.method !== 'GET' && ctx.method !== 'HEAD')) return next();
    if (!fs.existsSync(index)) return next();
    (ctx.state as { documentPolicy?: string }).documentPolicy = CONSOLE_DOCUMENT_POLICY;
    const file = ctx.path.slice(CONSOLE_PREFIX.length).replace(/^\/+/, '');
    if (path.extname(file)) {
      let served: string;
      try {
        served = await send(ctx, file, {
          root: dir,
          index: false,
          immutable: file.startsWith('assets/'),
          maxage: file.startsWith('assets/') ? ASSET_MAX_AGE_MS : 0,
          setHeaders: (res, name) => {
            if (name.endsWith('.html')) res.setHeader('Cache-Control', 'no-cache');
          },
        });
      } catch (e) {
        const status = (e as { status?: unknown }).status;
        if (status === 404) return next();
        // The file server's own refusals (a path it will not resolve) are a client's mistake.
        if (typeof status === 'number' && status >= 400 && status < 500) throw new AppError('PATH_NOT_ALLOWED');
        throw e;
      }
      if (served) return;
      return next();
    }
    ctx.type = 'html';
    ctx.set('Cache-Control', 'no-cache');
    ctx.body = fs.createReadStream(index);
  });
}
