import { z } from 'zod';
import { Id, Instant, PageQuery, paged } from './common.js';

export const Announcement = z
  .object({ id: Id, title: z.string(), body: z.string(), hospitalId: Id.nullable(), publishedAt: Instant })
  .meta({ id: 'Announcement' });

export const AnnouncementQuery = PageQuery.extend({ hospitalId: z.string().max(64).optional() });
export const AnnouncementPage = paged(Announcement);

export const HelpArticle = z
  .object({ id: Id, category: z.string(), question: z.string(), answer: z.string() })
  .meta({ id: 'HelpArticle' });

export const HelpList = z.object({ items: z.array(HelpArticle) });

export type Announcement = z.infer<typeof Announcement>;
export type HelpArticle = z.infer<typeof HelpArticle>;
