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

/** A key of a table: unique keys are named for the rule they hold (uq_booking_order_one_per_slot). */
export interface KeySpec {
  name: string;
  columns: string[];
  unique?: boolean;
}

export function table(name: string, defs: Record<string, Spec>, keys: KeySpec[] = [], primary = 'id'): Table {
  return new Table({
    name,
    columns: columns(defs, primary),
    indices: keys.map((k) => new TableIndex({ name: k.name, columnNames: k.columns, isUnique: !!k.unique })),
  });
}

/**
 * The tables of the first migrations, whose keys were named by position (uq_booking_order_1);
 * NamedKeys1764600000000 renames them. New tables use `table` and name their keys.
 */
export function positionallyKeyedTable(
  name: string,
  defs: Record<string, Spec>,
  indices: [string[], boolean?][] = [],
): Table {
  return table(
    name,
    defs,
    indices.map(([cols, unique], i) => ({
      name: `${unique ? 'uq' : 'ix'}_${name}_${i}`,
      columns: cols,
      unique: !!unique,
    })),
  );
}

export const ID = 'varchar(36)';
export const REF = 'varchar(36)';
