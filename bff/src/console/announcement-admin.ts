import type {
  AnnouncementDraft,
  AnnouncementEdit,
  ConsoleAnnouncement,
  ContentStatus,
  Page,
} from '@cityhealth/shared-types';
import type { EntityManager } from 'typeorm';
import type { AuditLog } from '../audit/audit-log.js';
import type { ContentService } from '../core/content/content-service.js';
import type { Database } from '../db/database.js';
import { Announcement } from '../db/entities/index.js';
import { execute, forUpdate } from '../db/sql/execute.js';
import { insertRows } from '../db/sql/table.js';
import type { Clock } from '../shared/clock.js';
import { AppError } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import {
  applyTransition,
  draftLifecycle,
  editedFields,
  LIFECYCLE_COLUMNS,
  type LifecycleRow,
  lifecycleView,
  recordContentChange,
  staffNames,
  type Transition,
} from './content-lifecycle.js';
import { type Staff, StaffService } from './staff.js';

/** The query's name for the platform-wide announcements (hospital ids are never this word). */
export const PLATFORM = 'platform';

interface AnnouncementRow extends LifecycleRow {
  id: string;
  hospital_id: string | null;
  hospital_name: string | null;
  title: string;
  body: string;
}

const SELECT = `SELECT a.id, a.hospital_id, h.name AS hospital_name, a.title, a.body, ${LIFECYCLE_COLUMNS.split(', ')
  .map((c) => `a.${c}`)
  .join(', ')} FROM announcement a LEFT JOIN hospital h ON h.id = a.hospital_id`;

/**
 * Announcements in the console: written as drafts, published, withdrawn, edited, every change
 * audited (content.announcement.*). Administrators manage all; a hospital's scheduler only their
 * own hospital's (never the platform-wide ones).
 */
export class AnnouncementAdmin {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditLog,
    private readonly content: ContentService,
    private readonly clock: Clock,
  ) {}

  async list(
    staff: Staff,
    q: { hospitalId?: string; status?: ContentStatus; page: number; pageSize: number },
  ): Promise<Page<ConsoleAnnouncement>> {
    const hospitalId = StaffService.scope(staff, q.hospitalId);
    const where: string[] = [];
    const params: unknown[] = [];
    if (hospitalId === PLATFORM) where.push('a.hospital_id IS NULL');
    else if (hospitalId) {
      where.push('a.hospital_id = ?');
      params.push(hospitalId);
    }
    if (q.status) {
      where.push('a.status = ?');
      params.push(q.status);
    }
    const clause = where.length ? ` WHERE ${where.join(' AND ')}` : '';
    const [count] = await this.db.query<{ n: unknown }>(`SELECT COUNT(*) AS n FROM announcement a${clause}`, params);
    const rows = await this.db.query<AnnouncementRow>(
      `${SELECT}${clause} ORDER BY a.updated_at DESC, a.id DESC
        LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
      params,
    );
    return { items: await this.views(rows), page: q.page, pageSize: q.pageSize, total: Number(count?.n ?? 0) };
  }

  async get(staff: Staff, id: string): Promise<ConsoleAnnouncement> {
    const row = await this.load(this.db, id);
    this.mayManage(staff, row.hospital_id);
    return (await this.views([row]))[0]!;
  }

  async create(staff: Staff, draft: AnnouncementDraft, ip: string): Promise<ConsoleAnnouncement> {
    this.mayManage(staff, draft.hospitalId);
    if (draft.hospitalId !== null) {
      const [h] = await this.db.query('SELECT id FROM hospital WHERE id = ?', [draft.hospitalId]);
      if (!h) throw new AppError('HOSPITAL_NOT_FOUND');
    }
    const now = this.clock.now();
    const id = newId();
    await this.db.write(async (tx) => {
      await insertRows(tx, Announcement, [
        {
          id,
          hospitalId: draft.hospitalId,
          title: draft.title,
          body: draft.body,
          demo: false,
          ...draftLifecycle(staff, now),
        },
      ]);
      await recordContentChange(
        this.audit,
        tx,
        { kind: 'announcement', what: 'create', id, staff, ip },
        { hospitalId: draft.hospitalId ?? PLATFORM, title: draft.title },
      );
    });
    return this.get(staff, id);
  }

  async edit(staff: Staff, id: string, edit: AnnouncementEdit, ip: string): Promise<ConsoleAnnouncement> {
    await this.db.write(async (tx) => {
      const row = await this.load(tx, id, true);
      this.mayManage(staff, row.hospital_id);
      const now = this.clock.now();
      await execute(tx, 'UPDATE announcement SET title = ?, body = ?, updated_at = ?, updated_by = ? WHERE id = ?', [
        edit.title ?? row.title,
        edit.body ?? row.body,
        now,
        staff.id,
        id,
      ]);
      await recordContentChange(
        this.audit,
        tx,
        { kind: 'announcement', what: 'edit', id, staff, ip },
        {
          fields: editedFields(edit),
          status: row.status,
        },
      );
    });
    this.content.invalidate();
    return this.get(staff, id);
  }

  async transition(staff: Staff, id: string, transition: Transition, ip: string): Promise<ConsoleAnnouncement> {
    await this.db.write(async (tx) => {
      const row = await this.load(tx, id, true);
      this.mayManage(staff, row.hospital_id);
      if (await applyTransition(tx, 'announcement', id, row.status, transition, staff, this.clock.now()))
        await recordContentChange(
          this.audit,
          tx,
          { kind: 'announcement', what: transition, id, staff, ip },
          { hospitalId: row.hospital_id ?? PLATFORM },
        );
    });
    this.content.invalidate();
    return this.get(staff, id);
  }

  /** A scheduler manages only their own hospital's announcements. */
  private mayManage(staff: Staff, hospitalId: string | null): void {
    StaffService.scope(staff, hospitalId ?? PLATFORM);
  }

  private async load(q: Database | EntityManager, id: string, lock = false): Promise<AnnouncementRow> {
    const sql = `${SELECT} WHERE a.id = ?${lock ? forUpdate(this.db.dialect) : ''}`;
    const [row] = (await q.query(sql, [id])) as AnnouncementRow[];
    if (!row) throw new AppError('CONTENT_NOT_FOUND', '公告不存在');
    return row;
  }

  private async views(rows: AnnouncementRow[]): Promise<ConsoleAnnouncement[]> {
    const names = await staffNames(this.db, rows);
    return rows.map((r) => ({
      id: r.id,
      hospital: r.hospital_id === null ? null : { id: r.hospital_id, name: r.hospital_name ?? '' },
      title: r.title,
      body: r.body,
      ...lifecycleView(r, names),
    }));
  }
}
