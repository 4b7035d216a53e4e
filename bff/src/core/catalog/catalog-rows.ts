import type { Database } from '../../db/database.js';
import type { DepartmentRow, DoctorRow, HospitalRow } from '../../db/entities/index.js';

/** A hospital as the catalogue shows it (where its events are pushed is no business of patients). */
export type CatalogHospital = Omit<HospitalRow, 'webhookUrl' | 'fhirBaseUrl' | 'dicomwebBaseUrl'>;

export interface CatalogRows {
  hospitals: CatalogHospital[];
  departments: DepartmentRow[];
  doctors: DoctorRow[];
}

type Raw = Record<string, unknown>;
const str = (v: unknown): string => (v == null ? '' : String(v));
const num = (v: unknown): number => Number(v ?? 0);
const numOrNull = (v: unknown): number | null => (v == null ? null : Number(v));
const bool = (v: unknown): boolean => v === true || v === 1 || v === '1' || (typeof v === 'bigint' && v === 1n);

/** Reads the whole catalog (a few hundred hospitals: small enough to hold in memory). */
export async function loadCatalogRows(db: Database): Promise<CatalogRows> {
  const [hospitals, departments, doctors] = await Promise.all([
    db.staleRead<Raw>(
      `SELECT id, code, name, name_pinyin, name_initials, level, district, address, phone, latitude, longitude,
        intro, release_time,
        days_ahead, online_payment, demo, created_at, updated_at FROM hospital`,
    ),
    db.staleRead<Raw>(
      'SELECT id, hospital_id, parent_id, name, name_pinyin, name_initials, intro, sort FROM department',
    ),
    db.staleRead<Raw>(
      'SELECT id, hospital_id, department_id, name, name_pinyin, name_initials, title, specialty, intro FROM doctor',
    ),
  ]);
  return {
    hospitals: hospitals.map((r) => ({
      id: str(r.id),
      code: str(r.code),
      name: str(r.name),
      namePinyin: str(r.name_pinyin),
      nameInitials: str(r.name_initials),
      level: str(r.level),
      district: str(r.district),
      address: str(r.address),
      phone: str(r.phone),
      latitude: numOrNull(r.latitude),
      longitude: numOrNull(r.longitude),
      intro: str(r.intro),
      releaseTime: str(r.release_time),
      daysAhead: num(r.days_ahead),
      onlinePayment: bool(r.online_payment),
      demo: bool(r.demo),
      createdAt: num(r.created_at),
      updatedAt: num(r.updated_at),
    })),
    departments: departments.map((r) => ({
      id: str(r.id),
      hospitalId: str(r.hospital_id),
      parentId: r.parent_id == null ? null : str(r.parent_id),
      name: str(r.name),
      namePinyin: str(r.name_pinyin),
      nameInitials: str(r.name_initials),
      intro: str(r.intro),
      sort: num(r.sort),
    })),
    doctors: doctors.map((r) => ({
      id: str(r.id),
      hospitalId: str(r.hospital_id),
      departmentId: str(r.department_id),
      name: str(r.name),
      namePinyin: str(r.name_pinyin),
      nameInitials: str(r.name_initials),
      title: str(r.title),
      specialty: str(r.specialty),
      intro: str(r.intro),
    })),
  };
}
