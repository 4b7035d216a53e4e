import { EntitySchema } from 'typeorm';
import { col } from '../columns.js';

export interface AccountRow {
  id: string;
  nickname: string;
  /** AES-256-GCM ciphertext of the phone number; see identity/pii. */
  phoneEnc: string | null;
  /** HMAC of the phone number: the lookup key (unique). */
  phoneHash: string | null;
  phoneMasked: string | null;
  status: 'active' | 'disabled' | 'deleted';
  createdAt: number;
  updatedAt: number;
  /** When the account was deleted (注销) by its holder. */
  deletedAt: number | null;
}

export const Account = new EntitySchema<AccountRow>({
  name: 'Account',
  tableName: 'account',
  columns: {
    id: col.id(),
    nickname: col.str(40),
    phoneEnc: { ...col.str(200, true), name: 'phone_enc' },
    phoneHash: { ...col.str(64, true), name: 'phone_hash' },
    phoneMasked: { ...col.str(20, true), name: 'phone_masked' },
    status: col.str(10),
    createdAt: { ...col.instant(), name: 'created_at' },
    updatedAt: { ...col.instant(), name: 'updated_at' },
    deletedAt: { ...col.instant(true), name: 'deleted_at' },
  },
});

export interface AccountIdentityRow {
  id: string;
  accountId: string;
  platform: 'weapp' | 'alipay' | 'swan';
  openId: string;
  unionId: string | null;
  createdAt: number;
}

export const AccountIdentity = new EntitySchema<AccountIdentityRow>({
  name: 'AccountIdentity',
  tableName: 'account_identity',
  columns: {
    id: col.id(),
    accountId: { ...col.ref(), name: 'account_id' },
    platform: col.str(10),
    openId: { ...col.str(128), name: 'open_id' },
    unionId: { ...col.str(128, true), name: 'union_id' },
    createdAt: { ...col.instant(), name: 'created_at' },
  },
});

export interface SmsCodeRow {
  id: string;
  phoneHash: string;
  purpose: string;
  codeHash: string;
  attempts: number;
  expiresAt: number;
  consumedAt: number | null;
  createdAt: number;
}

export const SmsCode = new EntitySchema<SmsCodeRow>({
  name: 'SmsCode',
  tableName: 'sms_code',
  columns: {
    id: col.id(),
    phoneHash: { ...col.str(64), name: 'phone_hash' },
    purpose: col.str(20),
    codeHash: { ...col.str(64), name: 'code_hash' },
    attempts: col.int(),
    expiresAt: { ...col.instant(), name: 'expires_at' },
    consumedAt: { ...col.instant(true), name: 'consumed_at' },
    createdAt: { ...col.instant(), name: 'created_at' },
  },
});
