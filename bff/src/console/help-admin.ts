import type { ConsoleHelpArticle, ContentStatus, HelpArticleDraft, HelpArticleEdit } from '@cityhealth/shared-types';
import type { EntityManager } from 'typeorm';
import type { AuditLog } from '../audit/audit-log.js';
import type { ContentService } from '../core/content/content-service.js';
import type { Database } from '../db/database.js';
import { HelpArticle } from '../db/entities/index.js';
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
import type { Staff } from './staff.js';

interface HelpRow extends LifecycleRow {
  id: string;
  category: string;
  question: string;
  answer: string;
  sort: unknown;
}

const SELECT = `SELECT id, category, question, answer, sort, ${LIFECYCLE_COLUMNS} FROM help_article`;

/**
 * The help centre in the console (administrators): drafts, publishing, withdrawing, edits,
 * audited (content.help.*).
 */
export class HelpAdmin {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditLog,
    private readonly content: ContentService,
    private readonly clock: Clock,
  ) {}

  async list(status?: ContentStatus): Promise<ConsoleHelpArticle[]> {
    const rows = await this.db.query<HelpRow>(
      `${SELECT}${status ? ' WHERE status = ?' : ''} ORDER BY sort, id`,
      status ? [status] : [],
    );
    return this.views(rows);
  }

  async create(staff: Staff, draft: HelpArticleDraft, ip: string): Promise<ConsoleHelpArticle> {
    const now = this.clock.now();
    const id = newId();
    await this.db.write(async (tx) => {
      await insertRows(tx, HelpArticle, [
        {
          id,
          ...draft,
          ...draftLifecycle(staff, now),
        },
      ]);
      await recordContentChange(
        this.audit,
        tx,
        { kind: 'help', what: 'create', id, staff, ip },
        { category: draft.category, question: draft.question },
      );
    });
    return this.get(id);
  }

  async edit(staff: Staff, id: string, edit: HelpArticleEdit, ip: string): Promise<ConsoleHelpArticle> {
    await this.db.write(async (tx) => {
      const row = await this.load(tx, id, true);
      await execute(
        tx,
        `UPDATE help_article SET category = ?, question = ?, answer = ?, sort = ?, updated_at = ?, updated_by = ?
          WHERE id = ?`,
        [
          edit.category ?? row.category,
          edit.question ?? row.question,
          edit.answer ?? row.answer,
          edit.sort ?? Number(row.sort),
          this.clock.now(),
          staff.id,
          id,
        ],
      );
      await recordContentChange(
        this.audit,
        tx,
        { kind: 'help', what: 'edit', id, staff, ip },
        {
          fields: editedFields(edit),
          status: row.status,
        },
      );
    });
    this.content.invalidate();
    return this.get(id);
  }

  async transition(staff: Staff, id: string, transition: Transition, ip: string): Promise<ConsoleHelpArticle> {
    await this.db.write(async (tx) => {
      const row = await this.load(tx, id, true);
      if (await applyTransition(tx, 'help_article', id, row.status, transition, staff, this.clock.now()))
        await recordContentChange(this.audit, tx, { kind: 'help', what: transition, id, staff, ip }, {});
    });
    this.content.invalidate();
    return this.get(id);
  }

  private async get(id: string): Promise<ConsoleHelpArticle> {
    return (await this.views([await this.load(this.db, id)]))[0]!;
  }

  private async load(q: Database | EntityManager, id: string, lock = false): Promise<HelpRow> {
    const [row] = (await q.query(`${SELECT} WHERE id = ?${lock ? forUpdate(this.db.dialect) : ''}`, [id])) as HelpRow[];
    if (!row) throw new AppError('CONTENT_NOT_FOUND', '帮助文章不存在');
    return row;
  }

  private async views(rows: HelpRow[]): Promise<ConsoleHelpArticle[]> {
    const names = await staffNames(this.db, rows);
    return rows.map((r) => ({
      id: r.id,
      category: r.category,
      question: r.question,
      answer: r.answer,
      sort: Number(r.sort),
      ...lifecycleView(r, names),
    }));
  }
}
