import type { HisRecordsClient } from './his-records-client.js';
import { HospitalUnavailable } from './his-records-client.js';
import type { RecordsEndpoint } from './records-endpoints.js';

const DICOM_JSON = 'application/dicom+json';
const UID = /^[0-9.]{1,64}$/;

/** One dataset of the DICOM JSON model: tag → {vr, Value}. */
type DicomJson = Record<string, { vr?: string; Value?: unknown[] } | undefined>;

/** The patient a study's DICOM files name: the id and who issued it (absent in many files). */
export interface FilesPatient {
  id: string;
  issuer: string | null;
}

export interface QidoSeries {
  seriesUid: string;
  number: number | null;
  modality: string;
  description: string | null;
}

export interface QidoInstance {
  instanceUid: string;
  number: number | null;
  rows: number;
  columns: number;
}

export interface RenderRequest {
  studyUid: string;
  seriesUid: string;
  instanceUid: string;
  thumbnail: boolean;
  /** center, width */
  window: [number, number] | null;
  format: 'jpeg' | 'png';
}

const first = (ds: DicomJson, tag: string): unknown => ds[tag]?.Value?.[0];
const text = (ds: DicomJson, tag: string): string | null => {
  const v = first(ds, tag);
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object' && 'Alphabetic' in v) return String((v as { Alphabetic: unknown }).Alphabetic);
  return null;
};
const num = (ds: DicomJson, tag: string): number | null => {
  const v = Number(first(ds, tag));
  return Number.isFinite(v) && first(ds, tag) !== undefined ? v : null;
};

/** QIDO-RS and WADO-RS at a hospital's DICOMweb service (docs/records.md); UIDs are checked before use in a path. */
export class DicomwebReader {
  constructor(private readonly client: HisRecordsClient) {}

  /**
   * Who the study's files name: PatientID (0010,0020) and, when the files say, IssuerOfPatientID
   * (0010,0021); null when the service does not know the study.
   */
  async studyPatient(e: RecordsEndpoint, studyUid: string): Promise<FilesPatient | null> {
    const found = await this.qido(
      e,
      `/studies?StudyInstanceUID=${uid(studyUid)}&includefield=00100020&includefield=00100021`,
    );
    const study = found.find((ds) => text(ds, '0020000D') === studyUid) ?? (found.length === 1 ? found[0] : undefined);
    const id = study && text(study, '00100020');
    return id ? { id, issuer: text(study, '00100021') } : null;
  }

  async series(e: RecordsEndpoint, studyUid: string): Promise<QidoSeries[]> {
    const found = await this.qido(e, `/studies/${uid(studyUid)}/series`);
    return found
      .map((ds) => ({
        seriesUid: text(ds, '0020000E') ?? '',
        number: num(ds, '00200011'),
        modality: text(ds, '00080060') ?? '',
        description: text(ds, '0008103E'),
      }))
      .filter((s) => UID.test(s.seriesUid))
      .sort((a, b) => (a.number ?? 0) - (b.number ?? 0));
  }

  async instances(e: RecordsEndpoint, studyUid: string, seriesUid: string): Promise<QidoInstance[]> {
    const found = await this.qido(e, `/studies/${uid(studyUid)}/series/${uid(seriesUid)}/instances`);
    return found
      .map((ds) => ({
        instanceUid: text(ds, '00080018') ?? '',
        number: num(ds, '00200013'),
        rows: num(ds, '00280010') ?? 0,
        columns: num(ds, '00280011') ?? 0,
      }))
      .filter((i) => UID.test(i.instanceUid))
      .sort((a, b) => (a.number ?? 0) - (b.number ?? 0));
  }

  /** A rendered frame or thumbnail in the format asked; null when the service has no such instance. */
  async rendered(e: RecordsEndpoint, r: RenderRequest): Promise<Buffer | null> {
    const path = `/studies/${uid(r.studyUid)}/series/${uid(r.seriesUid)}/instances/${uid(r.instanceUid)}`;
    const params = new URLSearchParams();
    if (r.thumbnail) params.set('viewport', '192,192');
    else {
      params.set('viewport', '1024,1024');
      params.set('quality', '90');
      if (r.window) params.set('window', `${r.window[0]},${r.window[1]},linear`);
    }
    const type = r.format === 'png' ? 'image/png' : 'image/jpeg';
    const answer = await this.client.get(
      e,
      'dicomweb',
      `${path}/${r.thumbnail ? 'thumbnail' : 'rendered'}?${params}`,
      type,
    );
    if (answer.status === 404) return null;
    if (!answer.contentType.startsWith(type))
      throw new HospitalUnavailable(e.hospitalId, 'failed', `rendered answer of type ${answer.contentType}`);
    return answer.body;
  }

  private async qido(e: RecordsEndpoint, pathWithQuery: string): Promise<DicomJson[]> {
    const answer = await this.client.get(e, 'dicomweb', pathWithQuery, DICOM_JSON);
    if (answer.status === 404 || answer.status === 204 || answer.body.length === 0) return [];
    try {
      const parsed = JSON.parse(answer.body.toString('utf8')) as unknown;
      return Array.isArray(parsed) ? (parsed as DicomJson[]) : [];
    } catch {
      throw new HospitalUnavailable(e.hospitalId, 'failed', 'the QIDO-RS answer is not JSON');
    }
  }
}

function uid(value: string): string {
  if (!UID.test(value)) throw new Error('not a DICOM UID');
  return value;
}
