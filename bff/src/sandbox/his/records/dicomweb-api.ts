import crypto from 'node:crypto';
import dcmjs, { type DicomJson } from 'dcmjs';
import { json, type Reply } from '../../http.js';
import type { PushRequest } from '../hospital-his.js';
import { alphabeticName, type InstanceContext } from './dicom-files.js';
import type { GeneratedInstance, GeneratedSeries, GeneratedStudy } from './generated-studies.js';
import type { Answer, HospitalRecords, PatientRecords } from './hospital-records.js';
import {
  parseQuality,
  parseViewport,
  parseWindow,
  type RenderRequest,
  RenderRequestInvalid,
  renderDicom,
  renderedFormat,
} from './render.js';

/* The DICOMweb side of an emulated HIS: QIDO-RS searches and WADO-RS retrieves (PS3.18). */

const DICOM_JSON = 'application/dicom+json';
const THUMBNAIL_VIEWPORT = { width: 128, height: 128 };

interface DicomwebCall {
  records: HospitalRecords;
  req: PushRequest;
  /** The path under …/dicomweb, e.g. `/studies/<uid>/series`. */
  path: string;
  query: URLSearchParams;
  base: string;
}

const problem = (status: number, error: string, message: string): Reply => json({ error, message }, status);
const dicomJson = (value: unknown): Reply => ({ status: 200, body: JSON.stringify(value), type: DICOM_JSON });

const el = (vr: string, ...values: unknown[]) => (values.length ? { vr, Value: values } : { vr });

/** DA and TM of an instant, in Beijing time. */
function dateTime(at: number) {
  const text = new Date(at + 8 * 3600_000).toISOString();
  return { date: text.slice(0, 10).replaceAll('-', ''), time: text.slice(11, 19).replaceAll(':', '') };
}

function studyAttributes(c: DicomwebCall, r: PatientRecords, s: GeneratedStudy): DicomJson {
  const when = dateTime(s.started);
  const p = r.patient;
  return {
    '00080005': el('CS', 'ISO_IR 192'),
    '00080020': el('DA', when.date),
    '00080030': el('TM', when.time),
    '00080050': el('SH', s.accessionNumber),
    '00080061': el('CS', ...new Set(s.series.map((se) => se.modality))),
    '00080090': el('PN'),
    '00081030': el('LO', s.description),
    '00081190': el('UR', `${c.base}/studies/${s.uid}`),
    '00100010': el('PN', { Alphabetic: alphabeticName(p.name), Ideographic: p.name }),
    '00100020': el('LO', p.mrn),
    '00100021': el('LO', c.records.code),
    '00100030': el('DA', ...(p.birthDate ? [p.birthDate.replaceAll('-', '')] : [])),
    '00100040': el('CS', p.gender === 'male' ? 'M' : p.gender === 'female' ? 'F' : 'O'),
    '0020000D': el('UI', s.uid),
    '00200010': el('SH', s.accessionNumber.slice(-8)),
    '00201206': el('IS', s.series.length),
    '00201208': el(
      'IS',
      s.series.reduce((n, se) => n + se.instances.length, 0),
    ),
  };
}

function seriesAttributes(c: DicomwebCall, s: GeneratedStudy, se: GeneratedSeries): DicomJson {
  return {
    '00080060': el('CS', se.modality),
    '0008103E': el('LO', se.description),
    '00081190': el('UR', `${c.base}/studies/${s.uid}/series/${se.uid}`),
    '00180015': el('CS', se.bodySite.code === '69748006' ? 'NECK' : 'CHEST'),
    '0020000D': el('UI', s.uid),
    '0020000E': el('UI', se.uid),
    '00200011': el('IS', se.number),
    '00201209': el('IS', se.instances.length),
  };
}

function instanceAttributes(c: DicomwebCall, s: GeneratedStudy, se: GeneratedSeries, i: GeneratedInstance): DicomJson {
  return {
    '00080016': el('UI', i.sopClassUid),
    '00080018': el('UI', i.uid),
    '00081190': el('UR', `${c.base}/studies/${s.uid}/series/${se.uid}/instances/${i.uid}`),
    '0020000D': el('UI', s.uid),
    '0020000E': el('UI', se.uid),
    '00200013': el('IS', i.number),
    '00280010': el('US', i.rows),
    '00280011': el('US', i.columns),
  };
}

/** QIDO-RS studies?StudyInstanceUID=&PatientID=: at least one of them (a HIS does not list everyone's). */
function searchStudies(c: DicomwebCall): Answer {
  const uids = c.query.getAll('StudyInstanceUID').flatMap((v) => v.split(','));
  const patientId = c.query.get('PatientID') ?? c.query.get('00100020');
  if (uids.length === 0 && !patientId)
    return { kind: 'qido', reply: problem(400, 'QUERY_TOO_BROAD', 'give StudyInstanceUID or PatientID') };
  const found: { r: PatientRecords; s: GeneratedStudy }[] = [];
  if (uids.length) {
    for (const uid of uids) {
      const hit = c.records.studyByUid(uid);
      if (hit && (!patientId || hit.records.patient.mrn === patientId)) found.push({ r: hit.records, s: hit.study });
    }
  } else {
    const r = c.records.recordsByMrn(patientId!);
    for (const s of r?.studies ?? []) found.push({ r: r!, s });
  }
  return { kind: 'qido', reply: dicomJson(found.map(({ r, s }) => studyAttributes(c, r, s))) };
}

interface Located {
  records: PatientRecords;
  study: GeneratedStudy;
  series?: GeneratedSeries;
  instance?: GeneratedInstance;
}

