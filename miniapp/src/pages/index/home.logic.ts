import { ROUTES } from '../../routes';

/** The query the search sends: trimmed, at most 50 characters (the API's limit); '' means no search. */
export function searchQuery(input: string): string {
  return input.trim().slice(0, 50);
}

export interface Filters {
  district?: string;
  level?: string;
}

/** Tapping the chosen chip again clears it. */
export function toggleFilter(filters: Filters, key: keyof Filters, value: string): Filters {
  return { ...filters, [key]: filters[key] === value ? undefined : value };
}

/** 共 12 家医院 / 没有符合条件的医院 for the list heading. */
export function listHeading(total: number, filtered: boolean): string {
  if (total === 0) return filtered ? '没有符合条件的医院' : '暂无医院';
  return `共 ${total} 家医院`;
}

/** Why a search result was found, when its name alone does not show it: 心内科 → 心血管内科. */
export function matchNote(match: { by: string; text?: string }, specialty = ''): string | null {
  if (match.by === 'alias' && match.text) return `即“${match.text}”`;
  if (match.by === 'specialty' && specialty) return `擅长：${specialty}`;
  return null;
}

export interface HomeEntry {
  label: string;
  /** The page it opens; null for 预约挂号, which is this page's own hospital list. */
  route: string | null;
  testId: string;
}

/**
 * The home page's entries, in the order patients look for them. 我的候补 joins once its page is
 * registered in ROUTES (the waitlist list page).
 */
export function homeEntries(routes: Record<string, string> = ROUTES): HomeEntry[] {
  const entries: HomeEntry[] = [
    { label: '预约挂号', route: null, testId: 'home-booking' },
    { label: '报告查询', route: routes.reports ?? null, testId: 'home-reports' },
    { label: '影像查询', route: routes.imaging ?? null, testId: 'home-imaging' },
  ];
  if (routes.waitlist) entries.push({ label: '我的候补', route: routes.waitlist, testId: 'home-waitlist' });
  entries.push({ label: '就诊人', route: routes.patients ?? null, testId: 'home-patients' });
  return entries;
}
