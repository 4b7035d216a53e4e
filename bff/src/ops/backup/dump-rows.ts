import fs from 'node:fs';
import readline from 'node:readline';

/**
 * Rows per table in a mariadb-dump file, and the binary log position it recorded. An extended
 * `INSERT INTO \`t\` VALUES (…),(…);` runs over one line or, as MariaDB 10.11 writes it, one line
 * per row; strings never hold a raw line break (the dump escapes it), so each line is walked on
 * its own, counting the tuples that open outside a quoted string until the statement's `;`.
 */
export async function readDump(file: string): Promise<{
  rows: Record<string, number>;
  binlog: { file: string; position: number } | null;
}> {
  const rows: Record<string, number> = {};
  let binlog: { file: string; position: number } | null = null;
  let inserting: string | null = null;
  const lines = readline.createInterface({ input: fs.createReadStream(file, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) {
    if (inserting) {
      const { tuples, ended } = scanValues(line, 0);
      rows[inserting] = (rows[inserting] ?? 0) + tuples;
      if (ended) inserting = null;
      continue;
    }
    const table = /^CREATE TABLE `([^`]+)`/.exec(line)?.[1];
    if (table) rows[table] ??= 0;
    const insert = /^INSERT INTO `([^`]+)` VALUES ?/.exec(line);
    if (insert) {
      const { tuples, ended } = scanValues(line, insert[0].length);
      rows[insert[1]!] = (rows[insert[1]!] ?? 0) + tuples;
      if (!ended) inserting = insert[1]!;
    }
    const master = /CHANGE MASTER TO MASTER_LOG_FILE='([^']+)', MASTER_LOG_POS=(\d+)/.exec(line);
    if (master) binlog = { file: master[1]!, position: Number(master[2]) };
  }
  return { rows, binlog };
}

/** The tuples opening in one line of a VALUES list (from `from` on), and whether the statement ends there. */
export function scanValues(line: string, from: number): { tuples: number; ended: boolean } {
  let tuples = 0;
  let depth = 0;
  let quoted = false;
  for (let i = from; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '\\') i++;
      else if (c === "'") quoted = false;
    } else if (c === "'") quoted = true;
    else if (c === '(') {
      if (depth === 0) tuples++;
      depth++;
    } else if (c === ')') depth--;
    else if (c === ';' && depth === 0) return { tuples, ended: true };
  }
  return { tuples, ended: false };
}
