import { pinyin, polyphonic } from 'pinyin-pro';

/** Search keys of a name, stored next to it (name_pinyin / name_initials): lower-case, no tones. */
export interface PinyinKeys {
  /** Full pinyin, syllables joined, e.g. `beijingxieheyiyuan`; alternative readings follow, space-separated. */
  pinyin: string;
  /** Initials, e.g. `bjxhyy`; alternative readings of polyphonic characters follow, space-separated. */
  initials: string;
}

export const SEPARATOR = ' ';

const ascii = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * The context-aware reading first (重庆 → chongqing, 长安 → changan), then, for each polyphonic
 * character, the same string with one alternative reading (zhongqing / zq), so a patient who
 * picks the other reading still finds the name. Variants are kept only while they fit `max`.
 */
function withVariants(primary: string[], alternatives: string[][], max: number): string {
  const out = [ascii(primary.join(''))];
  const seen = new Set(out);
  let length = out[0]!.length;
  for (let i = 0; i < primary.length; i++) {
    for (const alt of alternatives[i] ?? []) {
      const variant = ascii([...primary.slice(0, i), alt, ...primary.slice(i + 1)].join(''));
      if (seen.has(variant)) continue;
      if (length + 1 + variant.length > max) return out.join(SEPARATOR);
      seen.add(variant);
      out.push(variant);
      length += 1 + variant.length;
    }
  }
  return out.join(SEPARATOR);
}

/** Computes the stored search keys of a name (hospital, department or doctor). */
export function pinyinKeys(
  name: string,
  limits: { pinyin: number; initials: number } = { pinyin: 400, initials: 100 },
): PinyinKeys {
  const full = pinyin(name, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true });
  const firsts = pinyin(name, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive' });
  const allFull = polyphonic(name, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true });
  const allFirst = polyphonic(name, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive' });
  const aligned = full.length === allFull.length && firsts.length === allFirst.length;
  return {
    pinyin: withVariants(full, aligned ? allFull : [], limits.pinyin),
    initials: withVariants(firsts, aligned ? allFirst : [], limits.initials),
  };
}

/** Column limits of each table (see the entities). */
export const KEY_LIMITS = {
  hospital: { pinyin: 400, initials: 100 },
  department: { pinyin: 400, initials: 100 },
  doctor: { pinyin: 200, initials: 50 },
} as const;
