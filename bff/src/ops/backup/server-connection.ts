import mysql from 'mysql2/promise';
import { MYSQL_ROW_OPTIONS } from '../../db/mysql-row-options.js';
import type { Queryable } from './tables.js';

export type ServerConnection = Queryable & { end(): Promise<void> };

/** One connection of its own to the server (a snapshot transaction must stay on one). */
export async function openServerConnection(url: string): Promise<ServerConnection> {
  const conn = await mysql.createConnection({ uri: url, ...MYSQL_ROW_OPTIONS });
  return {
    dialect: 'mysql',
    query: async <T>(sql: string, params: unknown[] = []) => (await conn.query(sql, params))[0] as T[],
    end: () => conn.end(),
  };
}
