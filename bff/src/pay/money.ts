/** Money crosses the channels' wire as yuan text ("50.00", "-0.30"); inside it is integer fen. */

const YUAN = /^([+-])?(\d+)(?:\.(\d{1,2}))?$/;

/** Exact yuan text → fen, without floating point. Throws RangeError on anything else. */
export function yuanToFen(text: string): number {
  const m = YUAN.exec(text.trim());
  if (!m) throw new RangeError(`not a yuan amount: ${JSON.stringify(text)}`);
  const fen = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  if (!Number.isSafeInteger(fen)) throw new RangeError(`yuan amount out of range: ${text}`);
  return m[1] === '-' && fen !== 0 ? -fen : fen;
}

/** Fen → yuan text with two decimals ("50.00", "-0.30"). */
export function fenToYuan(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`fen must be an integer: ${fen}`);
  const abs = Math.abs(fen);
  return `${fen < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
