import type {
  AccountRow,
  DepartmentRow,
  DoctorRow,
  HospitalRow,
  PatientRow,
  PersonRow,
} from '../../src/db/entities/index.js';

/*
 * Whole rows of the tables test data and the benchmark write directly, with plain defaults: each
 * caller states only what matters to it, and a column added to an entity is added here once.
 */

export const hospitalRow = (o: Pick<HospitalRow, 'id' | 'code' | 'createdAt'> & Partial<HospitalRow>): HospitalRow => ({
  name: '测试医院',
  namePinyin: 'ceshiyiyuan',
  nameInitials: 'csyy',
  level: '3A',
  district: '东城区',
  address: '测试路 1 号',
  phone: '010-00000000',
  latitude: null,
  longitude: null,
  intro: '用于测试',
  releaseTime: '08:30',
  daysAhead: 7,
  onlinePayment: false,
  webhookUrl: null,
  fhirBaseUrl: null,
  dicomwebBaseUrl: null,
  demo: false,
  updatedAt: o.createdAt,
  ...o,
});

export const departmentRow = (
  o: Pick<DepartmentRow, 'id' | 'hospitalId' | 'name'> & Partial<DepartmentRow>,
): DepartmentRow => ({
  parentId: null,
  namePinyin: '',
  nameInitials: '',
  intro: '',
  sort: 0,
  ...o,
});

export const doctorRow = (
  o: Pick<DoctorRow, 'id' | 'hospitalId' | 'departmentId' | 'name'> & Partial<DoctorRow>,
): DoctorRow => ({
  namePinyin: '',
  nameInitials: '',
  title: '主治医师',
  specialty: '',
  intro: '',
  ...o,
});

export const accountRow = (o: Pick<AccountRow, 'id' | 'createdAt'> & Partial<AccountRow>): AccountRow => ({
  nickname: '测试用户',
  phoneEnc: null,
  phoneHash: null,
  phoneMasked: null,
  status: 'active',
  updatedAt: o.createdAt,
  deletedAt: null,
  ...o,
});

export const personRow = (o: Pick<PersonRow, 'id' | 'idHash' | 'createdAt'> & Partial<PersonRow>): PersonRow => ({
  blacklistedUntil: null,
  blacklistLiftedAt: null,
  updatedAt: o.createdAt,
  ...o,
});

/** A verified patient of its own person (`verifiedAt` null for one not yet verified). */
export const patientRow = (
  o: Pick<PatientRow, 'id' | 'accountId' | 'personId' | 'idHash' | 'createdAt'> & Partial<PatientRow>,
): PatientRow => ({
  name: '张三',
  idEnc: 'x',
  idMasked: '1101**********1234',
  phoneEnc: 'x',
  phoneMasked: '138****5678',
  phoneHash: null,
  relation: 'self',
  documentType: 'id-card',
  guardianPatientId: null,
  nationality: null,
  gender: 'M',
  birthDate: '1980-01-01',
  verifiedAt: o.createdAt,
  live: 1,
  deletedAt: null,
  updatedAt: o.createdAt,
  ...o,
});
