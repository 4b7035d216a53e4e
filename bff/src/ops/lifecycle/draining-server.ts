import http from 'node:http';

export interface DrainOptions {
  drainMs: number;
  timeoutMs: number;
}

/**
 * An HTTP server that leaves without failing a request. Told to drain, it keeps accepting and
 * answering for `drainMs`, but every answer closes its connection (`Connection: close`), so a
 * keep-alive client opens its next request on another worker instead of meeting a socket closed
 * under it. Then it stops listening (`server.close` also closes the connections idle since the
 * drain began) and waits for the answers still running, cutting what is left after `timeoutMs`.
 * The drain lasts its whole time even with no connection open: a load balancer still sends new
 * ones for a moment after the signal, and they are answered.
 */
export class DrainingServer {
  private draining = false;
  readonly server: http.Server;

  constructor(
    handler: http.RequestListener,
    private readonly options: DrainOptions,
  ) {
    this.server = http.createServer((req, res) => {
      if (this.draining) res.setHeader('Connection', 'close');
      handler(req, res);
    });
  }

  async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    await new Promise((r) => setTimeout(r, this.options.drainMs));
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeIdleConnections();
    const cut = setTimeout(() => this.server.closeAllConnections(), this.options.timeoutMs);
    await closed;
    clearTimeout(cut);
  }
}
