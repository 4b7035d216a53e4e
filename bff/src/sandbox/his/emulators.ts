import type { Clock } from '../../shared/clock.js';
import { json, type Reply } from '../http.js';
import { CredentialsUnavailable, HisCredentialBook } from './credentials.js';
import { HisFaultRequest } from './faults.js';
import { HospitalHis, type PushRequest } from './hospital-his.js';

export interface HisEmulatorOptions {
  clock: Clock;
  /** The BFF's base URL, where each hospital's credentials are read (known once the BFF serves). */
  bffUrl: () => string | undefined;
  /** How long a timeout fault holds a push (default 15 s). */
  holdMs?: number;
}

const EVENTS = /^\/his\/([^/]+)\/events$/;
const FAULTS = /^\/his\/([^/]+)\/sandbox\/faults$/;
const RECEIVED = /^\/his\/([^/]+)\/sandbox\/received$/;

/**
 * The emulated HIS of every hospital the sandbox platform knows, under /his/{code}/…: pushes at
 * /events, and for tests /sandbox/faults, /sandbox/received and /his/sandbox/summary. In memory.
 */
export class HisEmulators {
  private readonly book: HisCredentialBook;
  private readonly hospitals = new Map<string, HospitalHis>();

  constructor(private readonly o: HisEmulatorOptions) {
    this.book = new HisCredentialBook(o.bffUrl);
  }

  async handle(req: PushRequest, path: string, query: URLSearchParams): Promise<Reply> {
    if (path === '/his/sandbox/summary' && req.method === 'GET') return json({ hospitals: this.summary() });
    const [route, match] = (
      [
        ['events', EVENTS.exec(path)],
        ['faults', FAULTS.exec(path)],
        ['received', RECEIVED.exec(path)],
      ] as const
    ).find(([, m]) => m) ?? [null, null];
    if (!route || !match) return json({ error: 'NOT_FOUND', message: 'not found' }, 404);
    let his: HospitalHis | null;
    try {
      his = await this.hisOf(decodeURIComponent(match[1]!));
    } catch (e) {
      if (!(e instanceof CredentialsUnavailable)) throw e;
      return json({ error: 'CREDENTIALS_UNAVAILABLE', message: e.message }, 503);
    }
    if (!his) return json({ error: 'NOT_FOUND', message: 'no such hospital' }, 404);
    if (route === 'events' && req.method === 'POST')
      return his.receive(req, async () => (await this.book.refresh(his.code).catch(() => null))?.secret ?? null);
    if (route === 'faults' && req.method === 'POST') {
      let input: unknown;
      try {
        input = JSON.parse(req.body);
      } catch {
        input = null;
      }
      const parsed = HisFaultRequest.safeParse(input);
      if (!parsed.success)
        return json({ error: 'VALIDATION_FAILED', message: "{mode: 'refuse'|'timeout'|'fail', count: N}" }, 400);
      return json(his.faults.set(parsed.data));
    }
    if (route === 'received' && req.method === 'GET') {
      const limit = Math.min(Math.max(Number(query.get('limit') ?? 50) || 50, 1), 500);
      return json({ items: his.inbox.latest(limit) });
    }
    return json({ error: 'METHOD_NOT_ALLOWED', message: 'method not allowed' }, 405);
  }

  private async hisOf(code: string): Promise<HospitalHis | null> {
    const known = this.hospitals.get(code);
    if (known) return known;
    const credentials = await this.book.get(code);
    if (!credentials) return null;
    // Two first pushes may race to learn the same hospital: keep the first.
    const his = this.hospitals.get(code) ?? new HospitalHis(code, credentials.secret, this.o.clock, this.o.holdMs);
    this.hospitals.set(code, his);
    return his;
  }

  private summary() {
    return [...this.hospitals.values()].map((his) => ({
      code: his.code,
      received: his.inbox.counts(),
      pendingFault: his.faults.status(),
    }));
  }
}
