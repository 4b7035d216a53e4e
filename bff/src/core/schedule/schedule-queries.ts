import type { Database } from '../../db/database.js';
import { placeholders } from '../../db/sql/execute.js';

/** A schedule row as read for the views, with its department and doctor. */
export interface ScheduleViewRow {
  id: string;
  hospital_id: string;
  department_id: string;
  department_name: string;
  doctor_id: string | null;
  doctor_name: string | null;
  doctor_title: string | null;
  doctor_specialty: string | null;
  doctor_intro: string | null;
  date: string;
  period: string;
  type: string;
  fee_fen: number;
  capacity: number;
  free_count: number;
  status: string;
  starts_at: number;
  ends_at: number;
  release_at: number;
  closes_at: number;
}

export interface DepartmentHead {
  id: string;
  name: string;
  hospital_id: string;
  hospital_name: string;
  release_time: string;
  days_ahead: number;
}

/** A doctor as their page shows them, with where they work and their hospital's release rule. */
export interface DoctorHead {
  id: string;
  name: string;
  title: string;
  specialty: string;
  intro: string;
  department_id: string;
  department_name: string;
  hospital_id: string;
  hospital_name: string;
  release_time: string;
  days_ahead: number;
}

export interface SlotViewRow {
  id: string;
  seq: number;
  starts_at: number;
  ends_at: number;
  status: string;
}

const SCHEDULE_COLUMNS = `s.id, s.hospital_id, s.department_id, dep.name AS department_name, s.doctor_id,
  doc.name AS doctor_name, doc.title AS doctor_title, doc.specialty AS doctor_specialty, doc.intro AS doctor_intro,
  s.date, s.period, s.type, s.fee_fen, s.capacity, s.free_count, s.status, s.starts_at, s.ends_at, s.release_at,
  s.closes_at`;
const SCHEDULE_FROM =
  'schedule s JOIN department dep ON dep.id = s.department_id LEFT JOIN doctor doc ON doc.id = s.doctor_id';

export async function findDepartment(db: Database, id: string): Promise<DepartmentHead | undefined> {
  const [row] = await db.staleRead<DepartmentHead>(
    `SELECT d.id, d.name, d.hospital_id, h.name AS hospital_name, h.release_time, h.days_ahead FROM department d
      JOIN hospital h ON h.id = d.hospital_id WHERE d.id = ?`,
    [id],
  );
  return row && { ...row, days_ahead: Number(row.days_ahead) };
}

export async function findDoctor(db: Database, id: string): Promise<DoctorHead | undefined> {
  const [row] = await db.staleRead<DoctorHead>(
    `SELECT doc.id, doc.name, doc.title, doc.specialty, doc.intro, doc.department_id, d.name AS department_name,
      doc.hospital_id, h.name AS hospital_name, h.release_time, h.days_ahead FROM doctor doc
      JOIN department d ON d.id = doc.department_id JOIN hospital h ON h.id = doc.hospital_id WHERE doc.id = ?`,
    [id],
  );
  return row && { ...row, days_ahead: Number(row.days_ahead) };
}

/** A doctor's sessions over a date range (by ix_schedule_doctor_date), in every department they sit in. */
export function schedulesOfDoctor(
  db: Database,
  doctorId: string,
  from: string,
  to: string,
): Promise<ScheduleViewRow[]> {
  return db.staleRead<ScheduleViewRow>(
    `SELECT ${SCHEDULE_COLUMNS} FROM ${SCHEDULE_FROM} WHERE s.doctor_id = ? AND s.date BETWEEN ? AND ?`,
    [doctorId, from, to],
  );
}

/** The department and its sub-departments (a 内科 view shows 心血管内科's sessions too). */
export async function departmentFamily(db: Database, id: string): Promise<string[]> {
  const rows = await db.staleRead<{ id: string }>('SELECT id FROM department WHERE parent_id = ?', [id]);
  return [id, ...rows.map((r) => r.id)];
}

export function schedulesOf(
  db: Database,
  departmentIds: string[],
  from: string,
  to: string,
): Promise<ScheduleViewRow[]> {
  return db.staleRead<ScheduleViewRow>(
    `SELECT ${SCHEDULE_COLUMNS} FROM ${SCHEDULE_FROM} WHERE s.department_id IN (${placeholders(departmentIds.length)})
      AND s.date BETWEEN ? AND ?`,
    [...departmentIds, from, to],
  );
}

export async function findSchedule(
  db: Database,
  id: string,
): Promise<(ScheduleViewRow & { hospital_name: string; hospital_address: string }) | undefined> {
  const [row] = await db.staleRead<ScheduleViewRow & { hospital_name: string; hospital_address: string }>(
    `SELECT ${SCHEDULE_COLUMNS}, h.name AS hospital_name, h.address AS hospital_address FROM ${SCHEDULE_FROM}
      JOIN hospital h ON h.id = s.hospital_id WHERE s.id = ?`,
    [id],
  );
  return row;
}

export function slotsOf(db: Database, scheduleId: string): Promise<SlotViewRow[]> {
  return db.staleRead<SlotViewRow>(
    "SELECT id, seq, starts_at, ends_at, status FROM slot WHERE schedule_id = ? AND status <> 'withdrawn' ORDER BY seq",
    [scheduleId],
  );
}

/** For sessions under way: how many free slots have not begun, and when the last free one begins. */
export async function freeSlotsNow(
  db: Database,
  scheduleIds: string[],
  now: number,
): Promise<Map<string, { bookable: number; lastFreeStartsAt: number | null }>> {
  const out = new Map<string, { bookable: number; lastFreeStartsAt: number | null }>();
  if (!scheduleIds.length) return out;
  const rows = await db.staleRead<{
    schedule_id: string;
    bookable: number | string | null;
    last_free: number | string | null;
  }>(
    `SELECT schedule_id, SUM(CASE WHEN starts_at > ? THEN 1 ELSE 0 END) AS bookable, MAX(starts_at) AS last_free
     FROM slot WHERE schedule_id IN (${placeholders(scheduleIds.length)}) AND status = 'free' GROUP BY schedule_id`,
    [now, ...scheduleIds],
  );
  for (const id of scheduleIds) out.set(id, { bookable: 0, lastFreeStartsAt: null });
  for (const r of rows)
    out.set(r.schedule_id, {
      bookable: Number(r.bookable ?? 0),
      lastFreeStartsAt: r.last_free === null ? null : Number(r.last_free),
    });
  return out;
}
