import { z } from 'zod';
import { CalendarDate, Id, Instant, Phone } from './common.js';
import { DOCUMENT_TYPES, RELATIONS } from '../labels.js';
import {
  BIRTH_DATE_MESSAGE,
  DOCUMENT_NUMBER_RULES,
  ID_NUMBER_FORMAT_MESSAGE,
  NATIONALITY_RULE,
  normalizeDocumentNumber,
  PERSON_NAME_RULE,
  type TravelDocumentType,
} from '../field-rules.js';
import { ID_NUMBER_PATTERN, normalizeIdNumber } from '../id-number.js';

export const Relation = z.enum(RELATIONS);

export const PersonName = z
  .string()
  .trim()
  .min(PERSON_NAME_RULE.min, PERSON_NAME_RULE.messages.tooShort)
  .max(PERSON_NAME_RULE.max, PERSON_NAME_RULE.messages.tooLong)
  .regex(PERSON_NAME_RULE.pattern, PERSON_NAME_RULE.messages.characters);

/** Format only; region, birth date and checksum (GB 11643) are verified by the server. */
export const IdNumber = z
  .string()
  .transform(normalizeIdNumber)
  .pipe(z.string().regex(ID_NUMBER_PATTERN, ID_NUMBER_FORMAT_MESSAGE));

export const CreatePatientRequest = z
  .object({ name: PersonName, idNumber: IdNumber, phone: Phone, relation: Relation })
  .meta({ id: 'CreatePatientRequest' });

export const UpdatePatientRequest = z
  .object({
    name: PersonName.optional(),
    idNumber: IdNumber.optional(),
    phone: Phone.optional(),
    relation: Relation.optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: '没有需要修改的内容' })
  .meta({ id: 'UpdatePatientRequest' });

export const DocumentType = z.enum(DOCUMENT_TYPES);
const Gender = z.enum(['M', 'F']);
const BirthDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, BIRTH_DATE_MESSAGE)
  .refine((d) => d >= '1900-01-01', BIRTH_DATE_MESSAGE)
  .meta({ description: 'YYYY-MM-DD, as on the document' });
const Nationality = z
  .string()
  .transform((v) => v.trim().toUpperCase())
  .pipe(z.string().regex(NATIONALITY_RULE.pattern, NATIONALITY_RULE.message))
  .meta({ description: 'ISO 3166-1 alpha-3, e.g. USA' });
const documentNumber = (type: TravelDocumentType) =>
  z
    .string()
    .transform(normalizeDocumentNumber)
    .pipe(z.string().regex(DOCUMENT_NUMBER_RULES[type].pattern, DOCUMENT_NUMBER_RULES[type].message));
const who = { name: PersonName, phone: Phone, relation: Relation };
const holder = { gender: Gender, birthDate: BirthDate };

/**
 * A patient saved and real-name verified in one step, by document: the resident ID card, a
 * passport, the permits of Hong Kong, Macao and Taiwan residents, the foreigner's permanent-residence
 * card, or a child without a document (verified through the account holder's own verified ID card).
 * Birth date and sex come from the ID card's number; the other documents state them.
 */
export const AddPatientRequest = z
  .discriminatedUnion('documentType', [
    z.object({ documentType: z.literal('id-card'), idNumber: IdNumber, ...who }),
    z.object({
      documentType: z.literal('passport'),
      idNumber: documentNumber('passport'),
      nationality: Nationality,
      ...holder,
      ...who,
    }),
    z.object({
      documentType: z.literal('hk-macao-permit'),
      idNumber: documentNumber('hk-macao-permit'),
      ...holder,
      ...who,
    }),
    z.object({
      documentType: z.literal('taiwan-permit'),
      idNumber: documentNumber('taiwan-permit'),
      ...holder,
      ...who,
    }),
    z.object({
      documentType: z.literal('foreign-permanent-residence'),
      idNumber: documentNumber('foreign-permanent-residence'),
      nationality: Nationality,
      ...holder,
      ...who,
    }),
    z.object({ documentType: z.literal('child'), ...holder, ...who }),
  ])
  .meta({ id: 'AddPatientRequest' });

export const Patient = z
  .object({
    id: Id,
    name: z.string(),
    documentType: DocumentType,
    idNumberMasked: z
      .string()
      .meta({ description: 'The document number masked, e.g. 1101**********1234; empty for a child without one' }),
    phoneMasked: z.string(),
    relation: Relation,
    gender: z.enum(['M', 'F']),
    birthDate: CalendarDate,
    verified: z.boolean(),
    verifiedAt: Instant.nullable(),
    blacklistedUntil: CalendarDate.nullable().meta({ description: 'Booking suspended until this date (no-shows)' }),
    createdAt: Instant,
  })
  .meta({ id: 'Patient' });

export const PatientList = z.object({ items: z.array(Patient), max: z.number().int() });

export type Relation = z.infer<typeof Relation>;
export type CreatePatientRequest = z.infer<typeof CreatePatientRequest>;
export type AddPatientRequest = z.infer<typeof AddPatientRequest>;
export type DocumentType = z.infer<typeof DocumentType>;
export type UpdatePatientRequest = z.infer<typeof UpdatePatientRequest>;
export type Patient = z.infer<typeof Patient>;
export type PatientList = z.infer<typeof PatientList>;
