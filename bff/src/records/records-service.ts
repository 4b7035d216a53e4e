import type { Patient } from '@medplum/fhirtypes';
import {
  ERRORS,
  type HospitalOutcome,
  type ReportDetail,
  type ReportList,
  type ReportSummary,
  type StudyDetail,
  type StudyList,
  type StudySummary,
} from '@cityhealth/shared-types';
import type { AuditLog } from '../audit/audit-log.js';
import type { Database } from '../db/database.js';
import type { Pii } from '../identity/pii.js';
import type { Clock } from '../shared/clock.js';
import { AppError } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import { addDays, shanghaiDate } from '../shared/time.js';
import type { DicomwebReader, QidoInstance, QidoSeries } from './dicomweb-reader.js';
import type { EncryptedCache } from './encrypted-cache.js';
import type { FhirReader, ReportBundle } from './fhir-reader.js';
import { filesNamePatient } from './files-patient.js';
import { HospitalUnavailable } from './his-records-client.js';
import type { ImageTickets } from './image-tickets.js';
import { bookedHospitals, type VerifiedPatient, verifiedPatient } from './record-access.js';
import type { RecordsEndpoint, RecordsEndpoints } from './records-endpoints.js';
import { reportDetail, reportSummary } from './report-view.js';
import { CT_WINDOWS, studyReport, studySummary, studyUidOf, windowOf } from './study-view.js';

export interface RecordsDeps {
  db: Database;
  pii: Pii;
  clock: Clock;
  logger: Logger;
  audit: AuditLog;
  endpoints: RecordsEndpoints;
  fhir: FhirReader;
  dicomweb: DicomwebReader;
  tickets: ImageTickets;
  cache: EncryptedCache;
  imageLinkTtlMs: number;
}

interface DateRange {
  from: string;
  to: string;
}

/** A study as read from the hospital, before its image urls are issued. */
interface StudyShape {
  summary: StudySummary;
  studyUid: string;
  series: { s: QidoSeries; instances: QidoInstance[] }[];
  report: ReturnType<typeof studyReport>;
}

export type RenderedImage = { type: string; bytes: Buffer };

const NO_RECORDS = '该医院暂无该就诊人的记录';

/**
 * Reports and imaging, read live from each hospital (FHIR R4, DICOMweb) for the account's own
 * verified 就诊人 only, matched at the hospital by the verified document (its FHIR identifier). Lists ask every hospital
 * side by side and say which failed; every view is audited.
 */
export class RecordsService {
  constructor(private readonly d: RecordsDeps) {}

  async reports(
    accountId: string,
    patientId: string,
    q: { hospitalId?: string; from?: string; to?: string; category?: 'lab' | 'exam' },
    ip: string,
  ): Promise<ReportList> {
    const patient = await verifiedPatient(this.d.db, this.d.pii, accountId, patientId);
    const range = this.range(q);
    const category = q.category === 'lab' ? 'LAB' : q.category === 'exam' ? 'RAD' : undefined;
    const { items, hospitals } = await this.acrossHospitals(patient, q.hospitalId, async (e, patients) => {
      const out: ReportSummary[] = [];
      for (const p of patients) {
        // What is kept is the list as shown, not the hospital's bundle: a tenth of the bytes to seal.
        const key = `reports:${e.hospitalId}:${p.id}:${range.from}:${range.to}:${category ?? ''}`;
        const found = await this.d.cache.json(key, async () =>
          (await this.d.fhir.reports(e, p.id as string, { ...range, category })).map((b) =>
            reportSummary(b, { id: e.hospitalId, name: e.name }),
          ),
        );
        out.push(...found);
      }
      return out;
    });
    items.sort((a, b) => (b.issuedAt ?? b.collectedAt ?? '').localeCompare(a.issuedAt ?? a.collectedAt ?? ''));
    await this.audited(patient, 'records.reports.list', ip, { hospitals: hospitals.map((h) => h.hospitalId) });
    return { items, hospitals };
  }

  async report(
    accountId: string,
    patientId: string,
    reportId: string,
    hospitalId: string,
    ip: string,
  ): Promise<ReportDetail> {
    const patient = await verifiedPatient(this.d.db, this.d.pii, accountId, patientId);
    const { e, bundle } = await this.oneReport(patient, hospitalId, reportId);
    await this.audited(patient, 'records.report.view', ip, { hospitalId, reportId });
    return reportDetail(bundle, { id: e.hospitalId, name: e.name });
  }

  async reportPdf(
    accountId: string,
    patientId: string,
    reportId: string,
    hospitalId: string,
    ip: string,
  ): Promise<Buffer> {
    const patient = await verifiedPatient(this.d.db, this.d.pii, accountId, patientId);
    const { e, bundle } = await this.oneReport(patient, hospitalId, reportId);
    const pdf = await this.unavailableAsError(() => this.d.fhir.pdf(e, bundle.report));
    if (!pdf) throw new AppError('RECORD_NOT_FOUND', '该报告没有PDF原件');
    await this.audited(patient, 'records.report.pdf', ip, { hospitalId, reportId });
    return pdf;
  }

