import { z } from 'zod';
import { AGREEMENT_KINDS } from '../labels.js';
import { Instant, SmsCode } from './common.js';

export const AgreementKind = z.enum(AGREEMENT_KINDS);
const Version = z
  .string()
  .regex(/^[A-Za-z0-9._-]{1,32}$/, '协议版本格式不正确')
  .meta({ description: 'A published version, e.g. 2026-12' });

/** The current version of one agreement, with its text. */
export const Agreement = z
  .object({ kind: AgreementKind, version: Version, title: z.string(), body: z.string(), publishedAt: Instant })
  .meta({ id: 'Agreement' });

export const AgreementList = z.object({ items: z.array(Agreement) }).meta({ id: 'AgreementList' });

/** The versions of 用户协议 and 隐私政策 the patient read and agreed to (refused when no longer current). */
export const AcceptedAgreements = z.object({ terms: Version, privacy: Version }).meta({ id: 'AcceptedAgreements' });

/** 注销账号: the SMS code sent to the account's own phone. */
export const DeleteAccountRequest = z.object({ code: SmsCode }).meta({ id: 'DeleteAccountRequest' });

export const DeletionCodeResponse = z.object({
  sent: z.literal(true),
  phoneMasked: z.string(),
  resendAfterSeconds: z.number().int(),
  expiresInSeconds: z.number().int(),
});

export type AgreementKind = z.infer<typeof AgreementKind>;
export type Agreement = z.infer<typeof Agreement>;
export type AgreementList = z.infer<typeof AgreementList>;
export type AcceptedAgreements = z.infer<typeof AcceptedAgreements>;
export type DeleteAccountRequest = z.infer<typeof DeleteAccountRequest>;
export type DeletionCodeResponse = z.infer<typeof DeletionCodeResponse>;
