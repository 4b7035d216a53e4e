import { z } from 'zod';
import { ERROR_CODES } from '../errors.js';
import { PHONE_RULE, SMS_CODE_RULE } from '../field-rules.js';

// Validation messages reach patients: zod's own messages (where a schema sets none) in Chinese.
z.config(z.locales.zhCN());

export const Id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, '标识格式不正确')
  .meta({ description: 'An opaque identifier' });

/** A calendar date in Asia/Shanghai, e.g. 2026-11-23. */
export const CalendarDate = z.iso.date().meta({ description: 'Calendar date in Asia/Shanghai (YYYY-MM-DD)' });
/** An instant, always serialised in UTC (ISO 8601 with Z). */
export const Instant = z.iso.datetime().meta({ description: 'Instant in UTC (ISO 8601)' });

export const Platform = z.enum(['weapp', 'alipay', 'swan']).meta({ description: 'Mini-program platform' });
export type Platform = z.infer<typeof Platform>;

export const Phone = z.string().regex(PHONE_RULE.pattern, PHONE_RULE.message);

export const SmsCode = z.string().regex(SMS_CODE_RULE.pattern, SMS_CODE_RULE.message);

export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(50).default(20),
});

export function paged<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    page: z.number().int(),
    pageSize: z.number().int(),
    total: z.number().int(),
  });
}

export const ErrorBody = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES as [string, ...string[]]),
      message: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .meta({ id: 'Error' });
export type ErrorBody = z.infer<typeof ErrorBody>;

export const IdParams = z.object({ id: Id });
export const Ok = z.object({ ok: z.literal(true) });

/** One page of a list answer. */
export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}
