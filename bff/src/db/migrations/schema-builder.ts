import { Table, TableIndex, type TableColumnOptions } from 'typeorm';

/** Column specs and a table builder shared by the migrations (the same DDL on SQLite and MariaDB). */
type Spec = string; // "varchar(36)", "int", "bigint?", "text" …; a trailing ? makes it nullable

function columns(defs: Record<string, Spec>, primary = 'id'): TableColumnOptions[] {
  return Object.entries(defs).map(([name, spec]) => {
    const nullable = spec.endsWith('?');
    const bare = nullable ? spec.slice(0, -1) : spec;
    const m = /^(\w+)(?:\((\d+)\))?$/.exec(bare);
    if (!m) throw new Error(`bad column spec ${spec}`);
    return { name, type: m[1]!, ...(m[2] ? { length: m[2] } : {}), isNullable: nullable, isPrimary: name === primary };
  });
}

export function table(name: string, defs: Record<string, Spec>, indices: [string[], boolean?][] = []): Table {
  return new Table({
    name,
    columns: columns(defs),
    indices: indices.map(([cols, unique], i) => new TableIndex({ name: `${unique ? 'uq' : 'ix'}_${name}_${i}`, columnNames: cols, isUnique: !!unique })),
  });
}

export const ID = 'varchar(36)';
export const REF = 'varchar(36)';
