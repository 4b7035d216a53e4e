import { SEPARATOR } from './pinyin-keys.js';

/** A normalised search query: Chinese text as typed (lower-case), or letters/digits for pinyin. */
export interface Query {
  text: string;
  /** Letters and digits only (spaces, apostrophes and punctuation removed); empty if the query has Chinese. */
  latin: string;
}

const HAN = /\p{Script=Han}/u;

export function parseQuery(raw: string): Query | null {
  const text = raw.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ').replace(/ü/g, 'v');
  if (!text) return null;
  const latin = HAN.test(text) ? '' : text.replace(/[^a-z0-9]/g, '');
  if (!text.replace(/[\s\p{P}\p{S}]/gu, '')) return null;
  return { text, latin };
}

/** What can be searched in a record: its name and the stored pinyin keys. */
export interface Searchable {
  name: string;
  namePinyin: string;
  nameInitials: string;
}

/**
 * A relevance score (higher is better) or 0 for no match. Chinese queries match the name;
 * latin queries match initials (xh → 北京协和医院) or full pinyin (xiehe), prefixes first.
 */
export function score(q: Query, s: Searchable): number {
  const name = s.name.toLowerCase();
  if (name === q.text) return 100;
  if (name.startsWith(q.text)) return 90;
  if (name.includes(q.text)) return 80;
  if (!q.latin) return 0;
  const initials = s.nameInitials.split(SEPARATOR);
  const pinyin = s.namePinyin.split(SEPARATOR);
  // The first key is the preferred reading; variants rank a little lower.
  const best = (keys: string[], prefix: number, inside: number): number => {
    let found = 0;
    keys.forEach((k, i) => {
      const penalty = i === 0 ? 0 : 2;
      if (k === q.latin) found = Math.max(found, prefix + 5 - penalty);
      else if (k.startsWith(q.latin)) found = Math.max(found, prefix - penalty);
      else if (k.includes(q.latin)) found = Math.max(found, inside - penalty);
    });
    return found;
  };
  return Math.max(best(initials, 70, 60), q.latin.length >= 2 ? best(pinyin, 65, 50) : 0);
}

/** Whether a record that matched (score > 0) did so by its name as typed or by its pinyin keys. */
export const matchedBy = (q: Query, s: Searchable): 'name' | 'pinyin' =>
  s.name.toLowerCase().includes(q.text) ? 'name' : 'pinyin';
