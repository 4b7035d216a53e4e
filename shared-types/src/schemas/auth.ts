import { z } from 'zod';
import { Instant, Phone, Platform, SmsCode } from './common.js';
import { Account } from './account.js';

export const LoginRequest = z
  .object({
    platform: Platform,
    code: z
      .string()
      .min(1)
      .max(256)
      .meta({ description: 'The login code from wx.login / my.getAuthCode / swan.login' }),
  })
  .meta({ id: 'LoginRequest' });

export const SmsPurpose = z.enum(['login', 'change-phone']);

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
  })
  .meta({ id: 'SmsLoginRequest' });

export const AuthResponse = z
  .object({ token: z.string(), expiresAt: Instant, account: Account })
  .meta({ id: 'AuthResponse' });

export type LoginRequest = z.infer<typeof LoginRequest>;
export type SmsPurpose = z.infer<typeof SmsPurpose>;
export type SmsSendRequest = z.infer<typeof SmsSendRequest>;
export type SmsLoginRequest = z.infer<typeof SmsLoginRequest>;
export type AuthResponse = z.infer<typeof AuthResponse>;
export type SmsSendResponse = z.infer<typeof SmsSendResponse>;
