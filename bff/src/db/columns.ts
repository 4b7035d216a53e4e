import type { EntitySchemaColumnOptions } from 'typeorm';

/** Column helpers that mean the same on SQLite and MariaDB. Instants are UTC epoch milliseconds. */
const toNumber = { from: (v: unknown) => (v === null || v === undefined ? v : Number(v)), to: (v: unknown) => v };

export const col = {
  id: (): EntitySchemaColumnOptions => ({ type: 'varchar', length: 36, primary: true }),
  ref: (nullable = false): EntitySchemaColumnOptions => ({ type: 'varchar', length: 36, nullable }),
  str: (length: number, nullable = false): EntitySchemaColumnOptions => ({ type: 'varchar', length, nullable }),
  text: (nullable = false): EntitySchemaColumnOptions => ({ type: 'text', nullable }),
  int: (nullable = false): EntitySchemaColumnOptions => ({ type: 'int', nullable, transformer: toNumber }),
  bool: (): EntitySchemaColumnOptions => ({
    type: 'boolean',
    transformer: { from: (v: unknown) => Boolean(v), to: (v: unknown) => v },
  }),
  /** A coordinate in degrees (double precision on both databases). */
  degrees: (nullable = false): EntitySchemaColumnOptions => ({ type: 'double', nullable, transformer: toNumber }),
  /** An instant as UTC epoch milliseconds. */
  instant: (nullable = false): EntitySchemaColumnOptions => ({ type: 'bigint', nullable, transformer: toNumber }),
  /** 1 while a row takes part in a unique rule, NULL once it no longer does (NULLs never collide). */
  liveFlag: (): EntitySchemaColumnOptions => ({ type: 'smallint', nullable: true, transformer: toNumber }),
};
