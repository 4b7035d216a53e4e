/** Anything that runs a parameterised statement: an EntityManager or a SqlTx. */
export interface Queryable {
  query(sql: string, params: unknown[]): Promise<unknown>;
}

/**
 * Multi-row INSERT in chunks (one round trip per chunk). Columns are SQL column names; rows are
 * value arrays in the same order. Works on SQLite and MariaDB.
 */
export interface Statement {
  sql: string;
  params: unknown[];
}

/** The multi-row INSERT statements for `rows`, in chunks. */
export function bulkInsertStatements(table: string, columns: string[], rows: unknown[][], chunk = 400): Statement[] {
  const tuple = `(${columns.map(() => '?').join(',')})`;
  const out: Statement[] = [];
  for (let i = 0; i < rows.length; i += chunk) {
    const part = rows.slice(i, i + chunk);
    out.push({
      sql: `INSERT INTO ${table} (${columns.join(',')}) VALUES ${part.map(() => tuple).join(',')}`,
      params: part.flat(),
    });
  }
  return out;
}

export async function bulkInsert(
  tx: Queryable,
  table: string,
  columns: string[],
  rows: unknown[][],
  chunk = 400,
): Promise<void> {
  for (const s of bulkInsertStatements(table, columns, rows, chunk)) await tx.query(s.sql, s.params);
}
