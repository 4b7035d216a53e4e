import type { ScheduleUpsert, ScheduleUpsertReport } from '@cityhealth/shared-types';
import { DEMO_HIS_HOSPITALS } from '../../../bff/src/db/seed/demo-his.js';
import { signedHeaders } from '../../../bff/src/hospital/signature.js';
import { demoHisBatches } from '../../../bff/src/sandbox/his/demo-batches.js';
import type { Api } from './api.js';
import { waitUntil } from './wait.js';

/** A demo hospital whose emulated HIS publishes its catalog through the interface, by its own codes. */
export interface HisHospital {
  name: string;
  code: string;
  /** One of its doctors, with the codes the hospital's sessions name them by. */
  doctor: { hisDoctorCode: string; hisDepartmentCode: string; name: string; title: string };
  departmentName: string;
}

/**
 * The last of the demo hospitals with an emulated HIS (the other journeys use none of them), and
 * its first doctor, as its HIS knows them.
 */
export function hisHospital(): HisHospital {
  const name = DEMO_HIS_HOSPITALS.at(-1)!;
  const batches = demoHisBatches(name, Date.now());
  const doctor = batches.doctors.items[0]!;
  const department = batches.departments.items.find((d) => d.hisDepartmentCode === doctor.hisDepartmentCode)!;
  return {
    name,
    code: batches.code,
    doctor: {
      hisDoctorCode: doctor.hisDoctorCode,
      hisDepartmentCode: doctor.hisDepartmentCode,
      name: doctor.name,
      title: doctor.title,
    },
    departmentName: department.name,
  };
}

/**
 * Publishes sessions as the hospital's HIS does: `PUT /api/hospital/v1/schedules`, signed with the
 * secret of the sandbox credentials page. The demo HIS publishes the hospital's departments and
 * doctors in the background after the BFF starts: until it has, the sessions are refused (their
 * codes unknown) and sent again. Answers the platform's ids by the hospital's schedule ids.
 */
export async function publishSessions(
  api: Api,
  hospital: HisHospital,
  items: ScheduleUpsert[],
): Promise<Map<string, string>> {
  const { secret } = await api.call<{ secret: string }>('GET', `/sandbox/hospitals/${hospital.code}/credentials`);
  const path = '/api/hospital/v1/schedules';
  const batch = { version: 1, items };
  // the bytes signed are the bytes sent (the API client writes the same JSON of it)
  const body = JSON.stringify(batch);
  const report = await waitUntil(
    () =>
      api.call<ScheduleUpsertReport>(
        'PUT',
        path,
        batch,
        signedHeaders(hospital.code, secret, { method: 'PUT', pathWithQuery: path, body }, Date.now()),
      ),
    (r) => r.results.every((x) => x.outcome === 'created' || x.outcome === 'unchanged'),
    `the sessions published by ${hospital.name}'s HIS`,
    30_000,
  );
  return new Map(report.results.map((r) => [r.code, r.id!]));
}
