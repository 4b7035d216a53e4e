import { type MigrationInterface, type QueryRunner, TableColumn, TableIndex } from 'typeorm';

const INDEXES: [table: string, index: TableIndex][] = [
  ['patient', new TableIndex({ name: 'ix_patient_phone', columnNames: ['phone_hash'] })],
  ['patient', new TableIndex({ name: 'ix_patient_name', columnNames: ['name'] })],
  ['audit_event', new TableIndex({ name: 'ix_audit_event_action_at', columnNames: ['action', 'at'] })],
  ['audit_event', new TableIndex({ name: 'ix_audit_event_actor_type_at', columnNames: ['actor_type', 'at'] })],
];

/**
 * The console's oversight pages: a lifted suspension is remembered (the no-shows marked before it
 * no longer count toward the next one); a patient is found by the blind index of their phone
 * (filled for the rows of before on the first search, as only the application holds the key) or
 * by name; the audit trail is searched by action (or its prefix) and by the kind of actor, newest
 * first. (The suspended are listed by ix_person_blacklisted_until of the statistics' migration.)
 */
export class ConsoleAudit1765400000000 implements MigrationInterface {
  name = 'ConsoleAudit1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn(
      'patient',
      new TableColumn({ name: 'phone_hash', type: 'varchar', length: '64', isNullable: true }),
    );
    await q.addColumn('person', new TableColumn({ name: 'blacklist_lifted_at', type: 'bigint', isNullable: true }));
    for (const [table, index] of INDEXES) await q.createIndex(table, index);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [table, index] of [...INDEXES].reverse()) await q.dropIndex(table, index.name!);
    await q.dropColumn('person', 'blacklist_lifted_at');
    await q.dropColumn('patient', 'phone_hash');
  }
}
