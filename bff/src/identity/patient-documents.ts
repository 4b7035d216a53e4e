import {
  type AddPatientRequest,
  BIRTH_DATE_MESSAGE,
  birthDateError,
  DOCUMENT_BIRTH_DATE_MISMATCH_MESSAGE,
  type DocumentType,
  FOREIGN_PR_INVALID_MESSAGE,
  parseForeignPermanentResidence,
  parseIdNumber,
  verifiableOnline,
} from '@cityhealth/shared-types';
import { AppError } from '../shared/errors.js';
import type { TravelDocument } from './idv/verifier.js';
import { maskIdNumber } from './pii.js';

export type DocumentRequest = Exclude<AddPatientRequest, { documentType: 'child' }>;

/** A patient's document as stored and checked: what identifies the person, and what the verifier is asked. */
export interface IdentifiedDocument {
  type: DocumentType;
  /** The number as encrypted on the patient ('' for a child without a document). */
  number: string;
  /** What the person's blind index is taken of: the ID number alone (as before), else type and number. */
  identityKey: string;
  masked: string;
  /** The issuing country where the form asks it (a passport, the permanent-residence card), else null. */
  nationality: string | null;
  birthDate: string;
  gender: 'M' | 'F';
  /** What the entry-exit check is asked (none for the ID card, which has its own check, and for a child). */
  travel: TravelDocument | null;
}

/** A refusal the form shows under one field (the same shape the schema's refusals have). */
export const fieldError = (
  code: 'VALIDATION_FAILED' | 'DOCUMENT_NUMBER_INVALID' | 'ID_NUMBER_INVALID',
  field: string,
  message?: string,
) => {
  const error = new AppError(code, message);
  return new AppError(code, error.message, [{ path: `body.${field}`, message: error.message }]);
};

/**
 * Checks a document beyond its shape (the schema's): the ID card's GB 11643 region, birth date and
 * check character; that it can be verified online (a foreign passport cannot); the permanent-residence
 * card's; a stated birth date not in the future and, where the number encodes them, agreeing with it.
 */
export function identifyDocument(req: DocumentRequest, today: string): IdentifiedDocument {
  if (req.documentType === 'id-card') {
    const info = parseIdNumber(req.idNumber, today);
    if (!info) throw fieldError('ID_NUMBER_INVALID', 'idNumber');
    return {
      type: 'id-card',
      number: req.idNumber,
      identityKey: req.idNumber,
      masked: maskIdNumber(req.idNumber),
      nationality: null,
      birthDate: info.birthDate,
      gender: info.gender,
      travel: null,
    };
  }
  const nationality = 'nationality' in req ? req.nationality : 'CHN';
  // first: nothing else the patient corrects would make it verifiable
  if (!verifiableOnline(req.documentType, nationality)) throw new AppError('DOCUMENT_NOT_VERIFIABLE_ONLINE');
  if (birthDateError(req.birthDate, today)) throw fieldError('VALIDATION_FAILED', 'birthDate', BIRTH_DATE_MESSAGE);
  if (req.documentType === 'foreign-permanent-residence') {
    const encoded = parseForeignPermanentResidence(req.idNumber, today);
    if (!encoded) throw fieldError('DOCUMENT_NUMBER_INVALID', 'idNumber', FOREIGN_PR_INVALID_MESSAGE);
    if (encoded.birthDate !== req.birthDate || (encoded.gender !== null && encoded.gender !== req.gender))
      throw fieldError('DOCUMENT_NUMBER_INVALID', 'birthDate', DOCUMENT_BIRTH_DATE_MISMATCH_MESSAGE);
  }
  return {
    type: req.documentType,
    number: req.idNumber,
    identityKey: documentIdentityKey(req.documentType, nationality, req.idNumber),
    masked: maskDocumentNumber(req.idNumber),
    nationality: 'nationality' in req ? req.nationality : null,
    birthDate: req.birthDate,
    gender: req.gender,
    travel: { type: req.documentType, number: req.idNumber, name: req.name, nationality },
  };
}

/** What the person's blind index is taken of for a document other than the ID card. */
export const documentIdentityKey = (type: DocumentType, nationality: string, number: string): string =>
  // A passport number is unique only within its issuing country.
  [type, type === 'passport' ? nationality : '', number].join('\0');

/** The identity of a child without a document: the guardian's person, the child's name and birth date. */
export const childIdentityKey = (guardianPersonId: string, name: string, birthDate: string): string =>
  ['child', guardianPersonId, name, birthDate].join('\0');

/** `H12345678` → `H*****678`; 15 characters and more as the ID card (`1101**********1234`). */
export function maskDocumentNumber(number: string): string {
  if (number.length >= 15) return maskIdNumber(number);
  return `${number.slice(0, 1)}${'*'.repeat(Math.max(0, number.length - 4))}${number.slice(-3)}`;
}

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** Every 3-letter nationality code, CHN first (the likeliest): a passport's key holds its country. */
export function* nationalities(): Generator<string> {
  yield 'CHN';
  for (const a of LETTERS) for (const b of LETTERS) for (const c of LETTERS) if (a + b + c !== 'CHN') yield a + b + c;
}

/**
 * The issuing country a passport's blind index was taken with (`indexesOf` gives a key's index under
 * each algorithm), for a patient saved before the country was stored; null when none fits.
 */
export function passportNationalityIndexedAs(
  number: string,
  stored: string,
  indexesOf: (key: string) => readonly string[],
): string | null {
  for (const n of nationalities()) if (indexesOf(documentIdentityKey('passport', n, number)).includes(stored)) return n;
  return null;
}
