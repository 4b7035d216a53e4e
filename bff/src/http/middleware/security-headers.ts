import crypto from 'node:crypto';
import fs from 'node:fs';
import type Koa from 'koa';
import type { Config } from '../../config/config.js';

/** What an API answer may do in a browser: nothing (it is data), and never inside a frame. */
const API_POLICY = "default-src 'none'; frame-ancestors 'none'";

/**
 * Sent with every answer, the fast paths' included; API answers
 * are also `Cache-Control: no-store` unless they say otherwise.
 */
export function securityHeadersFor(config: Pick<Config, 'sandbox'>): Record<string, string> {
  return {
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Content-Security-Policy': API_POLICY,
    // Production is reached only over https (the gateway ends TLS): browsers must not try http.
    ...(config.sandbox ? {} : { 'Strict-Transport-Security': 'max-age=31536000; includeSubDomains' }),
  };
}

/**
 * The policy of the H5 app's document: its own scripts and the inline ones index.html carries
 * (the rem-sizing script Taro writes), by hash; Taro's runtime styles inline; API calls to its
 * own origin; never framed. Read from the built file, so a rebuild needs no change here.
 */
export function documentPolicy(indexHtml: string): string {
  const hashes = [...indexHtml.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
    (m) => `'sha256-${crypto.createHash('sha256').update(m[1]!, 'utf8').digest('base64')}'`,
  );
  return [
    "default-src 'self'",
    `script-src 'self' ${hashes.join(' ')}`.trim(),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * The policy of the staff console's document: its scripts only from its own origin (the build has
 * no inline script), inline styles for Ant Design's CSS-in-JS, images of its own and the QR codes
 * it draws (data:, blob:), API calls to its own origin, never framed.
 */
export const CONSOLE_DOCUMENT_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export function securityHeaders(config: Pick<Config, 'sandbox'>, indexFile: string): Koa.Middleware {
  const headers = securityHeadersFor(config);
  let cached: { mtimeMs: number; policy: string } | undefined;
  const policyOf = (): string => {
    try {
      const { mtimeMs } = fs.statSync(indexFile);
      if (cached?.mtimeMs !== mtimeMs) cached = { mtimeMs, policy: documentPolicy(fs.readFileSync(indexFile, 'utf8')) };
      return cached.policy;
    } catch {
      return API_POLICY;
    }
  };
  return async (ctx, next) => {
    await next();
    ctx.set(headers);
    // A page of the BFF's own (a shared study's) names its policy; the H5 app's comes from its index.html.
    if (ctx.response.is('html'))
      ctx.set('Content-Security-Policy', (ctx.state as { documentPolicy?: string }).documentPolicy ?? policyOf());
    if (ctx.path.startsWith('/api/')) ctx.set('Cache-Control', ctx.response.get('Cache-Control') || 'no-store');
  };
}
