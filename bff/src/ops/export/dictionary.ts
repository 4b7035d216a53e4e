import type { Database } from '../../db/database.js';
import { TABLE_DESCRIPTIONS } from './table-descriptions.js';

export interface ColumnEntry {
  name: string;
  type: string;
  nullable: boolean;
  primary: boolean;
  /** How to read the value: times, money, ciphertexts. */
  note?: string;
}

export interface TableEntry {
  name: string;
  description: string;
  primaryKey: string[];
  columns: ColumnEntry[];
}

/**
 * Ciphertext columns holding personal data an administrator's key may decrypt: their PII field and
 * the column the plain value is written as.
 */
export const PERSONAL_CIPHERTEXTS: Record<string, Record<string, { field: 'phone' | 'id-number'; as: string }>> = {
  account: { phone_enc: { field: 'phone', as: 'phone' } },
  patient: { id_enc: { field: 'id-number', as: 'id_number' }, phone_enc: { field: 'phone', as: 'phone' } },
};

function noteOf(table: string, column: string, type: string): string | undefined {
  const personal = PERSONAL_CIPHERTEXTS[table]?.[column];
  if (personal)
    return (
      'personal data, ciphertext "v1.<base64url>" (AES-256-GCM) or "v2.<base64url>" (SM4-CTR + HMAC-SM3); ' +
      `written plain as ${personal.as} with the key`
    );
  if (column.endsWith('_enc')) return 'a secret, encrypted; never decrypted in an export';
  if (column.endsWith('_hash')) return 'a one-way hash (or HMAC blind index), not reversible';
  if (column.endsWith('_fen')) return 'money in fen (1 yuan = 100 fen), an integer';
  if (
    type === 'bigint' &&
    (column.endsWith('_at') || column === 'at' || column.endsWith('_until') || column.endsWith('_deadline'))
  )
    return 'an instant: UTC milliseconds since 1970-01-01';
  if (column === 'live') return '1 while the row takes part in a unique rule, null after';
  return undefined;
}

/** The tables as TypeORM describes them (migrations' own table added), for the data dictionary. */
export function dictionaryOf(db: Database, tables: string[]): TableEntry[] {
  const byTable = new Map(db.ds.entityMetadatas.map((m) => [m.tableName, m]));
  return tables.map((name) => {
    const meta = byTable.get(name);
    const columns: ColumnEntry[] = meta
      ? meta.columns.map((c) => {
          const type = String(typeof c.type === 'function' ? c.type.name : c.type).toLowerCase();
          const sized = c.length ? `${type}(${c.length})` : type;
          const note = noteOf(name, c.databaseName, type);
          return {
            name: c.databaseName,
            type: sized,
            nullable: c.isNullable,
            primary: c.isPrimary,
            ...(note ? { note } : {}),
          };
        })
      : [
          { name: 'id', type: 'int', nullable: false, primary: true },
          { name: 'timestamp', type: 'bigint', nullable: false, primary: false, note: 'the migration’s own timestamp' },
          { name: 'name', type: 'varchar(255)', nullable: false, primary: false },
        ];
    return {
      name,
      description: TABLE_DESCRIPTIONS[name] ?? '',
      primaryKey: columns.filter((c) => c.primary).map((c) => c.name),
      columns,
    };
  });
}

/** The dictionary as a page a person reads. */
export function dictionaryMarkdown(tables: TableEntry[]): string {
  const out = [
    '# Data dictionary',
    '',
    'Every table is one `<table>.jsonl` file: one JSON object per row, keys the column names.',
    '',
  ];
  for (const t of tables) {
    out.push(
      `## ${t.name}`,
      '',
      t.description,
      '',
      '| Column | Type | Null | Key | Note |',
      '| --- | --- | --- | --- | --- |',
    );
    for (const c of t.columns)
      out.push(`| ${c.name} | ${c.type} | ${c.nullable ? 'yes' : ''} | ${c.primary ? 'PK' : ''} | ${c.note ?? ''} |`);
    out.push('');
  }
  return out.join('\n');
}
