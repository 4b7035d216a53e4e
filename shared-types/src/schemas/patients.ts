import { z } from 'zod';
import { CalendarDate, Id, Instant, Phone } from './common.js';
import { RELATIONS } from '../labels.js';

export const Relation = z.enum(RELATIONS);

export const PersonName = z
  .string()
  .trim()
  .min(2, '姓名至少 2 个字')
  .max(30, '姓名最多 30 个字')
  .regex(/^[\p{Script=Han}A-Za-z·• ]+$/u, '姓名只能包含汉字、字母和间隔号');

/** Format only; the GB 11643 checksum is verified by the server. */
export const IdNumber = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase())
  .pipe(z.string().regex(/^\d{17}[\dX]$/, '请输入 18 位居民身份证号码'));

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
