import { z } from 'zod';
import { AgreementKind } from './agreements.js';
import { Id, Instant, Phone, Platform, SmsCode } from './common.js';

export const Account = z
  .object({
    id: Id,
    nickname: z.string(),
    phoneMasked: z.string().nullable().meta({ description: 'e.g. 138****5678; null until a phone is bound' }),
    platforms: z.array(Platform).meta({ description: 'Mini-program identities bound to this account' }),
    pendingAgreements: z
      .array(AgreementKind)
      .meta({ description: 'Agreements whose current version the account has not accepted: ask before continuing' }),
    createdAt: Instant,
  })
  .meta({ id: 'Account' });

export const UpdateMeRequest = z
  .object({
    nickname: z.string().trim().min(1).max(20).optional(),
    phone: z.object({ phone: Phone, code: SmsCode }).optional(),
  })
  .refine((v) => v.nickname !== undefined || v.phone !== undefined, { message: '没有需要修改的内容' })
  .meta({ id: 'UpdateMeRequest' });

export const BindRequest = z
  .object({ platform: Platform, code: z.string().min(1).max(256) })
  .meta({ id: 'BindRequest' });

export type Account = z.infer<typeof Account>;
export type UpdateMeRequest = z.infer<typeof UpdateMeRequest>;
export type BindRequest = z.infer<typeof BindRequest>;
