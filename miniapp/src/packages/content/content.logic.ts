import type { Announcement, HelpArticle } from '@cityhealth/shared-types';

/** The first lines of an announcement for the list (whitespace folded, cut at `max` characters). */
export function excerpt(body: string, max = 60): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/** An announcement body as paragraphs (blank lines and single line breaks both start a new one). */
export function paragraphs(body: string): string[] {
  return body
    .split(/\n+/)
    .map((p) => p.trim())
    .filter(Boolean);
}

export interface HelpGroup {
  category: string;
  articles: HelpArticle[];
}

/**
 * The help articles grouped by category in the order the API gives them, keeping only those whose
 * question or answer contains every word of the query (spaces separate words).
 */
export function helpGroups(items: HelpArticle[], query = ''): HelpGroup[] {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const groups: HelpGroup[] = [];
  for (const a of items) {
    const text = `${a.question} ${a.answer}`.toLowerCase();
    if (!words.every((w) => text.includes(w))) continue;
    const group =
      groups.find((g) => g.category === a.category) ?? groups[groups.push({ category: a.category, articles: [] }) - 1]!;
    group.articles.push(a);
  }
  return groups;
}

/** Announcements just listed, so the detail opens at once; the API answers when it was not listed here. */
const recentlyListed = new Map<string, Announcement>();

export function rememberListed(items: Announcement[]): void {
  for (const a of items) recentlyListed.set(a.id, a);
  // Bounded: a long scroll through the list does not grow memory without end.
  while (recentlyListed.size > 200) recentlyListed.delete(recentlyListed.keys().next().value!);
}

export function listedAnnouncement(id: string): Announcement | undefined {
  return recentlyListed.get(id);
}
