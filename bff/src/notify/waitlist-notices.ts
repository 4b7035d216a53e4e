import { ERRORS, type ErrorCode } from '@cityhealth/shared-types';
import type { EntityManager } from 'typeorm';
import { placeholders } from '../db/sql/execute.js';
import type { NoticeSettings } from './notice-settings.js';
import { queueNotices, type NoticeCause } from './notice-queue.js';

interface EndedRow {
  group_id: string;
  account_id: string;
  patient_id: string;
  hospital: string;
  department: string;
  doctor: string | null;
  starts_at: unknown;
  end_reason: string | null;
  refusal_code: string | null;
}

/**
 * Queues the notice of waitlists that ended unserved (one per waitlist, told of its first
 * session), in the caller's transaction. The notice stands where an order's would: its id is
 * the waitlist's, and it opens the waitlist list.
 */
export async function queueWaitlistEnded(
  tx: EntityManager,
  settings: NoticeSettings,
  groupIds: string[],
  now: number,
): Promise<number> {
  if (!groupIds.length) return 0;
  const rows = (await tx.query(
    `SELECT w.group_id, w.account_id, w.patient_id, h.name AS hospital, d.name AS department, dr.name AS doctor,
      s.starts_at, w.end_reason, w.refusal_code
    FROM waitlist_entry w
    JOIN schedule s ON s.id = w.schedule_id
    JOIN hospital h ON h.id = w.hospital_id
    JOIN department d ON d.id = w.department_id
    LEFT JOIN doctor dr ON dr.id = s.doctor_id
    WHERE w.group_id IN (${placeholders(groupIds.length)}) ORDER BY s.starts_at`,
    groupIds,
  )) as EndedRow[];
  const first = new Map<string, EndedRow>();
  for (const r of rows) if (!first.has(r.group_id)) first.set(r.group_id, r);
  const causes: NoticeCause[] = [...first.values()].map((r) => ({
    source: `waitlist-ended:${r.group_id}`,
    kind: 'waitlist-ended',
    order: {
      id: r.group_id,
      accountId: r.account_id,
      patientId: r.patient_id,
      status: 'cancelled',
      hospital: r.hospital,
      department: r.department,
      doctor: r.doctor,
      startsAt: Number(r.starts_at),
      payDeadline: null,
      feeFen: 0,
    },
    reason: whyEnded(r),
  }));
  return queueNotices(tx, settings, causes, now);
}

function whyEnded(r: EndedRow): string {
  if (r.end_reason === 'refused' && r.refusal_code)
    return ERRORS[r.refusal_code as ErrorCode]?.message ?? '不符合预约规则';
  return '候补已截止';
}
