import type Koa from 'koa';
import { AppError } from '../../shared/errors.js';

/** `..` as a whole segment, or a backslash (a separator on some file systems), in the decoded path. */
const TRAVERSAL = /(^|\/)\.\.(\/|$)|\\/;

/**
 * Refuses, before anything reads the path or the body, a request whose target cannot name a
 * resource of ours or whose body is compressed: an undecodable or NUL-carrying path, a
 * protocol-relative `//…` path, a path that climbs out of its folder, any Content-Encoding
 * (no client of the platform compresses what it sends, and inflating is a decompression bomb's door).
 */
export function requestTarget(): Koa.Middleware {
  return async (ctx, next) => {
    const raw = ctx.path;
    let decoded: string;
    try {
      decoded = decodeURIComponent(raw);
    } catch {
      throw new AppError('MALFORMED_URL');
    }
    if (decoded.includes('\0') || raw.startsWith('//')) throw new AppError('MALFORMED_URL');
    if (TRAVERSAL.test(decoded)) throw new AppError('PATH_NOT_ALLOWED');
    const encoding = ctx.get('Content-Encoding').trim().toLowerCase();
    if (encoding && encoding !== 'identity') throw new AppError('UNSUPPORTED_CONTENT_ENCODING');
    await next();
  };
}
