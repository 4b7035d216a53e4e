const YUAN = new Intl.NumberFormat('zh-CN', { style: 'currency', currency: 'CNY', minimumFractionDigits: 2 });

/** Money arrives as integer fen; people read yuan (¥1,234.50). */
export function yuan(fen: number | null | undefined): string {
  return fen === null || fen === undefined ? '—' : YUAN.format(fen / 100);
}

/** Fen as a number of yuan, for charts. */
export const fenToYuan = (fen: number): number => Math.round(fen) / 100;
