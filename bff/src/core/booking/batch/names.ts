import type { Dialect } from '../../../db/database.js';
import type { Statement } from '../../../db/sql/bulk-insert.js';
import { placeholders } from '../../../db/sql/execute.js';

export interface NameRow {
  schedule_id: string;
  hospital_id: string;
  hospital_name: string;
  hospital_address: string;
  online_payment: unknown;
  department_id: string;
  department_name: string;
  /** null when the session has no doctor (the doctor is an outer join) */
  doctor_id: string | null;
  doctor_name: string | null;
  doctor_title: string | null;
}

/** The names a booking carries, and which of the batch's sessions exist at all. */
export interface BatchNames {
  hospitals: Map<string, { name: string; address: string; onlinePayment: boolean }>;
  departments: Map<string, string>;
  doctors: Map<string, { name: string; title: string }>;
  scheduleIds: Set<string>;
}

/**
 * Hospital, department and doctor names of the batch's sessions, one row per session that exists
 * (read without locks: names do not change with a session's state). One join, so MariaDB plans
 * it once: a UNION per kind of name cost three optimiser passes and three reads of the schedules.
 */
export function namesStatement(dialect: Dialect, scheduleIds: string[]): Statement | null {
  if (!scheduleIds.length) return null;
  // Driven by the schedules' primary key (MariaDB is told so: on small tables it would rather scan them).
  const join = dialect === 'mysql' ? 'STRAIGHT_JOIN' : 'JOIN';
  return {
    sql: `SELECT s.id AS schedule_id, h.id AS hospital_id, h.name AS hospital_name, h.address AS hospital_address,
        h.online_payment, d.id AS department_id, d.name AS department_name,
        m.id AS doctor_id, m.name AS doctor_name, m.title AS doctor_title
      FROM schedule s ${join} hospital h ON h.id = s.hospital_id ${join} department d ON d.id = s.department_id
        LEFT JOIN doctor m ON m.id = s.doctor_id
      WHERE s.id IN (${placeholders(scheduleIds.length)})`,
    params: scheduleIds,
  };
}

export function toNames(rows: NameRow[]): BatchNames {
  const hospitals = new Map<string, { name: string; address: string; onlinePayment: boolean }>();
  const departments = new Map<string, string>();
  const doctors = new Map<string, { name: string; title: string }>();
  for (const r of rows) {
    hospitals.set(r.hospital_id, {
      name: r.hospital_name,
      address: r.hospital_address,
      onlinePayment: Number(r.online_payment) === 1,
    });
    departments.set(r.department_id, r.department_name);
    if (r.doctor_id !== null) doctors.set(r.doctor_id, { name: r.doctor_name ?? '', title: r.doctor_title ?? '' });
  }
  return { hospitals, departments, doctors, scheduleIds: new Set(rows.map((r) => r.schedule_id)) };
}
