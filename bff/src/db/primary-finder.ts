import mysql from 'mysql2/promise';

export type NodeState = 'writable' | 'read-only' | 'down';

/** Asks one MariaDB server whether it takes writes (`read_only` off), on a connection of its own. */
export async function probeNode(url: string, timeoutMs = 1_000): Promise<NodeState> {
  let conn: mysql.Connection | null = null;
  try {
    conn = await mysql.createConnection({ uri: url, connectTimeout: timeoutMs });
    const [rows] = await conn.query({ sql: 'SELECT @@global.read_only AS ro', timeout: timeoutMs });
    return Number((rows as { ro: number }[])[0]?.ro) === 0 ? 'writable' : 'read-only';
  } catch {
    return 'down';
  } finally {
    await conn?.end().catch(() => conn?.destroy());
  }
}

/** The driver's signs that the server is gone or no longer takes writes (not a refusal of one statement). */
const LOST = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_SERVER_SHUTDOWN',
  'ER_OPTION_PREVENTS_STATEMENT',
  'ER_CONNECTION_KILLED',
]);

export function isPrimaryLost(e: unknown): boolean {
  const err = e as { code?: string; driverError?: { code?: string }; errno?: number };
  const code = err?.driverError?.code ?? err?.code;
  // 1290: --read-only (the old primary fenced); 1927: connection killed; 2006/2013: server gone.
  return (code !== undefined && LOST.has(code)) || [1290, 1927, 2006, 2013].includes(err?.errno ?? 0);
}

export interface PrimaryFinderOptions {
  /** Every server the primary may be on: the configured primary first, then its standbys. */
  candidates: string[];
  /** Called with the server found writable when it is not the one in use. */
  switchTo(url: string): Promise<void>;
  current(): string;
  intervalMs?: number;
  /** What the search saw: `host` is the server's address without its credentials. */
  onEvent?(event: { kind: 'lost' | 'switched' | 'recovered'; host: string; ms: number }): void;
}

/**
 * Finds the primary again after a failure: when a query fails as if the server were gone, every
 * candidate is asked in turn until one takes writes, and the database moves to it. Only a server
 * that says `read_only` is off is taken, so a standby is used once it has been promoted, and a
 * fenced old primary never. One search runs at a time per process.
 */
export class PrimaryFinder {
  private searching: Promise<void> | null = null;
  private stopped = false;

  constructor(private readonly options: PrimaryFinderOptions) {}

  /** Whichever candidate takes writes now; refuses two at once (a split brain must not be joined). */
  static async writableOf(candidates: string[]): Promise<string | null> {
    const states = await Promise.all(candidates.map((c) => probeNode(c)));
    const writable = candidates.filter((_, i) => states[i] === 'writable');
    if (writable.length > 1)
      throw new Error('more than one database server takes writes: fence the old primary (read_only) first');
    return writable[0] ?? null;
  }

  suspect(): void {
    if (this.stopped) return;
    this.searching ??= this.search().finally(() => {
      this.searching = null;
    });
  }

  /** Ends a search under way (the database is closing). */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.searching;
  }

  private async search(): Promise<void> {
    const started = performance.now();
    const { candidates, intervalMs = 250 } = this.options;
    this.options.onEvent?.({ kind: 'lost', host: hostOf(this.options.current()), ms: 0 });
    while (!this.stopped) {
      const current = this.options.current();
      if ((await probeNode(current)) === 'writable') {
        this.options.onEvent?.({ kind: 'recovered', host: hostOf(current), ms: performance.now() - started });
        return;
      }
      for (const url of candidates.filter((c) => c !== current)) {
        if ((await probeNode(url)) !== 'writable') continue;
        await this.options.switchTo(url);
        this.options.onEvent?.({ kind: 'switched', host: hostOf(url), ms: performance.now() - started });
        return;
      }
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  }
}

/** host:port of a mysql:// URL, for logs (never its user or password). */
export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'unknown';
  }
}
