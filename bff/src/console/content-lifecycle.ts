import { CONTENT_STATUS_LABELS, type ContentStatus } from '@cityhealth/shared-types';
import type { EntityManager } from 'typeorm';
import type { AuditLog } from '../audit/audit-log.js';
import type { Staff } from './staff.js';
import type { Database } from '../db/database.js';
import { execute, placeholders } from '../db/sql/execute.js';
import { AppError } from '../shared/errors.js';
import { iso, isoOrNull } from '../shared/time.js';

/** The lifecycle columns of a content row as SQL answers them. */
export interface LifecycleRow {
  status: ContentStatus;
  created_at: unknown;
  created_by: string | null;
  updated_at: unknown;
  updated_by: string | null;
  published_at: unknown;
  published_by: string | null;
  withdrawn_at: unknown;
  withdrawn_by: string | null;
}

export const LIFECYCLE_COLUMNS =
  'status, created_at, created_by, updated_at, updated_by, published_at, published_by, withdrawn_at, withdrawn_by';

type StaffNames = Map<string, string>;

/** The names of the staff members who touched these rows, in one query. */
export async function staffNames(db: Database, rows: LifecycleRow[]): Promise<StaffNames> {
  const ids = [
    ...new Set(
      rows.flatMap((r) => [r.created_by, r.updated_by, r.published_by, r.withdrawn_by]).filter((id) => id !== null),
    ),
  ] as string[];
  if (!ids.length) return new Map();
  const found = await db.query<{ id: string; name: string }>(
    `SELECT id, name FROM staff_account WHERE id IN (${placeholders(ids.length)})`,
    ids,
  );
  return new Map(found.map((s) => [s.id, s.name]));
}

const at = (v: unknown) => (v === null || v === undefined ? null : Number(v));

export function lifecycleView(r: LifecycleRow, names: StaffNames) {
  const who = (id: string | null) => (id === null ? null : { id, name: names.get(id) ?? '（已删除的账号）' });
  return {
    status: r.status,
    statusLabel: CONTENT_STATUS_LABELS[r.status],
    createdAt: iso(Number(r.created_at)),
    createdBy: who(r.created_by),
    updatedAt: iso(Number(r.updated_at)),
    updatedBy: who(r.updated_by),
    publishedAt: isoOrNull(at(r.published_at)),
    publishedBy: who(r.published_by),
    withdrawnAt: isoOrNull(at(r.withdrawn_at)),
    withdrawnBy: who(r.withdrawn_by),
  };
}

/** The lifecycle columns of a row just written as a draft by `staff`. */
export function draftLifecycle(staff: Staff, now: number) {
  return {
    status: 'draft' as const,
    publishedAt: null,
    publishedBy: null,
    createdAt: now,
    createdBy: staff.id,
    updatedAt: now,
    updatedBy: staff.id,
    withdrawnAt: null,
    withdrawnBy: null,
  };
}

/** The fields an edit changes (those it names), for its audit entry. */
export const editedFields = (edit: object): string[] =>
  Object.entries(edit)
    .filter(([, v]) => v !== undefined)
    .map(([k]) => k);

/** What the audit trail calls each kind of content (`content.<kind>.<change>`, and its target type). */
const AUDITED = { announcement: 'announcement', help: 'help_article' } as const;

/** One change of a content row, in the audit trail, inside the change's transaction. */
export function recordContentChange(
  audit: AuditLog,
  tx: EntityManager,
  change: { kind: keyof typeof AUDITED; what: string; id: string; staff: Staff; ip: string },
  detail: Record<string, unknown>,
): Promise<void> {
  return audit.record(
    {
      actorType: 'staff',
      actorId: change.staff.id,
      action: `content.${change.kind}.${change.what}`,
      targetType: AUDITED[change.kind],
      targetId: change.id,
      ip: change.ip,
      detail,
    },
    tx,
  );
}

export type Transition = 'publish' | 'withdraw';

/**
 * Publishes or withdraws a row of `table` inside `tx`: false when it had that status already (a
 * repeated call changes nothing); CONTENT_STATE_CONFLICT for a draft withdrawn.
 */
export async function applyTransition(
  tx: EntityManager,
  table: 'announcement' | 'help_article',
  id: string,
  status: ContentStatus,
  transition: Transition,
  staff: Staff,
  now: number,
): Promise<boolean> {
  if (transition === 'publish') {
    if (status === 'published') return false;
    await execute(
      tx,
      `UPDATE ${table} SET status = 'published', published_at = ?, published_by = ?, withdrawn_at = NULL,
        withdrawn_by = NULL, updated_at = ?, updated_by = ? WHERE id = ?`,
      [now, staff.id, now, staff.id, id],
    );
    return true;
  }
  if (status === 'withdrawn') return false;
  if (status === 'draft') throw new AppError('CONTENT_STATE_CONFLICT', '草稿尚未发布，无需撤下');
  await execute(
    tx,
    `UPDATE ${table} SET status = 'withdrawn', withdrawn_at = ?, withdrawn_by = ?, updated_at = ?, updated_by = ?
      WHERE id = ?`,
    [now, staff.id, now, staff.id, id],
  );
  return true;
}
