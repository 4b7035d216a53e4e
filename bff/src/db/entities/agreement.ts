import { EntitySchema } from 'typeorm';
import { col } from '../columns.js';

/** A published version of 用户协议 or 隐私政策: the newest whose time has come is the one in force. */
export interface AgreementVersionRow {
  id: string;
  kind: 'terms' | 'privacy';
  version: string;
  title: string;
  body: string;
  publishedAt: number;
  createdAt: number;
}

export const AgreementVersion = new EntitySchema<AgreementVersionRow>({
  name: 'AgreementVersion',
  tableName: 'agreement_version',
  columns: {
    id: col.id(),
    kind: col.str(16),
    version: col.str(32),
    title: col.str(60),
    body: col.text(),
    publishedAt: { ...col.instant(), name: 'published_at' },
    createdAt: { ...col.instant(), name: 'created_at' },
  },
});

/** An account's acceptance of one version (every acceptance kept: which version, and when). */
export interface AgreementAcceptanceRow {
  id: string;
  accountId: string;
  kind: 'terms' | 'privacy';
  version: string;
  acceptedAt: number;
}

export const AgreementAcceptance = new EntitySchema<AgreementAcceptanceRow>({
  name: 'AgreementAcceptance',
  tableName: 'agreement_acceptance',
  columns: {
    id: col.id(),
    accountId: { ...col.ref(), name: 'account_id' },
    kind: col.str(16),
    version: col.str(32),
    acceptedAt: { ...col.instant(), name: 'accepted_at' },
  },
});
