import type { MigrationInterface, QueryRunner } from 'typeorm';
import { table } from './schema-builder.js';

/**
 * The platform's answers minute by minute (every process adds its own), from which the monthly
 * report measures availability against the tenders' 48 hours of outage a year.
 */
export class ServiceMinutes1765790000000 implements MigrationInterface {
  name = 'ServiceMinutes1765790000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      table(
        'service_minute',
        { minute_start: 'bigint', requests: 'int', server_errors: 'int', reports: 'int' },
        [],
        'minute_start',
      ),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('service_minute');
  }
}
