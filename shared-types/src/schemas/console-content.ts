import { z } from 'zod';
import { CONTENT_STATUSES } from '../labels.js';
import { Id, Instant, PageQuery, paged } from './common.js';

export const ContentStatus = z.enum(CONTENT_STATUSES).meta({
  id: 'ContentStatus',
  description: 'draft 草稿 (patients never see it) | published 已发布 | withdrawn 已撤下',
});

const StaffRef = z.object({ id: Id, name: z.string() }).nullable();

/** Who made, changed, published and withdrew a piece of content, and when. */
const Lifecycle = {
  status: ContentStatus,
  statusLabel: z.string(),
  createdAt: Instant,
  createdBy: StaffRef,
  updatedAt: Instant,
  updatedBy: StaffRef,
  publishedAt: Instant.nullable(),
  publishedBy: StaffRef,
  withdrawnAt: Instant.nullable(),
  withdrawnBy: StaffRef,
};

const text = (what: string, max: number) =>
  z.string().trim().min(1, `请输入${what}`).max(max, `${what}最多 ${max} 个字`);

const AnnouncementTitle = text('公告标题', 100);
const AnnouncementBody = text('公告正文', 5000);

export const ConsoleAnnouncement = z
  .object({
    id: Id,
    /** null: a platform-wide announcement. */
    hospital: z.object({ id: Id, name: z.string() }).nullable(),
    title: z.string(),
    body: z.string(),
    ...Lifecycle,
  })
  .meta({ id: 'ConsoleAnnouncement' });

export const ConsoleAnnouncementQuery = PageQuery.extend({
  /** One hospital's announcements, or `platform` for the platform-wide ones; every one by default. */
  hospitalId: Id.optional(),
  status: ContentStatus.optional(),
});
export const ConsoleAnnouncementPage = paged(ConsoleAnnouncement).meta({ id: 'ConsoleAnnouncementPage' });

export const AnnouncementDraft = z
  .object({
    /** null or absent: platform-wide (administrators only); a scheduler names their own hospital. */
    hospitalId: Id.nullable().default(null),
    title: AnnouncementTitle,
    body: AnnouncementBody,
  })
  .strict()
  .meta({ id: 'AnnouncementDraft' });

export const AnnouncementEdit = z
  .object({ title: AnnouncementTitle.optional(), body: AnnouncementBody.optional() })
  .strict()
  .refine((v) => v.title !== undefined || v.body !== undefined, { message: '请修改标题或正文' })
  .meta({ id: 'AnnouncementEdit' });

const HelpCategory = text('分类', 40);
const HelpQuestion = text('问题', 200);
const HelpAnswer = text('回答', 5000);
const HelpSort = z.number().int('排序须为整数').min(0, '排序不能小于 0').max(100_000, '排序最大为 100000');

export const ConsoleHelpArticle = z
  .object({
    id: Id,
    category: z.string(),
    question: z.string(),
    answer: z.string(),
    sort: z.number().int(),
    ...Lifecycle,
  })
  .meta({ id: 'ConsoleHelpArticle' });

export const ConsoleHelpQuery = z.object({ status: ContentStatus.optional() });
export const ConsoleHelpList = z.object({ items: z.array(ConsoleHelpArticle) }).meta({ id: 'ConsoleHelpList' });

export const HelpArticleDraft = z
  .object({ category: HelpCategory, question: HelpQuestion, answer: HelpAnswer, sort: HelpSort.default(0) })
  .strict()
  .meta({ id: 'HelpArticleDraft' });

export const HelpArticleEdit = z
  .object({
    category: HelpCategory.optional(),
    question: HelpQuestion.optional(),
    answer: HelpAnswer.optional(),
    sort: HelpSort.optional(),
  })
  .strict()
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: '请至少修改一项' })
  .meta({ id: 'HelpArticleEdit' });

export type ConsoleAnnouncement = z.infer<typeof ConsoleAnnouncement>;
export type ConsoleHelpArticle = z.infer<typeof ConsoleHelpArticle>;
export type AnnouncementDraft = z.infer<typeof AnnouncementDraft>;
export type AnnouncementEdit = z.infer<typeof AnnouncementEdit>;
export type HelpArticleDraft = z.infer<typeof HelpArticleDraft>;
export type HelpArticleEdit = z.infer<typeof HelpArticleEdit>;
export type ContentStatus = z.infer<typeof ContentStatus>;
