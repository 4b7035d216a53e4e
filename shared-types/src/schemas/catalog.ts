import { z } from 'zod';
import { Id, PageQuery, paged } from './common.js';
import { HOSPITAL_LEVELS } from '../labels.js';

export const HospitalLevel = z.enum(HOSPITAL_LEVELS);

export const ReleaseRule = z.object({
  releaseTime: z
    .string()
    .regex(/^\d{2}:\d{2}$/)
    .meta({ description: 'Time of day (Asia/Shanghai) a day’s slots open' }),
  daysAhead: z.number().int().min(1).max(90),
});

/** A point on the map in degrees, GCJ-02 (the datum of Chinese map services and the mini-programs' map APIs). */
export const GeoPoint = z.object({
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
});

export const HospitalSummary = z
  .object({
    id: Id,
    code: z.string(),
    name: z.string(),
    level: HospitalLevel,
    levelName: z.string(),
    district: z.string(),
    address: z.string(),
    phone: z.string(),
    location: GeoPoint.optional().meta({ description: 'Where it is on the map, when known' }),
    releaseRule: ReleaseRule,
    onlinePayment: z.boolean().meta({ description: 'Registration fee paid online at booking (else at the hospital)' }),
    demo: z.boolean(),
  })
  .meta({ id: 'HospitalSummary' });

export const Department = z
  .object({ id: Id, name: z.string(), intro: z.string(), parentId: Id.nullable() })
  .meta({ id: 'Department' });

export const DepartmentGroup = z
  .object({ id: Id, name: z.string(), children: z.array(Department) })
  .meta({ id: 'DepartmentGroup' });

export const HospitalDetail = HospitalSummary.extend({
  intro: z.string(),
  departments: z.array(DepartmentGroup),
}).meta({ id: 'HospitalDetail' });

export const HospitalListQuery = PageQuery.extend({
  q: z.string().trim().max(50).optional(),
  district: z.string().trim().max(20).optional(),
  level: HospitalLevel.optional(),
});

export const HospitalPage = paged(HospitalSummary);

export const Doctor = z
  .object({ id: Id, name: z.string(), title: z.string(), specialty: z.string(), intro: z.string() })
  .meta({ id: 'Doctor' });

export const SearchQuery = z.object({
  q: z.string().trim().min(1, '请输入搜索内容').max(50),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

/** Why a department or doctor was found: what a patient can be told beside it. */
export const SearchMatch = z
  .object({
    by: z.enum(['name', 'pinyin', 'alias', 'specialty']).meta({
      description:
        'name: the name contains the text; pinyin: its initials or full pinyin; ' +
        'alias: a name patients use for it (心内科 for 心血管内科); specialty: what the doctor treats',
    }),
    text: z.string().optional().meta({ description: 'The alias (心内科) that matched, for by = alias' }),
  })
  .meta({ id: 'SearchMatch' });

export const SearchResult = z
  .object({
    hospitals: z.array(HospitalSummary),
    departments: z.array(
      z.object({
        id: Id,
        name: z.string(),
        parentName: z.string().nullable(),
        hospitalId: Id,
        hospitalName: z.string(),
        match: SearchMatch,
      }),
    ),
    doctors: z.array(
      Doctor.extend({
        hospitalId: Id,
        hospitalName: z.string(),
        departmentId: Id,
        departmentName: z.string(),
        match: SearchMatch,
      }),
    ),
  })
  .meta({ id: 'SearchResult' });

export const Districts = z.object({ items: z.array(z.string()) });

export type HospitalLevel = z.infer<typeof HospitalLevel>;
export type ReleaseRule = z.infer<typeof ReleaseRule>;
export type HospitalSummary = z.infer<typeof HospitalSummary>;
export type HospitalDetail = z.infer<typeof HospitalDetail>;
export type Department = z.infer<typeof Department>;
export type Doctor = z.infer<typeof Doctor>;
export type SearchResult = z.infer<typeof SearchResult>;
export type SearchMatch = z.infer<typeof SearchMatch>;
