/** A database or a single connection to one: what the row counts need. */
export interface Queryable {
  readonly dialect: 'sqlite' | 'mysql';
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
}

/** The tables of the database, in name order (TypeORM's own migrations table included). */
export async function tablesOf(db: Queryable): Promise<string[]> {
  const rows =
    db.dialect === 'sqlite'
      ? await db.query<{ name: string }>(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
        )
      : await db.query<{ name: string }>(
          `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()
            AND table_type = 'BASE TABLE' ORDER BY table_name`,
        );
  return rows.map((r) => r.name);
}

/** Rows per table, as this connection sees them. */
export async function rowCounts(db: Queryable, tables: string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of tables) {
    const quoted = db.dialect === 'sqlite' ? `"${t}"` : `\`${t}\``;
    out[t] = Number((await db.query<{ n: unknown }>(`SELECT COUNT(*) AS n FROM ${quoted}`))[0]!.n);
  }
  return out;
}

/** The name of the last migration applied. */
export async function schemaVersionOf(db: Queryable): Promise<string> {
  const [last] = await db.query<{ name: string }>('SELECT name FROM migrations ORDER BY timestamp DESC LIMIT 1');
  if (!last) throw new Error('the database has no migrations applied');
  return last.name;
}
