import type { Database } from '../../db/database.js';
import type { Pii, PiiField } from '../../identity/pii.js';
import { keyIndexedAs, type StoredDocument } from './identity-keys.js';
import type { RowUpdate } from './row-update.js';

/** A selected row: each pass reads only the columns it selected. */
export interface Row {
  id: string;
  [column: string]: string | null;
}

const col = (row: Row, column: string): string | null => row[column] ?? null;

/**
 * One table's part of the re-encryption: which rows may need it (`where`, over the columns of
 * `from`, whose rows are keyed and walked by `key`; `{v}` stands for the configured version's
 * prefix pattern) and what to write for one of them (nothing when it is current already).
 */
export interface Pass {
  name: string;
  select: string;
  from: string;
  key: string;
  where: string;
  plan(row: Row, pii: Pii, db: Database): RowUpdate[] | Promise<RowUpdate[]>;
}

/** The value in the configured version, or undefined when it is current (or absent). */
function reencrypted(pii: Pii, field: PiiField, stored: string | null): string | undefined {
  if (stored === null || pii.isCurrent(stored)) return undefined;
  return pii.encrypt(field, pii.decrypt(field, stored));
}

/** The blind index in the configured algorithm, when `stored` is this value's index under the other one. */
function reindexed(pii: Pii, field: PiiField, stored: string | null, plain: string): string | undefined {
  return stored !== null && stored === pii.legacyIndex(field, plain) ? pii.index(field, plain) : undefined;
}

function update(table: string, id: string, values: Record<string, [string | null, string | undefined]>): RowUpdate[] {
  const changed = Object.entries(values).filter(([, [, next]]) => next !== undefined);
  if (!changed.length) return [];
  return [
    {
      table,
      id,
      set: Object.fromEntries(changed.map(([c, [, next]]) => [c, next!])),
      was: Object.fromEntries(changed.map(([c, [old]]) => [c, old])),
    },
  ];
}

/** Ciphertext columns without a blind index beside them. */
function ciphertexts(table: string, field: PiiField, columns: string[]): Pass {
  return {
    name: `${table} (${columns.join(', ')})`,
    select: ['t.id', ...columns.map((c) => `t.${c}`)].join(', '),
    from: `${table} t`,
    key: 't.id',
    where: columns.map((c) => `(t.${c} IS NOT NULL AND t.${c} NOT LIKE {v})`).join(' OR '),
    plan: (row, pii) =>
      update(
        table,
        row.id,
        Object.fromEntries(columns.map((c) => [c, [col(row, c)!, reencrypted(pii, field, col(row, c)!)]])),
      ),
  };
}

const document = (row: Row, number: string): StoredDocument => ({
  number,
  documentType: col(row, 'document_type')!,
  name: col(row, 'name')!,
  birthDate: col(row, 'birth_date')!,
  guardianPersonId: col(row, 'guardian_person_id'),
  nationality: col(row, 'nationality'),
});

const PATIENT_COLUMNS =
  'p.id, p.person_id, p.id_enc, p.id_hash, p.phone_enc, p.phone_hash, p.document_type, p.nationality, p.name, ' +
  'p.birth_date, ' +
  'g.person_id AS guardian_person_id';
const PATIENT_FROM = 'patient p LEFT JOIN patient g ON g.id = p.guardian_patient_id';