  async studies(
    accountId: string,
    patientId: string,
    q: { hospitalId?: string; from?: string; to?: string },
    ip: string,
  ): Promise<StudyList> {
    const patient = await verifiedPatient(this.d.db, this.d.pii, accountId, patientId);
    const range = this.range(q);
    const { items, hospitals } = await this.acrossHospitals(patient, q.hospitalId, async (e, patients) => {
      const out: StudySummary[] = [];
      for (const p of patients) {
        const key = `studies:${e.hospitalId}:${p.id}:${range.from}:${range.to}`;
        const found = await this.d.cache.json(key, async () => {
          const [studies, reports] = await Promise.all([
            this.d.fhir.studies(e, p.id as string, range.from, range.to),
            this.d.fhir.studyReports(e, p.id as string, range.from, this.today()),
          ]);
          return studies.map((s) => studySummary(s, { id: e.hospitalId, name: e.name }, reports.get(s.id as string)));
        });
        out.push(...found);
      }
      return out;
    });
    items.sort((a, b) => (b.startedAt ?? '').localeCompare(a.startedAt ?? ''));
    await this.audited(patient, 'records.imaging.list', ip, { hospitals: hospitals.map((h) => h.hospitalId) });
    return { items, hospitals };
  }

  async study(
    accountId: string,
    patientId: string,
    studyId: string,
    hospitalId: string,
    ip: string,
  ): Promise<StudyDetail> {
    const patient = await verifiedPatient(this.d.db, this.d.pii, accountId, patientId);
    const detail = await this.studyOf(patient, hospitalId, studyId, this.d.clock.now() + this.d.imageLinkTtlMs);
    await this.audited(patient, 'records.study.view', ip, { hospitalId, studyId });
    return detail;
  }

  /** A study of a verified patient with image urls valid until `linksUntil` (a share's may end sooner). */
  async studyOf(
    patient: VerifiedPatient,
    hospitalId: string,
    studyId: string,
    linksUntil: number,
  ): Promise<StudyDetail> {
    const e = await this.connected(hospitalId);
    const shape = await this.unavailableAsError(() =>
      this.d.cache.json(
        `study:${hospitalId}:${patient.idHash}:${studyId}`,
        () => this.studyShape(e, patient, studyId),
        (found) => found !== null,
      ),
    );
    if (!shape) throw new AppError('RECORD_NOT_FOUND');
    const ticket = (s: QidoSeries, i: QidoInstance) =>
      `/api/v1/images/${this.d.tickets.issue(
        { hospitalId, studyUid: shape.studyUid, seriesUid: s.seriesUid, instanceUid: i.instanceUid },
        linksUntil,
      )}`;
    return {
      ...shape.summary,
      series: shape.series.map(({ s, instances }) => ({
        seriesUid: s.seriesUid,
        number: s.number,
        modality: s.modality,
        description: s.description,
        images: instances.map((i) => {
          const url = ticket(s, i);
          return { ...i, url, thumbnailUrl: `${url}?size=thumbnail` };
        }),
      })),
      report: shape.report,
      windowPresets: shape.summary.modality === 'CT' ? CT_WINDOWS : [],
      imagesExpireAt: new Date(linksUntil).toISOString(),
    };
  }

  /** One image by the ticket of its url: rendered at the hospital, passed through. */
  async image(
    token: string,
    q: { size: 'full' | 'thumbnail'; window?: string; format: 'jpeg' | 'png' },
  ): Promise<RenderedImage> {
    const t = this.d.tickets.open(token);
    const e = await this.connected(t.hospitalId);
    const window = q.size === 'full' ? windowOf(q.window) : null;
    const key = `image:${t.hospitalId}:${t.instanceUid}:${q.size}:${window?.join(',') ?? ''}:${q.format}`;
    const bytes = await this.unavailableAsError(() =>
      this.d.cache.bytes(
        key,
        async () =>
          (await this.d.dicomweb.rendered(e, { ...t, thumbnail: q.size === 'thumbnail', window, format: q.format })) ??
          Buffer.alloc(0),
        (b) => b.length > 0,
      ),
    );
    if (bytes.length === 0) throw new AppError('RECORD_NOT_FOUND');
    return { type: q.format === 'png' ? 'image/png' : 'image/jpeg', bytes };
  }

  private async studyShape(e: RecordsEndpoint, patient: VerifiedPatient, studyId: string): Promise<StudyShape | null> {
    const patients = await this.matched(e, patient);
    for (const p of patients) {
      const study = await this.d.fhir.study(e, p.id as string, studyId);
      const studyUid = study && studyUidOf(study);
      if (!study || !studyUid) continue;
      const started = study.started ? shanghaiDate(Date.parse(study.started)) : addDays(this.today(), -3650);
      const [filesPatient, series, reports] = await Promise.all([
        this.d.dicomweb.studyPatient(e, studyUid),
        this.d.dicomweb.series(e, studyUid),
        this.d.fhir.studyReports(e, p.id as string, started, this.today()),
      ]);
      // The images must name the same patient as the study, by one of the Patient's identifiers.
      if (!filesPatient || !filesNamePatient(filesPatient, p.identifier ?? [])) {
        this.d.logger.warn({ hospital: e.code, studyId }, 'a study’s images name another patient; not shown');
        return null;
      }
      const withInstances = await Promise.all(
        series.map(async (s) => ({ s, instances: await this.d.dicomweb.instances(e, studyUid, s.seriesUid) })),
      );
      const report = reports.get(studyId);
      return {
        summary: studySummary(study, { id: e.hospitalId, name: e.name }, report),
        studyUid,
        series: withInstances.filter((x) => x.instances.length > 0),
        report: studyReport(report),
      };
    }
    return null;
  }

