import type { AuditLog } from '../audit/audit-log.js';
import type { Database } from '../db/database.js';
import type { Pii } from '../identity/pii.js';
import { AppError } from '../shared/errors.js';
import type { Staff } from './staff.js';

export interface RevealInput {
  kind: 'patient' | 'account';
  id: string;
  field: 'idNumber' | 'phone';
  reason: string;
}

/**
 * Personal data is masked on every console page; one value in full is shown only for a stated
 * reason, and the audit trail keeps who saw whose what, when and why (never the value).
 */
export class PersonalDataReveal {
  constructor(
    private readonly db: Database,
    private readonly pii: Pii,
    private readonly audit: AuditLog,
  ) {}

  async reveal(staff: Staff, input: RevealInput, ip: string): Promise<string> {
    const column = input.field === 'idNumber' ? 'id_enc' : 'phone_enc';
    const table = input.kind === 'patient' ? 'patient' : 'account';
    const [row] = await this.db.query<{ v: string | null }>(`SELECT ${column} AS v FROM ${table} WHERE id = ?`, [
      input.id,
    ]);
    if (!row?.v) throw new AppError('NOT_FOUND', '未找到该人员的信息');
    const value = this.pii.decrypt(input.field === 'idNumber' ? 'id-number' : 'phone', row.v);
    await this.audit.record({
      actorType: 'staff',
      actorId: staff.id,
      action: 'pii.reveal',
      targetType: input.kind,
      targetId: input.id,
      ip,
      detail: { field: input.field, reason: input.reason },
    });
    return value;
  }
}
