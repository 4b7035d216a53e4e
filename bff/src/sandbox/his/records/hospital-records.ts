import type { DocumentIdentifier } from '@cityhealth/shared-types';
import { LRUCache } from 'lru-cache';
import type { Clock } from '../../../shared/clock.js';
import { shanghaiDate } from '../../../shared/time.js';
import { json, type Reply } from '../../http.js';
import type { HospitalHis, PushRequest } from '../hospital-his.js';
import type { DicomFiles } from './dicom-files.js';
import { operationOutcome } from './fhir-resources.js';
import { type GeneratedReport, generateReports } from './generated-reports.js';
import { type GeneratedStudy, generateStudies } from './generated-studies.js';
import type { RegisteredPatient } from './patient-index.js';
import { FeedUnavailable, readPlatformFeed } from './platform-feed.js';
import type { ReportPdfs } from './report-pdf.js';
import { type RecordCallKind, RecordsFaults, RecordsStats } from './records-faults.js';

/** One patient's records at one hospital: generated on first need, the same every time. */
export interface PatientRecords {
  patient: RegisteredPatient;
  reports: GeneratedReport[];
  studies: GeneratedStudy[];
}

/** What a protocol's handler answers: the reply, and which kind of call it was (for the stats). */
export interface Answer {
  kind: RecordCallKind | null;
  reply: Reply;
}

export interface RecordsOptions {
  clock: Clock;
  bffUrl: () => string | undefined;
  /** Asks the platform for the hospital's secret again (null: nothing newer). */
  renewSecret: () => Promise<string | null>;
  files: DicomFiles;
  pdfs: ReportPdfs;
  /** How long a timeout fault holds a call when the caller does not hang up. */
  holdMs: number;
}

const KEEP_RECORDS = 200;
const KEEP_STUDY_OWNERS = 50_000;

export const FHIR_JSON = 'application/fhir+json;charset=utf-8';
export const fhirReply = (value: unknown, status = 200): Reply => ({
  status,
  body: JSON.stringify(value),
  type: FHIR_JSON,
});

/** Waits `ms`, or less if the caller hangs up: true when the time passed, false when the caller went away. */
function hold(gone: () => Promise<void>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    gone().then(() => false),
    new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(true), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/**
 * The records side of one hospital's HIS (FHIR and DICOMweb): every call signed and checked like a
 * push, then the test's fault if one is set, then the protocol's answer, counted by kind.
 */
export class HospitalRecords {
  readonly faults = new RecordsFaults();
  readonly stats = new RecordsStats();
  private readonly records = new LRUCache<string, PatientRecords>({ max: KEEP_RECORDS });
  /** StudyInstanceUID → 门诊号, for DICOMweb calls that name only the study. */
  private readonly studyOwners = new Map<string, string>();

  constructor(
    readonly his: HospitalHis,
    readonly o: RecordsOptions,
  ) {}

  get code(): string {
    return this.his.code;
  }

  async serve(protocol: 'fhir' | 'dicomweb', req: PushRequest, answer: () => Promise<Answer>): Promise<Reply> {
    const failure = (status: number, issue: string, error: string, message: string): Reply =>
      protocol === 'fhir'
        ? fhirReply(operationOutcome(issue, message, error), status)
        : json({ error, message }, status);
    if (req.method !== 'GET') return failure(405, 'not-supported', 'METHOD_NOT_ALLOWED', 'only GET is served');
    const refused = await this.his.calls.check(req, this.o.renewSecret);
    if (refused) {
      this.stats.countRefused();
      return failure(refused.status, 'security', refused.error, refused.reason);
    }
    const fault = this.faults.take();
    if (fault?.mode === 'fail') {
      this.stats.countFaulted();
      return failure(500, 'exception', 'INTERNAL', 'sandbox fault: the HIS failed');
    }
    if (fault?.mode === 'timeout') {
      this.stats.countFaulted();
      await hold(req.gone, this.o.holdMs);
      return failure(503, 'timeout', 'TIMEOUT', 'sandbox fault: the HIS answered too late');
    }
    if (fault?.mode === 'slow' && !(await hold(req.gone, fault.delayMs)))
      return failure(503, 'timeout', 'GONE', 'the caller hung up');
    const { kind, reply } = await answer();
    if (kind) this.stats.count(kind);
    return reply;
  }

  /** The registered patient of this document and name (建档 on first ask); null: unknown here. */
  async findPatient(document: DocumentIdentifier, name: string): Promise<RegisteredPatient | null> {
    const today = shanghaiDate(this.o.clock.now());
    const readFeed = async (after: number) => {
      const read = (secret: string) =>
        readPlatformFeed({ bffUrl: this.o.bffUrl(), code: this.code, secret, after, now: this.o.clock.now() });
      try {
        return await read(this.his.calls.secret);
      } catch (e) {
        const renewed = e instanceof FeedUnavailable && e.status === 401 ? await this.o.renewSecret() : null;
        if (!renewed) throw e;
        return read(renewed);
      }
    };
    try {
      return await this.his.patients.find(document, name, today, readFeed);
    } catch (e) {
      if (!(e instanceof FeedUnavailable)) throw e;
      // the platform could not be read: the miss stands
      return this.his.patients.lookup(document, name, today);
    }
  }

  recordsOf(patient: RegisteredPatient): PatientRecords {
    const known = this.records.get(patient.mrn);
    if (known && known.patient === patient) return known;
    const studies = generateStudies(this.code, patient);
    const records = { patient, studies, reports: generateReports(this.code, patient, studies) };
    this.records.set(patient.mrn, records);
    for (const s of studies) this.studyOwners.set(s.uid, patient.mrn);
    for (const uid of this.studyOwners.keys()) {
      if (this.studyOwners.size <= KEEP_STUDY_OWNERS) break;
      this.studyOwners.delete(uid);
    }
    return records;
  }

  recordsByMrn(mrn: string): PatientRecords | null {
    const patient = this.his.patients.byNumber(mrn);
    return patient ? this.recordsOf(patient) : null;
  }

  /** The study of this StudyInstanceUID, among the patients registered here. */
  studyByUid(uid: string): { records: PatientRecords; study: GeneratedStudy } | null {
    const mrn = this.studyOwners.get(uid);
    const records = mrn ? this.recordsByMrn(mrn) : null;
    const study = records?.studies.find((s) => s.uid === uid);
    return records && study ? { records, study } : null;
  }
}
