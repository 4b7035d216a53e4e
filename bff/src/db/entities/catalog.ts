import { EntitySchema } from 'typeorm';
import { col } from '../columns.js';

export interface HospitalRow {
  id: string;
  code: string;
  name: string;
  namePinyin: string;
  nameInitials: string;
  level: string;
  district: string;
  address: string;
  phone: string;
  /** Where it is on the map (GCJ-02, as Chinese map services use); null until known. */
  latitude: number | null;
  longitude: number | null;
  intro: string;
  releaseTime: string;
  daysAhead: number;
  onlinePayment: boolean;
  /** Where the platform pushes this hospital's events (its HIS); null until it is connected. */
  webhookUrl: string | null;
  /** How the platform signs its calls to the hospital; absent or NULL: HMAC-SHA256. */
  signatureMethod?: string | null;
  /** Its FHIR R4 server (reports, studies) and DICOMweb service (images); null until connected. */
  fhirBaseUrl: string | null;
  dicomwebBaseUrl: string | null;
  demo: boolean;
  createdAt: number;
  updatedAt: number;
}

export const Hospital = new EntitySchema<HospitalRow>({
  name: 'Hospital',
  tableName: 'hospital',
  columns: {
    id: col.id(),
    code: { ...col.str(32) },
    name: col.str(100),
    namePinyin: { ...col.str(400), name: 'name_pinyin' },
    nameInitials: { ...col.str(100), name: 'name_initials' },
    level: col.str(4),
    district: col.str(20),
    address: col.str(200),
    phone: col.str(40),
    latitude: col.degrees(true),
    longitude: col.degrees(true),
    intro: col.text(),
    releaseTime: { ...col.str(5), name: 'release_time' },
    daysAhead: { ...col.int(), name: 'days_ahead' },
    onlinePayment: { ...col.bool(), name: 'online_payment' },
    webhookUrl: { ...col.str(300, true), name: 'webhook_url' },
    signatureMethod: { ...col.str(16, true), name: 'signature_method' },
    fhirBaseUrl: { ...col.str(300, true), name: 'fhir_base_url' },
    dicomwebBaseUrl: { ...col.str(300, true), name: 'dicomweb_base_url' },
    demo: col.bool(),
    createdAt: { ...col.instant(), name: 'created_at' },
    updatedAt: { ...col.instant(), name: 'updated_at' },
  },
});

export interface DepartmentRow {
  id: string;
  hospitalId: string;
  parentId: string | null;
  name: string;
  namePinyin: string;
  nameInitials: string;
  intro: string;
  sort: number;
}

export const Department = new EntitySchema<DepartmentRow>({
  name: 'Department',
  tableName: 'department',
  columns: {
    id: col.id(),
    hospitalId: { ...col.ref(), name: 'hospital_id' },
    parentId: { ...col.ref(true), name: 'parent_id' },
    name: col.str(100),
    namePinyin: { ...col.str(400), name: 'name_pinyin' },
    nameInitials: { ...col.str(100), name: 'name_initials' },
    intro: col.text(),
    sort: col.int(),
  },
});

export interface DoctorRow {
  id: string;
  hospitalId: string;
  departmentId: string;
  name: string;
  namePinyin: string;
  nameInitials: string;
  title: string;
  specialty: string;
  intro: string;
}

export const Doctor = new EntitySchema<DoctorRow>({
  name: 'Doctor',
  tableName: 'doctor',
  columns: {
    id: col.id(),
    hospitalId: { ...col.ref(), name: 'hospital_id' },
    departmentId: { ...col.ref(), name: 'department_id' },
    name: col.str(50),
    namePinyin: { ...col.str(200), name: 'name_pinyin' },
    nameInitials: { ...col.str(50), name: 'name_initials' },
    title: col.str(50),
    specialty: col.str(500),
    intro: col.text(),
  },
});
