import { EntitySchema } from 'typeorm';
import { col } from '../columns.js';

/** The platform's answers in one minute, every process's added (ops/availability). */
export interface ServiceMinuteRow {
  minuteStart: number;
  requests: number;
  serverErrors: number;
  /** How many process reports were added into the row. */
  reports: number;
}

export const ServiceMinute = new EntitySchema<ServiceMinuteRow>({
  name: 'ServiceMinute',
  tableName: 'service_minute',
  columns: {
    minuteStart: { ...col.instant(), name: 'minute_start', primary: true },
    requests: col.int(),
    serverErrors: { ...col.int(), name: 'server_errors' },
    reports: col.int(),
  },
});
