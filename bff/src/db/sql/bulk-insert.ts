/** Anything that runs a parameterised statement: an EntityManager or a SqlTx. */
export interface Queryable {
  query(sql: string, params: unknown[]): Promise<unknown>;
}

/**
 * Multi-row INSERT in chunks (one round trip per chunk). Columns are SQL column names; rows are
 * value arrays in the same order. Works on SQLite and MariaDB.
 */
export async function bulkInsert(tx: Queryable, table: string, columns: string[], rows: unknown[][], chunk = 400): Promise<void> {
  const tuple = `(${columns.map(() => '?').join(',')})`;
  for (let i = 0; i < rows.length; i += chunk) {
    const part = rows.slice(i, i + chunk);
    await tx.query(`INSERT INTO ${table} (${columns.join(',')}) VALUES ${part.map(() => tuple).join(',')}`, part.flat());
  }
}
