import type { Clock } from '../../shared/clock.js';
import { json, type Reply } from '../http.js';
import { CredentialsUnavailable, HisCredentialBook } from './credentials.js';
import { HisFaultRequest } from './faults.js';
import { HospitalHis, type PushRequest } from './hospital-his.js';
import { answerDicomweb } from './records/dicomweb-api.js';
import { DicomFiles } from './records/dicom-files.js';
import { answerFhir } from './records/fhir-api.js';
import { HospitalRecords } from './records/hospital-records.js';
import { RecordsFaultRequest } from './records/records-faults.js';
import { ReportPdfs } from './records/report-pdf.js';

export interface HisEmulatorOptions {
  clock: Clock;
  /** The BFF's base URL, where each hospital's credentials are read (known once the BFF serves). */
  bffUrl: () => string | undefined;
  /** How long a timeout fault holds a push or a records call (default 15 s). */
  holdMs?: number;
}

const DEFAULT_HOLD_MS = 15_000;

const EVENTS = /^\/his\/([^/]+)\/events$/;
const FAULTS = /^\/his\/([^/]+)\/sandbox\/faults$/;
const RECEIVED = /^\/his\/([^/]+)\/sandbox\/received$/;
const FHIR = /^\/his\/([^/]+)\/fhir(\/.*)?$/;
const DICOMWEB = /^\/his\/([^/]+)\/dicomweb(\/.*)?$/;
const RECORDS_FAULTS = /^\/his\/([^/]+)\/sandbox\/records\/faults$/;
const RECORDS_STATS = /^\/his\/([^/]+)\/sandbox\/records\/stats$/;

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/**
 * The emulated HIS of every hospital the sandbox platform knows, under /his/{code}/…: pushes at
 * /events, its records at /fhir (FHIR R4) and /dicomweb (QIDO-RS, WADO-RS), and for tests
 * /sandbox/faults, /sandbox/received, /sandbox/records/faults, /sandbox/records/stats and
 * /his/sandbox/summary. In memory; the generated files in caches bounded by size.
 */
export class HisEmulators {
  private readonly book: HisCredentialBook;
  private readonly hospitals = new Map<string, HospitalHis>();
  private readonly records = new Map<string, HospitalRecords>();
  private readonly files = new DicomFiles();
  private readonly pdfs = new ReportPdfs();

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
        ['fhir', FHIR.exec(path)],
        ['dicomweb', DICOMWEB.exec(path)],
        ['records-faults', RECORDS_FAULTS.exec(path)],
        ['records-stats', RECORDS_STATS.exec(path)],
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
    if (route === 'events' && req.method === 'POST') return his.receive(req, this.renewSecret(his.code));
    if (route === 'fhir' || route === 'dicomweb') {
      const records = this.recordsOf(his);
      const sub = match[2] ?? '';
      const base = `http://${req.headers.host ?? '127.0.0.1'}/his/${encodeURIComponent(his.code)}/${route}`;
      const call = { records, req, path: sub, query, base };
      return records.serve(route, req, () => (route === 'fhir' ? answerFhir(call) : answerDicomweb(call)));
    }
    if (route === 'records-faults' && req.method === 'POST') {
      const parsed = RecordsFaultRequest.safeParse(parseJson(req.body));
      if (!parsed.success)
        return json(
          { error: 'VALIDATION_FAILED', message: "{mode: 'slow'|'fail'|'timeout'|'off', delayMs?: N, count?: N}" },
          400,
        );
      return json(this.recordsOf(his).faults.set(parsed.data));
    }
    if (route === 'records-stats' && req.method === 'GET') {
      const records = this.recordsOf(his);
      return json({ ...records.stats.snapshot(), fault: records.faults.status() });
    }
    if (route === 'faults' && req.method === 'POST') {
      const parsed = HisFaultRequest.safeParse(parseJson(req.body));
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

  /** Asks the platform for a hospital's secret again after a mismatch (null: nothing newer). */
  private renewSecret(code: string): () => Promise<string | null> {
    return async () => (await this.book.refresh(code).catch(() => null))?.secret ?? null;
  }

  private recordsOf(his: HospitalHis): HospitalRecords {
    let records = this.records.get(his.code);
    if (!records) {
      records = new HospitalRecords(his, {
        clock: this.o.clock,
        bffUrl: this.o.bffUrl,
        renewSecret: this.renewSecret(his.code),
        files: this.files,
        pdfs: this.pdfs,
        holdMs: this.o.holdMs ?? DEFAULT_HOLD_MS,
      });
      this.records.set(his.code, records);
    }
    return records;
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
