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
