import type { EntitySchema, EntitySchemaColumnOptions } from 'typeorm';
import { bulkInsertStatements, type Queryable, type Statement } from './bulk-insert.js';

/** A table as its entity schema states it: the one place its columns are written down. */
interface TableShape<Row> {
  name: string;
  properties: (keyof Row & string)[];
  /** SQL column name of each property, in the entity's order. */
  columns: string[];
  columnOf: Map<string, string>;
}

const shapes = new WeakMap<EntitySchema<never>, TableShape<never>>();

function shapeOf<Row>(entity: EntitySchema<Row>): TableShape<Row> {
  const known = shapes.get(entity as EntitySchema<never>);
  if (known) return known as TableShape<Row>;
  const { tableName, columns } = entity.options;
  if (!tableName) throw new Error(`entity ${entity.options.name} names no table`);
  const entries = Object.entries(columns) as [keyof Row & string, EntitySchemaColumnOptions][];
  const columnOf = new Map(entries.map(([property, c]) => [property, c.name ?? property]));
  const shape: TableShape<Row> = {
    name: tableName,
    properties: entries.map(([p]) => p),
    columns: [...columnOf.values()],
    columnOf,
  };
  shapes.set(entity as EntitySchema<never>, shape as TableShape<never>);
  return shape;
}

/** SQLite binds no booleans; both engines store them as 0/1. An optional property left out is NULL. */
const bindable = (v: unknown) => (typeof v === 'boolean' ? Number(v) : (v ?? null));

export function tableName<Row>(entity: EntitySchema<Row>): string {
  return shapeOf(entity).name;
}

/** `a.col_one, a.col_two` for the given properties (all of them when none are given). */
export function columnList<Row>(
  entity: EntitySchema<Row>,
  properties?: readonly (keyof Row & string)[],
  alias?: string,
): string {
  const shape = shapeOf(entity);
  const prefix = alias ? `${alias}.` : '';
  return (properties ?? shape.properties).map((p) => `${prefix}${shape.columnOf.get(p)!}`).join(', ');
}

/** The multi-row INSERT statements of whole rows, every column of the entity in its order. */
export function insertStatements<Row>(entity: EntitySchema<Row>, rows: readonly Row[], chunk?: number): Statement[] {
  const shape = shapeOf(entity);
  const values = rows.map((row) => shape.properties.map((p) => bindable(row[p])));
  return bulkInsertStatements(shape.name, shape.columns, values, chunk);
}

export async function insertRows<Row>(
  tx: Queryable,
  entity: EntitySchema<Row>,
  rows: readonly Row[],
  chunk?: number,
): Promise<void> {
  for (const s of insertStatements(entity, rows, chunk)) await tx.query(s.sql, s.params);
}
