import type { IncomingMessage, ServerResponse } from 'node:http';

export const BODY_LIMIT = 64 * 1024;

export class BodyTooLarge extends Error {}

export async function readBody(req: IncomingMessage, limit = BODY_LIMIT): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new BodyTooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** An emulator's answer: the exact body text (signatures cover bytes, so callers build it). */
export interface Reply {
  status: number;
  body: string | Uint8Array;
  type?: string;
  headers?: Record<string, string>;
}

export const json = (value: unknown, status = 200): Reply => ({ status, body: JSON.stringify(value) });

export function send(res: ServerResponse, reply: Reply): void {
  res.writeHead(reply.status, {
    ...reply.headers,
    'content-type': reply.type ?? 'application/json;charset=utf-8',
    'content-length': typeof reply.body === 'string' ? Buffer.byteLength(reply.body) : reply.body.byteLength,
  });
  res.end(reply.body);
}

/** Query string plus, for form posts, the form body: how gateways read their parameters. */
export function requestParams(url: URL, req: IncomingMessage, body: string): Map<string, string> {
  const params = new Map<string, string>(url.searchParams);
  const type = String(req.headers['content-type'] ?? '');
  if (body && (type.startsWith('application/x-www-form-urlencoded') || type === '')) {
    for (const [k, v] of new URLSearchParams(body)) params.set(k, v);
  }
  return params;
}

export const requestId = (): string => crypto.randomUUID().toUpperCase();