  private async oneReport(
    patient: VerifiedPatient,
    hospitalId: string,
    reportId: string,
  ): Promise<{ e: RecordsEndpoint; bundle: ReportBundle }> {
    const e = await this.connected(hospitalId);
    const bundle = await this.unavailableAsError(() =>
      this.d.cache.json(
        `report:${hospitalId}:${patient.idHash}:${reportId}`,
        async () => {
          for (const p of await this.matched(e, patient)) {
            const found = await this.d.fhir.report(e, p.id as string, reportId);
            if (found) return found;
          }
          return null;
        },
        (found) => found !== null,
      ),
    );
    if (!bundle) throw new AppError('RECORD_NOT_FOUND');
    return { e, bundle };
  }

  /** The hospital's Patients of this person (kept only when found: a booking just pushed is found next time). */
  private matched(e: RecordsEndpoint, patient: VerifiedPatient): Promise<Patient[]> {
    return this.d.cache.json(
      `patient:${e.hospitalId}:${patient.idHash}`,
      () => this.d.fhir.patients(e, patient.identifier, patient.name),
      (found) => found.length > 0,
    );
  }

  /** Asks each hospital side by side; one failing or slow hospital is named in `hospitals`, the others answer. */
  private async acrossHospitals<T>(
    patient: VerifiedPatient,
    hospitalId: string | undefined,
    read: (e: RecordsEndpoint, patients: Patient[]) => Promise<T[]>,
  ): Promise<{ items: T[]; hospitals: HospitalOutcome[] }> {
    const ids = hospitalId ? [hospitalId] : await bookedHospitals(this.d.db, patient.patientId);
    const answers = await Promise.all(
      ids.map(async (id): Promise<{ items: T[]; outcome: HospitalOutcome } | null> => {
        const link = await this.d.endpoints.of(id);
        if (!link) return null;
        const named = { hospitalId: id, hospitalName: link.connected ? link.endpoint.name : link.name };
        if (!link.connected)
          return {
            items: [],
            outcome: { ...named, outcome: 'failed', message: ERRORS.HOSPITAL_RECORDS_NOT_CONNECTED.message },
          };
        try {
          const patients = await this.matched(link.endpoint, patient);
          if (patients.length === 0)
            return { items: [], outcome: { ...named, outcome: 'no-records', message: NO_RECORDS } };
          return { items: await read(link.endpoint, patients), outcome: { ...named, outcome: 'ok', message: null } };
        } catch (e) {
          if (!(e instanceof HospitalUnavailable))
            this.d.logger.error({ err: e, hospitalId: id }, 'records read failed');
          return {
            items: [],
            outcome: { ...named, outcome: 'failed', message: ERRORS.HOSPITAL_RECORDS_UNAVAILABLE.message },
          };
        }
      }),
    );
    if (hospitalId && !answers[0]) throw new AppError('NOT_FOUND', '医院不存在');
    const present = answers.filter((a): a is NonNullable<typeof a> => !!a);
    return { items: present.flatMap((a) => a.items), hospitals: present.map((a) => a.outcome) };
  }

  private async connected(hospitalId: string): Promise<RecordsEndpoint> {
    const link = await this.d.endpoints.of(hospitalId);
    if (!link) throw new AppError('NOT_FOUND', '医院不存在');
    if (!link.connected) throw new AppError('HOSPITAL_RECORDS_NOT_CONNECTED');
    return link.endpoint;
  }

  private async unavailableAsError<T>(read: () => Promise<T>): Promise<T> {
    try {
      return await read();
    } catch (e) {
      if (e instanceof HospitalUnavailable) throw new AppError('HOSPITAL_RECORDS_UNAVAILABLE');
      throw e;
    }
  }

  private today(): string {
    return shanghaiDate(this.d.clock.now());
  }

  private range(q: { from?: string; to?: string }): DateRange {
    const to = q.to ?? this.today();
    const from = q.from ?? addDays(to, -365);
    if (from > to) throw new AppError('VALIDATION_FAILED', '开始日期不能晚于结束日期');
    if (from < addDays(to, -3660)) throw new AppError('VALIDATION_FAILED', '查询范围最长为十年');
    return { from, to };
  }

  private audited(
    patient: VerifiedPatient,
    action: string,
    ip: string,
    detail: Record<string, unknown>,
  ): Promise<void> {
    return this.d.audit.record({
      actorType: 'patient',
      actorId: patient.accountId,
      action,
      targetType: 'patient',
      targetId: patient.patientId,
      ip,
      detail,
    });
  }
}
