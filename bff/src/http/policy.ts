import Bourne from '@hapi/bourne';
import { AppError } from '../shared/errors.js';

/**
 * The HTTP policy both the Koa app and the fast paths follow, stated once: how big and what kind
 * of JSON a request body may be. (Whose X-Forwarded-For is believed is `client-address.ts`.)
 */

/** Bytes of JSON a request body may carry (64 KiB). */
export const JSON_BODY_LIMIT = 64 * 1024;

/** A hospital's call may carry more: a fortnight of sessions with their slot times in one batch (16 MiB). */
export const HOSPITAL_BODY_LIMIT = 16 * 1024 * 1024;

/** The Content-Type of a JSON body: application/json, in UTF-8 when a charset is named. */
export const JSON_TYPE = /^application\/json\s*(;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;

/** What the JSON body parser accepts in strict mode: an object or an array. */
const STRICT_JSON = /^[ \t\n\r]*(\[|\{)/;

/** Options of Koa's body parser that say the same as `readStrictJson`. */
export const BODY_PARSER_OPTIONS: { enableTypes: 'json'[]; jsonLimit: number; jsonStrict: boolean } = {
  enableTypes: ['json'],
  jsonLimit: JSON_BODY_LIMIT,
  jsonStrict: true,
};

/**
 * The JSON body parser's rules for a body read by hand: empty is `{}`, only an object or array, no `__proto__` keys.
 */
export function readStrictJson(text: string): unknown {
  if (!text) return {};
  try {
    if (!STRICT_JSON.test(text)) throw new SyntaxError('invalid JSON, only supports object and array');
    return Bourne.parse(text, { protoAction: 'error' });
  } catch {
    throw new AppError('INVALID_JSON');
  }
}
