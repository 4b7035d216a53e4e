/**
 * Resident identity card numbers (GB 11643-1999): 6-digit region, 8-digit birth date,
 * 3-digit sequence (odd = male), 1 check character over ISO 7064 MOD 11-2. The one
 * implementation, for the BFF, the mini-program's forms and the test data of both (no zod here:
 * the mini-program imports it on its own, as `@cityhealth/shared-types/id-number`).
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';
/**
 * First two digits: the province-level codes of GB/T 2260 (incl. 71 Taiwan, 81/82 HK/Macao, 83 for residence permits).
 */
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63,
  64, 65, 71, 81, 82, 83,
]);

/** 17 digits and a check character (digit or X): the shape of a normalised number. */
export const ID_NUMBER_PATTERN = /^\d{17}[\dX]$/;

/** As the API stores and checks a typed number: without surrounding spaces, the x upper-case. */
export const normalizeIdNumber = (typed: string): string => typed.trim().toUpperCase();

export interface IdNumberInfo {
  birthDate: string;
  gender: 'M' | 'F';
  /** The 3-digit sequence code (digits 15-17). */
  sequence: string;
}

export const checkCharacter = (first17: string): string => {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
};

/** Whether the checksum (18th character) matches the first 17 digits. */
export function hasValidChecksum(id: string): boolean {
  return ID_NUMBER_PATTERN.test(id) && checkCharacter(id.slice(0, 17)) === id[17];
}

function validDate(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/**
 * Parses a normalised (upper-case) 18-character ID number; null when its format, region,
 * birth date (real, from 1900 on, not after `today`) or checksum is wrong.
 */
export function parseIdNumber(id: string, today: string): IdNumberInfo | null {
  if (!hasValidChecksum(id)) return null;
  if (!PROVINCES.has(Number(id.slice(0, 2)))) return null;
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  if (y < 1900 || !validDate(y, m, d)) return null;
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (birthDate > today) return null;
  return { birthDate, gender: Number(id[16]) % 2 === 1 ? 'M' : 'F', sequence: id.slice(14, 17) };
}

/** What a document number says about its holder: the birth date, and the sex where it is encoded. */
export interface DocumentNumberInfo {
  birthDate: string;
  gender: 'M' | 'F' | null;
}

/** 外国人永久居留身份证, 2023 edition: 9, province of acceptance, 3-digit nationality, birth date, sequence, check. */
const FOREIGN_PR_2023 = /^9\d{16}[\dX]$/;
/** The edition before 2023: 3-letter nationality (ISO 3166), province of acceptance, YYMMDD, sequence, check digit. */
const FOREIGN_PR_2004 = /^[A-Z]{3}\d{12}$/;

/**
 * Parses a normalised 外国人永久居留身份证 number. The 2023 edition follows GB 11643's layout and check
 * character (its first digit 9, the province of acceptance in digits 2-3); the older 15-character one
 * carries the birth date as YYMMDD in characters 6-11 and no check the public can compute.
 */
export function parseForeignPermanentResidence(id: string, today: string): DocumentNumberInfo | null {
  if (FOREIGN_PR_2023.test(id)) {
    if (checkCharacter(id.slice(0, 17)) !== id[17] || !PROVINCES.has(Number(id.slice(1, 3)))) return null;
    const birth = calendarDate(Number(id.slice(6, 10)), Number(id.slice(10, 12)), Number(id.slice(12, 14)), today);
    return birth ? { birthDate: birth, gender: Number(id[16]) % 2 === 1 ? 'M' : 'F' } : null;
  }
  if (!FOREIGN_PR_2004.test(id)) return null;
  const yy = Number(id.slice(5, 7));
  const century = 2000 + yy <= Number(today.slice(0, 4)) ? 2000 : 1900;
  const birth = calendarDate(century + yy, Number(id.slice(7, 9)), Number(id.slice(9, 11)), today);
  return birth ? { birthDate: birth, gender: null } : null;
}

/** `YYYY-MM-DD` of a real date from 1900 on and not after `today`; null otherwise. */
function calendarDate(y: number, m: number, d: number, today: string): string | null {
  if (y < 1900 || !validDate(y, m, d)) return null;
  const date = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return date > today ? null : date;
}
