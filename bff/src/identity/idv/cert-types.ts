import type { TravelDocumentType } from '@cityhealth/shared-types';

/**
 * The entry-exit check's certificate types: 01 the passport of a Chinese citizen (华侨护照),
 * 02 港澳居民来往内地通行证, 03 外国人永久居留身份证, 04 台湾居民来往大陆通行证, 05 a foreign passport
 * (checked against the entry records of its holder).
 */
export const CERT_TYPES = {
  chinesePassport: '01',
  hkMacao: '02',
  foreignResidence: '03',
  taiwan: '04',
  foreignPassport: '05',
} as const;

export function certTypeOf(type: TravelDocumentType, nationality: string): string {
  switch (type) {
    case 'passport':
      return nationality === 'CHN' ? CERT_TYPES.chinesePassport : CERT_TYPES.foreignPassport;
    case 'hk-macao-permit':
      return CERT_TYPES.hkMacao;
    case 'foreign-permanent-residence':
      return CERT_TYPES.foreignResidence;
    case 'taiwan-permit':
      return CERT_TYPES.taiwan;
  }
}
