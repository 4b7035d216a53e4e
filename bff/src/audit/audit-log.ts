import type { EntityManager } from 'typeorm';
import type { Database } from '../db/database.js';
import { AuditEvent, type AuditEventRow } from '../db/entities/index.js';
import type { Clock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';

export type AuditEntry = Omit<AuditEventRow, 'id' | 'at' | 'detail' | 'ip' | 'actorId' | 'targetType' | 'targetId'> & {
  actorId?: string | null;
  targetType?: string | null;
  targetId?: string | null;
  ip?: string | null;
  detail?: Record<string, unknown>;
};

/** The security audit trail. Pass the transaction when the audited change is part of one. */
export class AuditLog {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  async record(entry: AuditEntry, tx?: EntityManager): Promise<void> {
    const row: AuditEventRow = {
      id: newId(),
      at: this.clock.now(),
      actorType: entry.actorType,
      actorId: entry.actorId ?? null,
      action: entry.action,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId ?? null,
      ip: entry.ip ?? null,
      detail: entry.detail ? JSON.stringify(entry.detail).slice(0, 1000) : null,
    };
    if (tx) await tx.insert(AuditEvent, row);
    else await this.db.write((m) => m.insert(AuditEvent, row));
  }
}
