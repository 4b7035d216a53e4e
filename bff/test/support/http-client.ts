import http from 'node:http';

/** Serves a test app on a real loopback port, for tests that fire many requests at once. */
export async function listen(handler: http.RequestListener): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

export interface JsonResponse {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: a test reads whatever fields the answer it expects has
  body: any;
}

export async function postJson(url: string, body: unknown, headers: Record<string, string>): Promise<JsonResponse> {
  const r = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: r.status, body: await r.json() };
}
