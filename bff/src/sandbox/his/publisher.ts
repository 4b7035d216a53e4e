import type { UpsertReport } from '@cityhealth/shared-types';
import { DEMO_HIS_HOSPITALS } from '../../db/seed/demo-his.js';
import { signedHeaders } from '../../hospital/signature.js';
import { demoHisBatches } from './demo-batches.js';

type Outcome = UpsertReport['results'][number]['outcome'];
/** How many items came back with each outcome; null when the platform does not serve that call (404). */
export type OutcomeCounts = Partial<Record<Outcome, number>> | null;

export interface HisPublishReport {
  code: string;
  departments: OutcomeCounts;
  doctors: OutcomeCounts;
  schedules: OutcomeCounts;
}

export interface PublishOptions {
  /** The BFF's base URL. */
  bffUrl: string;
  /** Demo hospital names (default: DEMO_HIS_HOSPITALS). */
  hospitals?: readonly string[];
  now?: () => number;
}

export class HisPublishFailed extends Error {}

const TIMEOUT_MS = 30_000;

/**
 * The demo hospitals' own systems publishing their departments, doctors, then sessions through
 * the signed hospital interface, as a hospital's HIS would: it reads its credentials from the
 * sandbox credentials page, then PUTs each batch over HTTP. Idempotent: the data and its version
 * are the same every run, so a second run reports `unchanged`.
 */
export async function publishDemoHis(o: PublishOptions): Promise<HisPublishReport[]> {
  const now = o.now ?? Date.now;
  const reports: HisPublishReport[] = [];
  for (const name of o.hospitals ?? DEMO_HIS_HOSPITALS) {
    const batches = demoHisBatches(name, now());
    const credentials = await call(o.bffUrl, 'GET', `/sandbox/hospitals/${batches.code}/credentials`);
    if (!credentials) throw new HisPublishFailed(`no credentials for hospital ${batches.code}`);
    const { secret } = credentials as { secret: string };
    const put = async (what: 'departments' | 'doctors' | 'schedules', batch: object) => {
      const path = `/api/hospital/v1/${what}`;
      const body = JSON.stringify(batch);
      const headers = signedHeaders(batches.code, secret, { method: 'PUT', pathWithQuery: path, body }, now());
      return counts((await call(o.bffUrl, 'PUT', path, body, headers)) as UpsertReport | null);
    };
    reports.push({
      code: batches.code,
      departments: await put('departments', batches.departments),
      doctors: await put('doctors', batches.doctors),
      schedules: await put('schedules', batches.schedules),
    });
  }
  return reports;
}

/** The JSON answer of a call, null for 404; any other failure throws. */
async function call(
  base: string,
  method: 'GET' | 'PUT',
  path: string,
  body?: string,
  headers: Record<string, string> = {},
): Promise<unknown> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
    body,
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  if (response.status === 404) return null;
  if (!response.ok)
    throw new HisPublishFailed(`${method} ${path} answered ${response.status}: ${await response.text()}`);
  return response.json();
}

function counts(report: UpsertReport | null): OutcomeCounts {
  if (!report) return null;
  const out: Partial<Record<Outcome, number>> = {};
  for (const r of report.results) out[r.outcome] = (out[r.outcome] ?? 0) + 1;
  return out;
}
