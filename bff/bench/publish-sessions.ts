import type { DepartmentBatch, DoctorBatch, ScheduleBatch, ScheduleUpsertReport } from '@cityhealth/shared-types';
import { signedHeaders } from '../src/hospital/signature.js';
import { addDays, shanghaiDate } from '../src/shared/time.js';
import { round } from './stats.js';

const PERIODS = ['morning', 'afternoon'] as const;

/** A signed call of a hospital's system, as it would make it over the private line. */
async function signedCall(base: string, code: string, secret: string, method: 'PUT', path: string, body: object) {
  const text = JSON.stringify(body);
  const headers = signedHeaders(code, secret, { method, pathWithQuery: path, body: text }, Date.now());
  const res = await fetch(base + path, {
    method,
    headers: { ...headers, 'content-type': 'application/json' },
    body: text,
  });
  const answer = (await res.json()) as unknown;
  if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${JSON.stringify(answer).slice(0, 300)}`);
  return answer;
}

/**
 * A hospital publishes `days` days of `perDay` sessions in one PUT /schedules call (its departments
 * and doctors first): the time of that call, and of the same batch again (all unchanged).
 */
export async function publishSessions(
  base: string,
  hospitalCode: string,
  o: { days: number; perDay: number; capacity: number },
) {
  const credentials = (await (await fetch(`${base}/sandbox/hospitals/${hospitalCode}/credentials`)).json()) as {
    secret: string;
  };
  const call = (path: string, body: object) => signedCall(base, hospitalCode, credentials.secret, 'PUT', path, body);
  const departments = 30;
  const perDepartmentDay = Math.ceil(o.perDay / departments / PERIODS.length);
  const version = Date.now();
  const deptBatch: DepartmentBatch = {
    version,
    items: Array.from({ length: departments }, (_, i) => ({
      hisDepartmentCode: `D${i + 1}`,
      name: `科室${i + 1}`,
      parentCode: null,
      intro: '',
      sort: i,
    })),
  };
  await call('/api/hospital/v1/departments', deptBatch);
  const doctorBatch: DoctorBatch = {
    version,
    items: Array.from({ length: departments * perDepartmentDay }, (_, i) => ({
      hisDoctorCode: `DR${i + 1}`,
      hisDepartmentCode: `D${(i % departments) + 1}`,
      name: `医生${i + 1}`,
      title: '主治医师',
      specialty: '',
      intro: '',
    })),
  };
  await call('/api/hospital/v1/doctors', doctorBatch);
  const today = shanghaiDate(Date.now());
  const items: ScheduleBatch['items'] = [];
  for (let d = 1; d <= o.days; d++)
    for (let i = 0; items.length < d * o.perDay; i++)
      items.push({
        hisScheduleId: `S${d}-${i + 1}`,
        hisDepartmentCode: `D${(i % departments) + 1}`,
        hisDoctorCode: `DR${(i % doctorBatch.items.length) + 1}`,
        date: addDays(today, d),
        period: PERIODS[Math.floor(i / departments) % PERIODS.length]!,
        type: 'general',
        feeFen: 500,
        capacity: o.capacity,
      });
  const batch: ScheduleBatch = { version, items };
  let t = performance.now();
  const first = (await call('/api/hospital/v1/schedules', batch)) as ScheduleUpsertReport;
  const firstMs = performance.now() - t;
  t = performance.now();
  const again = (await call('/api/hospital/v1/schedules', batch)) as ScheduleUpsertReport;
  const againMs = performance.now() - t;
  const count = (r: ScheduleUpsertReport, outcome: string) => r.results.filter((x) => x.outcome === outcome).length;
  return {
    sessions: items.length,
    slots: items.length * o.capacity,
    bodyKiB: round(JSON.stringify(batch).length / 1024),
    firstCall: {
      seconds: round(firstMs / 1000, 2),
      created: count(first, 'created'),
      refused: count(first, 'refused'),
    },
    sameBatchAgain: { seconds: round(againMs / 1000, 2), unchanged: count(again, 'unchanged') },
  };
}
