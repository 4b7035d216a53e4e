import { fenToYuan } from '../pay/money.js';

/** A cell: text (guarded against formula injection) or money in fen (written as yuan, a number to Excel). */
export type Cell = string | null | { fen: number | null };

const NEEDS_QUOTES = /[",\r\n]/;
const FORMULA = /^[=+\-@\t\r]/;

function cell(c: Cell): string {
  if (c !== null && typeof c === 'object') return c.fen === null ? '' : fenToYuan(c.fen);
  let text = c ?? '';
  // A value a spreadsheet would run as a formula is shown as text instead.
  if (FORMULA.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** CSV that Excel opens correctly on a Chinese Windows: UTF-8 with BOM, CRLF line ends. */
export function toCsv(header: string[], rows: Cell[][]): string {
  return `\uFEFF${[header.map(cell), ...rows.map((r) => r.map(cell))].map((r) => r.join(',')).join('\r\n')}\r\n`;
}
