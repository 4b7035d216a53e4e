import { z } from 'zod';
import { CalendarDate, Id, Instant, Phone } from './common.js';
import { RELATIONS } from '../labels.js';
import { ID_NUMBER_FORMAT_MESSAGE, PERSON_NAME_RULE } from '../field-rules.js';
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

export const Patient = z
  .object({
    id: Id,
    name: z.string(),
    idNumberMasked: z.string().meta({ description: 'e.g. 1101**********1234' }),
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
export type UpdatePatientRequest = z.infer<typeof UpdatePatientRequest>;
export type Patient = z.infer<typeof Patient>;
export type PatientList = z.infer<typeof PatientList>;
