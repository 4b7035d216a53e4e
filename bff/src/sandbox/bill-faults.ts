/**
 * A wrong line a tester wants in a day's bill (WeChat Pay and Alipay emulators alike): a payment
 * left out, its amount changed (by `amountFen`, default one yuan more), its state changed, or an
 * extra line for a trade the merchant never made.
 */
export interface BillFault {
  kind: 'drop' | 'amount' | 'status' | 'extra';
  outTradeNo?: string;
  amountFen?: number;
}

export const BILL_FAULT_KINDS = ['drop', 'amount', 'status', 'extra'] as const;

/** The faults of a `bill-faults` request body, or null when it is not `{billDate, faults: [...]}`. */
export function parseBillFaults(input: unknown): { billDate: string; faults: BillFault[] } | null {
  const { billDate, faults } = (input ?? {}) as { billDate?: unknown; faults?: unknown };
  if (typeof billDate !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(billDate) || !Array.isArray(faults)) return null;
  const ok = faults.every((f: unknown) => {
    const x = f as BillFault;
    return (
      x &&
      (BILL_FAULT_KINDS as readonly string[]).includes(x.kind) &&
      (x.kind === 'extra' || typeof x.outTradeNo === 'string')
    );
  });
  return ok ? { billDate, faults: faults as BillFault[] } : null;
}

/** WeChat Pay and Alipay both charge 0.6 % on mini-program payments, rounded to the fen. */
export const feeOf = (fen: number): number => Math.round((fen * 6) / 1000);
