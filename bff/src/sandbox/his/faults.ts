import { z } from 'zod';

export const HisFaultRequest = z
  .object({
    mode: z.enum(['refuse', 'timeout', 'fail']),
    count: z.number().int().min(0).max(1000),
  })
  .strict();
export type HisFaultRequest = z.infer<typeof HisFaultRequest>;
export type HisFaultMode = HisFaultRequest['mode'];

/** The faults a test asked for: the next `count` deliveries go wrong this way, then all is well again. */
export class HisFaults {
  private pending: HisFaultRequest | null = null;

  set(request: HisFaultRequest): HisFaultRequest {
    this.pending = request.count > 0 ? { ...request } : null;
    return this.status();
  }

  /** The fault of this delivery, if one is pending (it is used up). */
  take(): HisFaultMode | null {
    if (!this.pending) return null;
    const { mode } = this.pending;
    if (--this.pending.count === 0) this.pending = null;
    return mode;
  }

  status(): HisFaultRequest {
    return this.pending ? { ...this.pending } : { mode: 'refuse', count: 0 };
  }
}
