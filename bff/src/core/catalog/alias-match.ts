import { DEPARTMENT_ALIASES, type DepartmentAlias } from './department-aliases.js';
import { score, type Query, type Searchable } from './match.js';
import { KEY_LIMITS, pinyinKeys } from './pinyin-keys.js';

/** A department found through an alias ranks just below one whose own name matches as well. */
const ALIAS_PENALTY = 5;

export interface AliasHit {
  score: number;
  /** The alias that matched, e.g. 心内科. */
  word: string;
}

interface AliasWord extends Searchable {
  alias: DepartmentAlias;
}

let words: AliasWord[] | undefined;

/** Every alias word with its pinyin keys, computed once. */
function aliasWords(): AliasWord[] {
  words ??= DEPARTMENT_ALIASES.flatMap((alias) =>
    alias.words.map((word) => {
      const keys = pinyinKeys(word, KEY_LIMITS.department);
      return { alias, name: word, namePinyin: keys.pinyin, nameInitials: keys.initials };
    }),
  );
  return words;
}

/**
 * The department names a query reaches through the aliases (心内科 or xnk → 心血管内科), each with
 * its score and the alias that matched best.
 */
export function aliasHits(q: Query): Map<string, AliasHit> {
  const hits = new Map<string, AliasHit>();
  for (const w of aliasWords()) {
    const s = score(q, w) - ALIAS_PENALTY;
    if (s <= 0) continue;
    for (const name of w.alias.names) {
      const known = hits.get(name);
      if (!known || known.score < s) hits.set(name, { score: s, word: w.name });
    }
  }
  return hits;
}
