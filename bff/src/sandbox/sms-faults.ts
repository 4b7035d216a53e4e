/** Failures the tester asked for: the next `times` sends (to `phone`, or to anyone) answer `code`. */
export interface SmsFault {
  phone: string | null;
  code: string;
  times: number;
}

export class SmsFaults {
  private readonly faults: SmsFault[] = [];

  /** `{phone?, code?, times?}` from the tester; null when it is not that shape. */
  add(input: unknown): SmsFault | null {
    const o = (input ?? {}) as Record<string, unknown>;
    const times = o.times === undefined ? 1 : Number(o.times);
    if (!Number.isInteger(times) || times < 1 || times > 1000) return null;
    if (o.phone !== undefined && typeof o.phone !== 'string') return null;
    if (o.code !== undefined && typeof o.code !== 'string') return null;
    const fault = {
      phone: (o.phone as string | undefined) ?? null,
      code: (o.code as string) ?? 'isp.SYSTEM_ERROR',
      times,
    };
    this.faults.push(fault);
    return fault;
  }

  /** The code this send must fail with, if a fault is armed for it (and uses one of its times). */
  take(phones: readonly string[]): string | null {
    const fault = this.faults.find((f) => f.phone === null || phones.includes(f.phone));
    if (!fault) return null;
    if (--fault.times === 0) this.faults.splice(this.faults.indexOf(fault), 1);
    return fault.code;
  }
}
