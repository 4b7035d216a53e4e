import http from 'node:http';
import https from 'node:https';

/** Connections to a hospital's systems, kept open between calls, at most so many at a time per host. */
export function hospitalAgents(maxSockets: number) {
  return {
    'http:': new http.Agent({ keepAlive: true, maxSockets }),
    'https:': new https.Agent({ keepAlive: true, maxSockets }),
  };
}
export type HospitalAgents = ReturnType<typeof hospitalAgents>;

/** The pushes' connections: a push waits for the one before it of the same order anyway. */
const pushAgents = hospitalAgents(16);

export class HospitalCallTimeout extends Error {}
export class AnswerTooLarge extends Error {}

export interface HospitalCall {
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  /** The answer is refused beyond this many bytes (default 32 MiB). */
  maxBytes?: number;
  agents?: HospitalAgents;
}

export interface HospitalAnswer {
  status: number;
  contentType: string;
  body: Buffer;
}

/**
 * One call to a hospital's system: the status, type and bytes of its answer, or a failure when the
 * whole answer takes longer than `timeoutMs`. node:http rather than fetch: a quarter of the CPU per
 * push, measured.
 */
export function callHospital(url: URL, call: HospitalCall): Promise<HospitalAnswer> {
  const client = url.protocol === 'https:' ? https : http;
  const agents = call.agents ?? pushAgents;
  const agent = agents[url.protocol as keyof typeof agents];
  if (!agent) return Promise.reject(new Error(`unsupported protocol ${url.protocol}`));
  const maxBytes = call.maxBytes ?? 32 * 1024 * 1024;
  const headers: Record<string, string | number> = { ...call.headers };
  if (call.body !== undefined) headers['content-length'] = Buffer.byteLength(call.body);
  return new Promise((resolve, reject) => {
    const req = client.request(url, { method: call.method, agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > maxBytes) req.destroy(new AnswerTooLarge(`answer larger than ${maxBytes} bytes`));
        else chunks.push(c);
      });
      res.on('end', () => {
        clearTimeout(timer);
        resolve({
          status: res.statusCode ?? 0,
          contentType: String(res.headers['content-type'] ?? ''),
          body: Buffer.concat(chunks),
        });
      });
      res.on('error', fail);
    });
    const timer = setTimeout(
      () => req.destroy(new HospitalCallTimeout(`no answer within ${call.timeoutMs} ms`)),
      call.timeoutMs,
    );
    function fail(e: Error) {
      clearTimeout(timer);
      reject(e);
    }
    req.on('error', fail);
    req.end(call.body);
  });
}

/** POSTs a JSON body and answers the status and text. */
export async function postJson(
  url: URL,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
): Promise<{ status: number; text: string }> {
  const answer = await callHospital(url, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body,
    timeoutMs,
  });
  return { status: answer.status, text: answer.body.toString('utf8') };
}
