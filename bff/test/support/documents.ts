import { checkCharacter } from '@cityhealth/shared-types';
import { makeIdNumber, makePhone } from './identity.js';

let counter = Math.floor(Math.random() * 1_000_000);
/** `digits` digits, distinct per call, never ending in 999 or 000 (the sandbox's mismatch and no-record). */
function serial(digits: number): string {
  let n = ++counter;
  while (n % 1000 === 999 || n % 1000 === 0) n = ++counter;
  return String(n % 10 ** digits).padStart(digits, '0');
}

/** A 2023 外国人永久居留身份证: 9, province 31, nationality 840, the birth date, sequence, GB 11643 check. */
export function foreignResidence2023(o: { birth?: string; sequence?: string; gender?: 'M' | 'F' } = {}): string {
  let sequence = o.sequence ?? serial(3);
  if (o.gender && (Number(sequence[2]) % 2 === 1) !== (o.gender === 'M'))
    sequence = sequence.slice(0, 2) + String((Number(sequence[2]) + 1) % 10);
  const first17 = `931840${o.birth ?? '19850412'}${sequence}`;
  return first17 + checkCharacter(first17);
}

/** The documents' numbers in the shapes the shared rules take, each distinct (`ending` forces the last digits). */
export const documentNumber = {
  foreignPassport: (ending?: string) => `X${serial(8).slice(0, 8 - (ending?.length ?? 0))}${ending ?? ''}`,
  chinesePassport: (ending?: string) => `E${serial(8).slice(0, 8 - (ending?.length ?? 0))}${ending ?? ''}`,
  hkMacao: (ending?: string) => `H${serial(8).slice(0, 8 - (ending?.length ?? 0))}${ending ?? ''}`,
  taiwan: (ending?: string) => `${serial(8).slice(0, 8 - (ending?.length ?? 0))}${ending ?? ''}`,
  /** The edition before 2023: USA, province 31, born 1985-04-12, sequence and check. */
  foreignResidence2004: (ending?: string) =>
    `USA31850412${serial(4).slice(0, 4 - (ending?.length ?? 0))}${ending ?? ''}`,
};

/** A request body of `POST /api/v1/patients/real-name` for each kind of document. */
export const documentBody = {
  idCard: (over: Record<string, unknown> = {}) => ({
    documentType: 'id-card',
    name: '张三',
    idNumber: makeIdNumber(),
    phone: makePhone(),
    relation: 'self',
    ...over,
  }),
  /** A Chinese citizen's passport (华侨护照): a foreign one is not verifiable online. */
  passport: (over: Record<string, unknown> = {}) => ({
    documentType: 'passport',
    name: '王芳',
    idNumber: documentNumber.chinesePassport(),
    nationality: 'CHN',
    gender: 'F',
    birthDate: '1985-04-12',
    phone: makePhone(),
    relation: 'spouse',
    ...over,
  }),
  hkMacao: (over: Record<string, unknown> = {}) => ({
    documentType: 'hk-macao-permit',
    name: '陈大文',
    idNumber: documentNumber.hkMacao(),
    gender: 'M',
    birthDate: '1978-09-30',
    phone: makePhone(),
    relation: 'relative',
    ...over,
  }),
  taiwan: (over: Record<string, unknown> = {}) => ({
    documentType: 'taiwan-permit',
    name: '林志玲',
    idNumber: documentNumber.taiwan(),
    gender: 'F',
    birthDate: '1974-11-29',
    phone: makePhone(),
    relation: 'relative',
    ...over,
  }),
  foreignResidence: (over: Record<string, unknown> = {}) => ({
    documentType: 'foreign-permanent-residence',
    name: 'Anna Mueller',
    idNumber: foreignResidence2023({ gender: 'F' }),
    nationality: 'DEU',
    gender: 'F',
    birthDate: '1985-04-12',
    phone: makePhone(),
    relation: 'other',
    ...over,
  }),
  child: (over: Record<string, unknown> = {}) => ({
    documentType: 'child',
    name: '张小宝',
    gender: 'M',
    birthDate: '2020-05-01',
    phone: makePhone(),
    relation: 'child',
    ...over,
  }),
};
