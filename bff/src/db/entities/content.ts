import { EntitySchema } from 'typeorm';
import type { ContentStatus } from '@cityhealth/shared-types';
import { col } from '../columns.js';

/** Who wrote, changed, published and withdrew a piece of content (staff ids), and when. */
export interface ContentLifecycle {
  status: ContentStatus;
  /** Only while published are patients shown it (an announcement also once published_at has come). */
  publishedAt: number | null;
  publishedBy: string | null;
  createdAt: number;
  createdBy: string | null;
  updatedAt: number;
  updatedBy: string | null;
  withdrawnAt: number | null;
  withdrawnBy: string | null;
}

/** Content published at `at` by nobody in particular (the demo seed, content from before the console). */
export const publishedContent = (at: number): ContentLifecycle => ({
  status: 'published',
  publishedAt: at,
  publishedBy: null,
  createdAt: at,
  createdBy: null,
  updatedAt: at,
  updatedBy: null,
  withdrawnAt: null,
  withdrawnBy: null,
});

const lifecycleColumns = {
  status: col.str(12),
  publishedAt: { ...col.instant(true), name: 'published_at' },
  publishedBy: { ...col.str(36, true), name: 'published_by' },
  createdAt: { ...col.instant(), name: 'created_at' },
  createdBy: { ...col.str(36, true), name: 'created_by' },
  updatedAt: { ...col.instant(), name: 'updated_at' },
  updatedBy: { ...col.str(36, true), name: 'updated_by' },
  withdrawnAt: { ...col.instant(true), name: 'withdrawn_at' },
  withdrawnBy: { ...col.str(36, true), name: 'withdrawn_by' },
};

export interface AnnouncementRow extends ContentLifecycle {
  id: string;
  hospitalId: string | null;
  title: string;
  body: string;
  demo: boolean;
}

export const Announcement = new EntitySchema<AnnouncementRow>({
  name: 'Announcement',
  tableName: 'announcement',
  columns: {
    id: col.id(),
    hospitalId: { ...col.ref(true), name: 'hospital_id' },
    title: col.str(200),
    body: col.text(),
    demo: col.bool(),
    ...lifecycleColumns,
  },
});

export interface HelpArticleRow extends ContentLifecycle {
  id: string;
  category: string;
  question: string;
  answer: string;
  sort: number;
}

export const HelpArticle = new EntitySchema<HelpArticleRow>({
  name: 'HelpArticle',
  tableName: 'help_article',
  columns: {
    id: col.id(),
    category: col.str(40),
    question: col.str(200),
    answer: col.text(),
    sort: col.int(),
    ...lifecycleColumns,
  },
});

export interface AuditEventRow {
  id: string;
  at: number;
  actorType: string;
  actorId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  detail: string | null;
}

/** The security audit trail (等保三级): logins, real-name checks, bookings, cancellations, admin acts. */
export const AuditEvent = new EntitySchema<AuditEventRow>({
  name: 'AuditEvent',
  tableName: 'audit_event',
  columns: {
    id: col.id(),
    at: col.instant(),
    actorType: { ...col.str(16), name: 'actor_type' },
    actorId: { ...col.str(64, true), name: 'actor_id' },
    action: col.str(40),
    targetType: { ...col.str(20, true), name: 'target_type' },
    targetId: { ...col.str(64, true), name: 'target_id' },
    ip: col.str(64, true),
    detail: col.str(1000, true),
  },
});
