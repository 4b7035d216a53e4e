import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** The storm hospital's system: takes every push at once and answers a visit number (no checks: not our cost). */
export async function startHisReceiver(): Promise<{ url: string; received: () => number; close(): Promise<void> }> {
  let received = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received++;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ visitNumber: `V${String(received).padStart(8, '0')}` }));
    });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/his/events`,
    received: () => received,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/**
 * How long after the storm until each queue is empty: the outbox relayed and the hospital's
 * stream taken by its system (`pushes`), and the patients' notices sent (`notices`).
 */
export async function deliveryLag(
  pending: () => Promise<{ pushes: number; notices: number }>,
  timeoutMs = 600_000,
): Promise<{ pushesSeconds: number | null; noticesSeconds: number | null }> {
  const t = performance.now();
  const done: { pushesSeconds: number | null; noticesSeconds: number | null } = {
    pushesSeconds: null,
    noticesSeconds: null,
  };
  while (performance.now() - t < timeoutMs) {
    const p = await pending();
    const at = (performance.now() - t) / 1000;
    if (!p.pushes) done.pushesSeconds ??= at;
    if (!p.notices) done.noticesSeconds ??= at;
    if (done.pushesSeconds !== null && done.noticesSeconds !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return done;
}
