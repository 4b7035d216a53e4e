import { z } from 'zod';
import { Id, Instant } from './common.js';

/** A hospital's interface secret as the console lists it: never its value. */
export const HospitalSecretInfo = z
  .object({ id: Id, issuedAt: Instant, retiredAt: Instant.nullable(), active: z.boolean() })
  .meta({ id: 'HospitalSecretInfo' });

export const HospitalEndpointsView = z
  .object({
    webhookUrl: z.string().nullable(),
    fhirBaseUrl: z.string().nullable(),
    dicomwebBaseUrl: z.string().nullable(),
  })
  .meta({ id: 'HospitalEndpoints' });

/** How the pushes to the hospital's webhook are going. */
export const DeliveryHealth = z
  .object({
    pending: z.number().int().meta({ description: 'Events not yet taken by the hospital' }),
    oldestPendingAt: Instant.nullable(),
    oldestPendingAgeSeconds: z.number().int().nullable(),
    lastSuccessAt: Instant.nullable(),
    lastFailure: z.object({ at: Instant, error: z.string() }).nullable(),
    failuresLast24h: z.number().int().meta({ description: 'Failed push attempts in the last 24 hours' }),
    consecutiveFailures: z.number().int(),
    nextAttemptAt: Instant.nullable().meta({ description: 'When a hospital that keeps failing is tried again' }),
    stream: z.object({
      lastSeq: z.number().int().meta({ description: 'The number of the newest event of its stream (0: none yet)' }),
      firstPendingSeq: z.number().int().nullable(),
    }),
  })
  .meta({ id: 'DeliveryHealth' });

export const HospitalRegistryEntry = z
  .object({
    id: Id,
    code: z.string(),
    name: z.string(),
    level: z.string(),
    levelLabel: z.string(),
    district: z.string(),
    secrets: z.array(HospitalSecretInfo),
    endpoints: HospitalEndpointsView,
    delivery: DeliveryHealth,
  })
  .meta({ id: 'HospitalRegistryEntry' });

export const HospitalRegistryList = z
  .object({ items: z.array(HospitalRegistryEntry) })
  .meta({ id: 'HospitalRegistryList' });

/** An http(s) address, or '' to clear it (the same rule as the staff CLI's hospital-endpoints set). */
const EndpointUrl = z
  .string()
  .trim()
  .max(300, '地址最多 300 个字符')
  .refine(
    (v) => {
      if (v === '') return true;
      try {
        const u = new URL(v);
        return u.protocol === 'https:' || u.protocol === 'http:';
      } catch {
        return false;
      }
    },
    { message: '请输入以 http:// 或 https:// 开头的完整地址（留空则清除）' },
  );

export const HospitalEndpointsChange = z
  .object({
    webhookUrl: EndpointUrl.optional(),
    fhirBaseUrl: EndpointUrl.optional(),
    dicomwebBaseUrl: EndpointUrl.optional(),
  })
  .strict()
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: '请至少填写一个地址' })
  .meta({ id: 'HospitalEndpointsChange' });

export const HospitalSecretParams = z.object({ id: Id, secretId: Id });

/** Shown once, in the answer that issues it: nobody can read it again. */
export const IssuedHospitalSecret = z
  .object({ secretId: Id, secret: z.string(), issuedAt: Instant })
  .meta({ id: 'IssuedHospitalSecret' });

export type HospitalRegistryEntry = z.infer<typeof HospitalRegistryEntry>;
export type DeliveryHealth = z.infer<typeof DeliveryHealth>;
export type HospitalEndpointsChange = z.infer<typeof HospitalEndpointsChange>;
