import type { TravelDocumentType } from '@cityhealth/shared-types';

/**
 * The entry-exit check's document types (聚美智数 出入境证件核验, `idType`): 01 the passport of a
 * Chinese citizen (华侨护照), 02 港澳居民来往内地通行证, 03 外国人永久居留身份证, 04 台湾居民来往大陆通行证.
 * A foreign passport has none: no provider found checks one.
 */
export const ID_TYPES = {
  chinesePassport: '01',
  hkMacao: '02',
  foreignResidence: '03',
  taiwan: '04',
} as const;

/** The `idType` of a document, or null for a foreign passport (not verifiable online). */
export function idTypeOf(type: TravelDocumentType, nationality: string): string | null {
  switch (type) {
    case 'passport':
      return nationality === 'CHN' ? ID_TYPES.chinesePassport : null;
    case 'hk-macao-permit':
      return ID_TYPES.hkMacao;
    case 'foreign-permanent-residence':
      return ID_TYPES.foreignResidence;
    case 'taiwan-permit':
      return ID_TYPES.taiwan;
  }
}