/** A patient's ciphertexts and indexes, and its person's index with them (the same identity). */
const patients: Pass = {
  name: 'patient (id_enc, id_hash, phone_enc, phone_hash) and person (id_hash)',
  select: PATIENT_COLUMNS,
  from: PATIENT_FROM,
  key: 'p.id',
  where: 'p.id_enc NOT LIKE {v} OR p.phone_enc NOT LIKE {v}',
  plan(row, pii) {
    const number = pii.decrypt('id-number', col(row, 'id_enc')!);
    const phone = pii.decrypt('phone', col(row, 'phone_enc')!);
    // an erased row's id_hash is no document's index: it matches no key and stays as it is
    const key = keyIndexedAs(document(row, number), col(row, 'id_hash')!, (k) => pii.legacyIndex('id-number', k));
    const idHash = key === undefined ? undefined : pii.index('id-number', key);
    const own = update('patient', row.id, {
      id_enc: [col(row, 'id_enc'), reencrypted(pii, 'id-number', col(row, 'id_enc'))],
      id_hash: [col(row, 'id_hash'), idHash],
      phone_enc: [col(row, 'phone_enc'), reencrypted(pii, 'phone', col(row, 'phone_enc'))],
      phone_hash: [col(row, 'phone_hash'), reindexed(pii, 'phone', col(row, 'phone_hash'), phone)],
    });
    const person =
      idHash === undefined ? [] : update('person', col(row, 'person_id')!, { id_hash: [col(row, 'id_hash'), idHash] });
    // the person may have been re-indexed through another of its patients already: not a race
    return [...own, ...person.map((u) => ({ ...u, optional: true }))];
  },
};

/**
 * Persons whose patients were re-indexed before them (a patient added after the switch joins the
 * person found under the old index): the index is recomputed from one of its patients' documents.
 */
const persons: Pass = {
  name: 'person (id_hash, from its patients)',
  select: 't.id, t.id_hash',
  from: 'person t',
  key: 't.id',
  where: '1 = 1',
  async plan(row, pii, db) {
    const patients = await db.query<Row>(`SELECT ${PATIENT_COLUMNS} FROM ${PATIENT_FROM} WHERE p.person_id = ?`, [
      row.id,
    ]);
    for (const p of patients) {
      let number: string;
      try {
        number = pii.decrypt('id-number', col(p, 'id_enc')!);
      } catch {
        continue;
      }
      const doc = document(p, number);
      if (keyIndexedAs(doc, col(row, 'id_hash')!, (k) => pii.index('id-number', k)) !== undefined) return [];
      const key = keyIndexedAs(doc, col(row, 'id_hash')!, (k) => pii.legacyIndex('id-number', k));
      if (key !== undefined)
        return update('person', row.id, { id_hash: [col(row, 'id_hash'), pii.index('id-number', key)] });
    }
    return [];
  },
};

/** The phone a notice went to, when it is still its patient's phone (the sandbox's SMS inbox looks it up). */
const notices: Pass = {
  name: 'notice (phone_hash)',
  select: 'n.id, n.phone_hash, p.phone_enc',
  from: 'notice n JOIN patient p ON p.id = n.patient_id',
  key: 'n.id',
  where: 'n.phone_hash IS NOT NULL',
  plan(row, pii) {
    const phone = pii.decrypt('phone', col(row, 'phone_enc')!);
    return update('notice', row.id, {
      phone_hash: [col(row, 'phone_hash'), reindexed(pii, 'phone', col(row, 'phone_hash'), phone)],
    });
  },
};

const accounts: Pass = {
  name: 'account (phone_enc, phone_hash)',
  select: 't.id, t.phone_enc, t.phone_hash',
  from: 'account t',
  key: 't.id',
  where: 't.phone_enc IS NOT NULL AND t.phone_enc NOT LIKE {v}',
  plan(row, pii) {
    const phone = pii.decrypt('phone', col(row, 'phone_enc')!);
    return update('account', row.id, {
      phone_enc: [col(row, 'phone_enc'), reencrypted(pii, 'phone', col(row, 'phone_enc'))],
      phone_hash: [col(row, 'phone_hash'), reindexed(pii, 'phone', col(row, 'phone_hash'), phone)],
    });
  },
};

/** In this order: persons after the patients that re-index most of them. */
export const PASSES: readonly Pass[] = [
  accounts,
  patients,
  ciphertexts('hospital_secret', 'hospital-secret', ['secret_enc']),
  ciphertexts('imaging_share', 'share', ['token_enc', 'code_enc']),
  ciphertexts('staff_account', 'totp', ['totp_secret']),
  persons,
  notices,
];
