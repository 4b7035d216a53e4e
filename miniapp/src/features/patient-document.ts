import type { Patient } from '@cityhealth/shared-types';
import { DOCUMENT_TYPE_SHORT_LABELS } from '@cityhealth/shared-types/labels';

/** How a patient's document shows (list, booking): the document's short name and its masked number. */
export function documentLine(p: Pick<Patient, 'documentType' | 'idNumberMasked'>): string {
  return p.documentType === 'child'
    ? '儿童 · 随监护人实名'
    : `${DOCUMENT_TYPE_SHORT_LABELS[p.documentType]} ${p.idNumberMasked}`;
}
