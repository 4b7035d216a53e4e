import { EntitySchema } from 'typeorm';
import { col } from '../columns.js';

export interface AnnouncementRow {
  id: string;
  hospitalId: string | null;
  title: string;
  body: string;
  publishedAt: number;
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
    publishedAt: { ...col.instant(), name: 'published_at' },
    demo: col.bool(),
  },
});

export interface HelpArticleRow {
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
