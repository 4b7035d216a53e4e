import type { StaffRole } from '@cityhealth/shared-types';
import { maskIdNumber, maskPhone } from '../../src/identity/pii.js';
import type { TestApp } from '../support/app.js';
import { bookThroughApi } from '../support/booking.js';
import { createSession, type Clinic, type PatientFixture } from '../support/fixtures.js';
import { makeIdNumber, makePhone } from '../support/identity.js';
import { staffSession, type StaffHeaders } from '../support/staff.js';
import { addDays, shanghaiDate } from '../../src/shared/time.js';

export interface Identity {
  name: string;
  idNumber: string;
  phone: string;
}

/**
 * Gives a fixture patient (and its person) a real identity, stored as the app stores one: the ID
 * number's blind index, the phone encrypted with no blind index yet (as a row of before the index).
 */
export async function giveIdentity(t: TestApp, p: PatientFixture, o: Partial<Identity> = {}): Promise<Identity> {
  const id: Identity = {
    name: o.name ?? '王小明',
    idNumber: o.idNumber ?? makeIdNumber(),
    phone: o.phone ?? makePhone(),
  };
  const pii = t.services.identity.pii;
  const idHash = pii.index('id-number', id.idNumber);
  await t.services.db.write(async (tx) => {
    await tx.query('UPDATE person SET id_hash = ? WHERE id = ?', [idHash, p.personId]);
    await tx.query(
      `UPDATE patient SET name = ?, id_hash = ?, id_enc = ?, id_masked = ?, phone_enc = ?, phone_masked = ?,
        phone_hash = NULL WHERE id = ?`,
      [
        id.name,
        idHash,
        pii.encrypt('id-number', id.idNumber),
        maskIdNumber(id.idNumber),
        pii.encrypt('phone', id.phone),
        maskPhone(id.phone),
        p.patientId,
      ],
    );
  });
  return id;
}

let sessions = 0;

/** Books `p` on a fresh one-slot session at a time of its own (days 2 to 7 ahead), and returns the order's id. */
export async function bookOnNewSession(
  t: TestApp,
  clinic: Clinic,
  p: PatientFixture,
  o: { doctor?: boolean } = {},
): Promise<string> {
  const k = sessions++;
  const s = await createSession(t.services.db, clinic, {
    now: t.clock.now(),
    capacity: 1,
    date: addDays(shanghaiDate(t.clock.now()), 2 + (k % 6)),
    period: (['morning', 'afternoon', 'evening'] as const)[Math.floor(k / 6) % 3],
    departmentId: o.doctor ? clinic.departmentIds[0] : clinic.departmentIds[k % clinic.departmentIds.length],
    doctorId: o.doctor ? clinic.doctorId : undefined,
  });
  return bookThroughApi(t, p, s.id);
}

/** The hospital marks a booking a no-show. */
export async function markNoShow(t: TestApp, clinic: Clinic, orderId: string): Promise<number | undefined> {
  const r = await t.services.booking.recordAttendance(orderId, 'noshow', { type: 'hospital', id: clinic.hospitalId });
  return r.blacklistedUntil;
}

/** A signed-in staff member: the headers to send (only those), and their account's id. */
export async function asStaff(
  t: TestApp,
  role: StaffRole,
  o: { hospitalId?: string } = {},
): Promise<{ headers: StaffHeaders; id: string; username: string }> {
  const { login, ...headers } = await staffSession(t, role, o);
  return { headers, id: login.id, username: login.username };
}
