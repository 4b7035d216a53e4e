import { z } from 'zod';

export const RecordsFaultRequest = z
  .object({
    mode: z.enum(['slow', 'fail', 'timeout', 'off']),
    delayMs: z.number().int().min(0).max(120_000).optional(),
    count: z.number().int().min(1).max(100_000).optional(),
  })
  .strict();
export type RecordsFaultRequest = z.infer<typeof RecordsFaultRequest>;

export interface RecordsFaultStatus {
  mode: RecordsFaultRequest['mode'];
  delayMs: number;
  /** How many record calls it still applies to; null: all of them until turned off. */
  remaining: number | null;
}

/** The kinds of record call the emulated HIS answers, as counted in its stats. */
export const RECORD_CALL_KINDS = [
  'patient',
  'report',
  'binary',
  'study',
  'endpoint',
  'qido',
  'metadata',
  'rendered',
  'thumbnail',
  'instance',
] as const;
export type RecordCallKind = (typeof RECORD_CALL_KINDS)[number];

const DEFAULT_DELAY_MS = 2_000;

/** The fault a test set on the records interface: slow, failing or silent for the next N calls (or all). */
export class RecordsFaults {
  private pending: RecordsFaultStatus | null = null;

  set(r: RecordsFaultRequest): RecordsFaultStatus {
    this.pending =
      r.mode === 'off' ? null : { mode: r.mode, delayMs: r.delayMs ?? DEFAULT_DELAY_MS, remaining: r.count ?? null };
    return this.status();
  }

  /** The fault of this call, if one is set (one of its `count` is used up). */
  take(): RecordsFaultStatus | null {
    const p = this.pending;
    if (!p) return null;
    const taken = { ...p };
    if (p.remaining !== null && --p.remaining <= 0) this.pending = null;
    return taken;
  }

  status(): RecordsFaultStatus {
    return this.pending ? { ...this.pending } : { mode: 'off', delayMs: 0, remaining: null };
  }
}

/** What the records interface answered: calls by kind, refused (signature) and faulted ones. */
export class RecordsStats {
  private readonly answered = Object.fromEntries(RECORD_CALL_KINDS.map((k) => [k, 0])) as Record<
    RecordCallKind,
    number
  >;
  private refused = 0;
  private faulted = 0;

  count(kind: RecordCallKind): void {
    this.answered[kind]++;
  }

  countRefused(): void {
    this.refused++;
  }

  countFaulted(): void {
    this.faulted++;
  }

  snapshot() {
    return { answered: { ...this.answered }, refused: this.refused, faulted: this.faulted };
  }
}