function locate(c: DicomwebCall, study: string, series?: string, instance?: string): Located | null {
  const hit = c.records.studyByUid(study);
  if (!hit) return null;
  if (!series) return { records: hit.records, study: hit.study };
  const se = hit.study.series.find((x) => x.uid === series);
  if (!se) return null;
  if (!instance) return { records: hit.records, study: hit.study, series: se };
  const i = se.instances.find((x) => x.uid === instance);
  return i ? { records: hit.records, study: hit.study, series: se, instance: i } : null;
}

function fileOf(c: DicomwebCall, l: Required<Located>): Uint8Array {
  const context: InstanceContext = {
    hospital: c.records.code,
    patient: l.records.patient,
    study: l.study,
    series: l.series,
    instance: l.instance,
  };
  return c.records.o.files.file(context);
}

/** The instance's attributes read back from its file, the pixel data as a bulk data reference. */
function metadataOf(c: DicomwebCall, l: Required<Located>): DicomJson {
  const file = fileOf(c, l);
  const buffer = file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer;
  const { dict } = dcmjs.data.DicomMessage.readFile(buffer);
  const out: DicomJson = {};
  for (const [tag, element] of Object.entries(dict)) {
    if (tag === '7FE00010') {
      out[tag] = {
        vr: element.vr,
        BulkDataURI: `${c.base}/studies/${l.study.uid}/series/${l.series.uid}/instances/${l.instance.uid}`,
      };
      continue;
    }
    const values = element.Value ?? [];
    if (values.some((v) => v instanceof ArrayBuffer)) continue;
    out[tag] = values.length ? { vr: element.vr, Value: values } : { vr: element.vr };
  }
  return out;
}

/** WADO-RS instance: the Part-10 file as the one part of a multipart/related answer. */
function retrieveInstance(c: DicomwebCall, l: Required<Located>): Reply {
  const file = fileOf(c, l);
  const boundary = `dicom-${crypto.randomBytes(12).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Type: application/dicom\r\nContent-Length: ${file.byteLength}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    status: 200,
    body: Buffer.concat([head, file, tail]),
    type: `multipart/related; type="application/dicom"; boundary=${boundary}`,
  };
}

async function rendered(c: DicomwebCall, l: Required<Located>, thumbnail: boolean): Promise<Reply> {
  const format = renderedFormat(c.req.headers.accept);
  if (!format) return problem(406, 'NOT_ACCEPTABLE', 'rendered images are image/jpeg or image/png');
  let request: RenderRequest;
  try {
    request = {
      window: thumbnail ? null : parseWindow(c.query.get('window')),
      viewport: parseViewport(c.query.get('viewport')) ?? (thumbnail ? THUMBNAIL_VIEWPORT : null),
      format,
      quality: parseQuality(c.query.get('quality') ?? (thumbnail ? '75' : null)),
    };
  } catch (e) {
    if (e instanceof RenderRequestInvalid) return problem(400, 'BAD_RENDER_REQUEST', e.message);
    throw e;
  }
  const image = await renderDicom(fileOf(c, l), request);
  return { status: 200, body: image, type: format === 'png' ? 'image/png' : 'image/jpeg' };
}

interface Route {
  study?: string;
  series?: string;
  instance?: string;
  action?: 'metadata' | 'rendered' | 'thumbnail';
  /** The call lists the series of a study or the instances of a series. */
  list: boolean;
}

/** studies[/{s}[/series[/{se}[/instances[/{i}[/metadata|rendered|thumbnail]]]]]] */
function routeOf(path: string): Route | null {
  const [root, study, series, seriesUid, instances, instanceUid, action, ...rest] = path.split('/').slice(1);
  if (root !== 'studies' || rest.length) return null;
  if (series !== undefined && series !== 'series') return null;
  if (instances !== undefined && instances !== 'instances') return null;
  if (action !== undefined && action !== 'metadata' && action !== 'rendered' && action !== 'thumbnail') return null;
  const list = (series !== undefined && seriesUid === undefined) || (instances !== undefined && !instanceUid);
  return { study, series: seriesUid, instance: instanceUid, action, list };
}

/** Answers one DICOMweb call (already signed and checked). */
export async function answerDicomweb(c: DicomwebCall): Promise<Answer> {
  const route = routeOf(c.path);
  if (!route) return { kind: null, reply: problem(404, 'NOT_FOUND', 'not a DICOMweb resource served here') };
  const { study, series, instance, action } = route;
  if (!study) return searchStudies(c);
  const seriesListed = route.list && !series;
  const instancesListed = route.list && !!series;
  const kind =
    action === 'rendered' || action === 'thumbnail' || action === 'metadata' ? action : instance ? 'instance' : 'qido';
  const l = locate(c, study, series, instance);
  if (!l) return { kind, reply: problem(404, 'NOT_FOUND', 'no such study, series or instance') };
  if (seriesListed) return { kind, reply: dicomJson(l.study.series.map((se) => seriesAttributes(c, l.study, se))) };
  if (instancesListed && l.series)
    return { kind, reply: dicomJson(l.series.instances.map((i) => instanceAttributes(c, l.study, l.series!, i))) };
  if (!l.series || !l.instance)
    return { kind, reply: problem(404, 'NOT_SUPPORTED', 'study and series retrieve are not served; ask per instance') };
  const full = l as Required<Located>;
  if (action === 'metadata') return { kind, reply: dicomJson([metadataOf(c, full)]) };
  if (action === 'rendered' || action === 'thumbnail')
    return { kind, reply: await rendered(c, full, action === 'thumbnail') };
  return { kind, reply: retrieveInstance(c, full) };
}
