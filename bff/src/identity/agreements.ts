import { AGREEMENT_KINDS, type AcceptedAgreements, type Agreement, type AgreementKind } from '@cityhealth/shared-types';
import type { EntityManager } from 'typeorm';
import type { Database } from '../db/database.js';
import { AgreementAcceptance, AgreementVersion } from '../db/entities/index.js';
import { insertRows } from '../db/sql/table.js';
import type { Clock } from '../shared/clock.js';
import { AppError } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import { iso } from '../shared/time.js';

type Query = (sql: string, params: unknown[]) => Promise<unknown>;

interface VersionRow {
  kind: AgreementKind;
  version: string;
  title: string;
  body: string;
  published_at: number | string;
}

/** The version of each agreement in force at `now`: the newest published by then. */
async function inForce(query: Query, now: number): Promise<VersionRow[]> {
  const rows = (await query(
    `SELECT kind, version, title, body, published_at FROM agreement_version WHERE published_at <= ?
      ORDER BY published_at DESC, created_at DESC`,
    [now],
  )) as VersionRow[];
  return AGREEMENT_KINDS.flatMap((k) => rows.find((r) => r.kind === k) ?? []);
}

/** The agreements whose version in force the account has not accepted. */
export async function pendingAgreements(query: Query, accountId: string, now: number): Promise<AgreementKind[]> {
  const current = await inForce(query, now);
  const accepted = (await query('SELECT kind, version FROM agreement_acceptance WHERE account_id = ?', [
    accountId,
  ])) as { kind: string; version: string }[];
  return current.filter((c) => !accepted.some((a) => a.kind === c.kind && a.version === c.version)).map((c) => c.kind);
}

/**
 * 用户协议 and 隐私政策: the versions in force, each account's acceptances (which version, when), and
 * publishing a new version (stored, so no deploy: the next login or app start asks every account again).
 */
export class Agreements {
  constructor(private readonly d: { db: Database; clock: Clock }) {}

  async current(): Promise<Agreement[]> {
    return (await inForce(this.d.db.query.bind(this.d.db), this.d.clock.now())).map((r) => ({
      kind: r.kind,
      version: r.version,
      title: r.title,
      body: r.body,
      publishedAt: iso(Number(r.published_at)),
    }));
  }

  /**
   * Records that the account accepted these versions; AGREEMENT_VERSION_OUTDATED when one is not the
   * version in force (the patient read an older text), and nothing is recorded then.
   */
  async accept(tx: EntityManager, accountId: string, accepted: AcceptedAgreements): Promise<void> {
    const now = this.d.clock.now();
    const query: Query = (sql, params) => tx.query(sql, params);
    const current = await inForce(query, now);
    if (current.some((c) => accepted[c.kind] !== c.version)) throw new AppError('AGREEMENT_VERSION_OUTDATED');
    const pending = new Set(await pendingAgreements(query, accountId, now));
    const rows = current
      .filter((c) => pending.has(c.kind))
      .map((c) => ({ id: newId(), accountId, kind: c.kind, version: c.version, acceptedAt: now }));
    if (rows.length) await insertRows(tx, AgreementAcceptance, rows);
  }

  /** A new version of one agreement, in force from `publishedAt` (now by default). */
  async publish(a: { kind: AgreementKind; version: string; title: string; body: string; publishedAt?: number }) {
    const now = this.d.clock.now();
    await this.d.db.write((tx) =>
      insertRows(tx, AgreementVersion, [
        {
          id: newId(),
          kind: a.kind,
          version: a.version,
          title: a.title,
          body: a.body,
          publishedAt: a.publishedAt ?? now,
          createdAt: now,
        },
      ]),
    );
  }
}
