import { z } from 'zod';
import { Instant, Phone, Platform, SmsCode } from './common.js';
import { Account } from './account.js';
import { AcceptedAgreements } from './agreements.js';

export const LoginRequest = z
  .object({
    platform: Platform,
    code: z
      .string()
      .min(1)
      .max(256)
      .meta({ description: 'The login code from wx.login / my.getAuthCode / swan.login' }),
    /** The agreements ticked on the login page; recorded with the login. */
    agreements: AcceptedAgreements.optional(),
  })
  .meta({ id: 'LoginRequest' });

export const SmsPurpose = z.enum(['login', 'change-phone']);
/** Every purpose a code is issued for; `delete-account` codes go to the account's own phone only. */
export const SMS_PURPOSES = [...SmsPurpose.options, 'delete-account'] as const;

export const SmsSendRequest = z
  .object({ phone: Phone, purpose: SmsPurpose.default('login') })
  .meta({ id: 'SmsSendRequest' });

export const SmsSendResponse = z.object({
  sent: z.literal(true),
  resendAfterSeconds: z.number().int(),
  expiresInSeconds: z.number().int(),
});

export const SmsLoginRequest = z
  .object({
    phone: Phone,
    code: SmsCode,
    /** The mini-program the code is typed into; absent in the H5 app. Bookings of the session count under it. */
    platform: Platform.optional(),
    agreements: AcceptedAgreements.optional(),
  })
  .meta({ id: 'SmsLoginRequest' });

export const AuthResponse = z
  .object({ token: z.string(), expiresAt: Instant, account: Account })
  .meta({ id: 'AuthResponse' });

export type LoginRequest = z.infer<typeof LoginRequest>;
export type SmsPurpose = z.infer<typeof SmsPurpose>;
export type SmsCodePurpose = (typeof SMS_PURPOSES)[number];
export type SmsSendRequest = z.infer<typeof SmsSendRequest>;
export type SmsLoginRequest = z.infer<typeof SmsLoginRequest>;
export type AuthResponse = z.infer<typeof AuthResponse>;
export type SmsSendResponse = z.infer<typeof SmsSendResponse>;
