import { z } from 'zod';
import { STAFF_ROLES } from '../labels.js';
import { Id, Instant } from './common.js';

export const StaffRoleSchema = z.enum(STAFF_ROLES).meta({
  id: 'StaffRole',
  description:
    'admin 卫健委管理员 | auditor 卫健委审计员 | finance 医院财务 | scheduler 医院排班员 | agent 电话预约坐席',
});

export const StaffUsername = z
  .string()
  .trim()
  .min(3, '用户名至少 3 个字符')
  .max(40, '用户名最多 40 个字符')
  .regex(/^[A-Za-z0-9_.-]+$/, '用户名只能包含字母、数字和 _ . -');

/** A new password: long enough that the lock-out, not guessing, is what stops an attacker. */
export const StaffNewPassword = z
  .string()
  .min(12, '密码至少 12 位')
  .max(128, '密码最多 128 位')
  .refine((p) => /[A-Za-z]/.test(p) && /\d/.test(p), { message: '密码须同时包含字母和数字' });

export const TotpCode = z.string().regex(/^\d{6}$/, '请输入 6 位动态口令');

export const StaffLoginRequest = z
  .object({
    username: StaffUsername,
    password: z.string().min(1, '请输入密码').max(128, '密码最多 128 位'),
    totp: TotpCode,
  })
  .meta({ id: 'StaffLoginRequest' });

const HospitalRef = z.object({ id: Id, name: z.string() });

export const StaffProfile = z
  .object({
    id: Id,
    username: z.string(),
    name: z.string(),
    role: StaffRoleSchema,
    roleLabel: z.string(),
    /** The hospital a finance clerk or scheduler works for; null for the commission's staff and agents. */
    hospital: HospitalRef.nullable(),
    /** The password was set by an administrator (a new account or a reset): change it before anything else. */
    mustChangePassword: z.boolean(),
  })
  .meta({ id: 'StaffProfile' });

export const StaffSession = z
  .object({
    staff: StaffProfile,
    /** Sent back as `X-CSRF-Token` with every request that changes something. */
    csrfToken: z.string(),
    idleTimeoutSeconds: z.number().int(),
    /** The session ends then at the latest, however active. */
    expiresAt: Instant,
  })
  .meta({ id: 'StaffSession' });

export const StaffChangePasswordRequest = z
  .object({ currentPassword: z.string().min(1).max(128), newPassword: StaffNewPassword })
  .refine((v) => v.currentPassword !== v.newPassword, { message: '新密码不能与原密码相同', path: ['newPassword'] })
  .meta({ id: 'StaffChangePasswordRequest' });

export const StaffAccountItem = z
  .object({
    id: Id,
    /** null: a machine key (Authorization: Bearer sk_…), which has no login. */
    username: z.string().nullable(),
    name: z.string(),
    role: StaffRoleSchema,
    roleLabel: z.string(),
    hospital: HospitalRef.nullable(),
    kind: z.enum(['login', 'key']),
    createdAt: Instant,
    lastLoginAt: Instant.nullable(),
    lockedUntil: Instant.nullable(),
    disabledAt: Instant.nullable(),
  })
  .meta({ id: 'StaffAccountItem' });

export const StaffAccountList = z.object({ items: z.array(StaffAccountItem) }).meta({ id: 'StaffAccountList' });

export const CreateStaffRequest = z
  .object({
    username: StaffUsername,
    name: z.string().trim().min(1, '请输入姓名').max(60, '姓名最多 60 个字符'),
    role: StaffRoleSchema,
    hospitalId: Id.optional(),
  })
  .refine((v) => (v.role === 'finance' || v.role === 'scheduler') === (v.hospitalId !== undefined), {
    message: '医院财务和排班员须选择所属医院，其他角色不属于某家医院',
    path: ['hospitalId'],
  })
  .meta({ id: 'CreateStaffRequest' });

/** Shown once, when an account is made or its credentials reset: nobody can read them again. */
export const StaffCredentials = z
  .object({
    staff: StaffAccountItem,
    initialPassword: z.string(),
    totp: z.object({
      secret: z.string().meta({ description: 'base32, for typing into an authenticator app' }),
      uri: z.string().meta({ description: 'otpauth://totp/… for a QR code' }),
    }),
  })
  .meta({ id: 'StaffCredentials' });

export const RevealRequest = z
  .object({
    kind: z.enum(['patient', 'account']),
    id: Id,
    field: z.enum(['idNumber', 'phone']),
    reason: z.string().trim().min(4, '请写明查看原因（至少 4 个字）').max(200, '原因最多 200 个字'),
  })
  .refine((v) => !(v.kind === 'account' && v.field === 'idNumber'), {
    message: '账号没有证件号码',
    path: ['field'],
  })
  .meta({ id: 'RevealRequest' });

export const RevealResult = z.object({ value: z.string() }).meta({ id: 'RevealResult' });

export type StaffProfile = z.infer<typeof StaffProfile>;
export type StaffSession = z.infer<typeof StaffSession>;
export type StaffAccountItem = z.infer<typeof StaffAccountItem>;
export type StaffCredentials = z.infer<typeof StaffCredentials>;
