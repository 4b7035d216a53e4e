import type { DocumentType } from '@cityhealth/shared-types';
import { childIdentityKey, documentIdentityKey, nationalities } from '../../identity/patient-documents.js';

/** What a patient row keeps of the document its id_hash was made from. */
export interface StoredDocument {
  number: string;
  documentType: string;
  name: string;
  birthDate: string;
  guardianPersonId: string | null;
  /** Stored since the hospitals' passport systems need it; null on rows of before. */
  nationality: string | null;
}

/**
 * The identity keys (patient-documents: identifyDocument, childIdentityKey) a stored document may
 * have been indexed under, most likely first. The caller tells the right one by its blind index.
 */
export function* identityKeyCandidates(d: StoredDocument): Generator<string> {
  if (d.documentType === 'id-card') yield d.number;
  else if (d.documentType === 'child') {
    if (d.guardianPersonId) yield childIdentityKey(d.guardianPersonId, d.name, d.birthDate);
  } else if (d.documentType === 'passport') {
    if (d.nationality) yield documentIdentityKey('passport', d.nationality, d.number);
    for (const n of nationalities()) yield documentIdentityKey('passport', n, d.number);
  } else yield documentIdentityKey(d.documentType as DocumentType, '', d.number);
}

/** The identity key whose index (under `indexOf`) is `stored`, if any. */
export function keyIndexedAs(d: StoredDocument, stored: string, indexOf: (key: string) => string): string | undefined {
  for (const key of identityKeyCandidates(d)) if (indexOf(key) === stored) return key;
  return undefined;
}
