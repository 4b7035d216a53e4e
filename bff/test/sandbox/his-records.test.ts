import { checkCharacter } from '@cityhealth/shared-types';
import dcmjs from 'dcmjs';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { signedHeaders } from '../../src/hospital/signature.js';
import { maskDocumentNumber } from '../../src/identity/patient-documents.js';
import { maskIdNumber } from '../../src/identity/pii.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { bookThroughApi } from '../support/booking.js';
import { createClinic, createPatients, createSession, type PatientFixture } from '../support/fixtures.js';
import { sandboxCaller } from '../support/hospital-client.js';

type Json = Record<string, unknown>;
interface Resource extends Json {
  resourceType: string;
  id: string;
}
interface Bundle {
  resourceType: 'Bundle';
  type: string;
  total: number;
  entry?: { fullUrl: string; resource: Resource; search: { mode: string } }[];
}
type DicomJson = Record<string, { vr: string; Value?: unknown[] }>;

/** A valid resident ID number born on `birth` (yyyymmdd), with this sequence (odd: male). */
const idNumber = (birth: string, sequence: string) => {
  const first17 = `110105${birth}${sequence}`;
  return `${first17}${checkCharacter(first17)}`;
};

const RESIDENT = 'urn:oid:2.16.156.10011.1.3';

/**
 * The emulated HIS's records (FHIR R4 and DICOMweb), reached as the platform reaches them: signed
 * calls to the sandbox port. It learns its patients from the platform's booking pushes (or its
 * event feed) and generates their reports, studies and DICOM files.
 */
describe('the emulated HIS’s records', () => {
  let t: TestApp;
  let caller: { code: string; secret: string };
  let patients: PatientFixture[];
  let clinic: Awaited<ReturnType<typeof createClinic>>;
  const people = [
    { name: '王小明', id: idNumber('19850612', '031') },
    { name: '李红', id: idNumber('19920203', '042') },
    { name: '赵强', id: idNumber('19781130', '015') },
  ];

  beforeAll(async () => {
    t = await startTestApp('sqlite', { listen: true, sandbox: { hisHoldMs: 5_000 } });
    clinic = await createClinic(t.services.db, { now: t.clock.now(), departments: 1 });
    caller = await sandboxCaller(t, clinic.hospitalId);
    patients = await createPatients(t.services.db, 3, { now: t.clock.now() });
    for (const [i, p] of patients.entries())
      await t.services.db.query('UPDATE patient SET name = ?, id_masked = ? WHERE id = ?', [
        people[i]!.name,
        maskIdNumber(people[i]!.id),
        p.patientId,
      ]);
    const session = await createSession(t.services.db, clinic, { now: t.clock.now(), capacity: 5, feeFen: 0 });
    // the first two are pushed to the HIS; the third's push fails: it waits in the platform's event feed
    await bookThroughApi(t, patients[0]!, session.id);
    await bookThroughApi(t, patients[1]!, session.id);
    await t.services.outbox.runOnce();
    const pushFaults = (count: number) =>
      fetch(url('/sandbox/faults'), { method: 'POST', body: JSON.stringify({ mode: 'fail', count }) });
    await pushFaults(100);
    await bookThroughApi(t, patients[2]!, session.id);
    await t.services.outbox.runOnce();
    await pushFaults(0);
  });
  afterAll(async () => t.close());

  const url = (path: string) => `${t.sandbox!.url}/his/${caller.code}${path}`;
  interface CallOptions {
    accept?: string;
    signed?: boolean;
    secret?: string;
    timeoutMs?: number;
  }
  const call = (path: string, o: CallOptions = {}) => {
    const target = `/his/${caller.code}${path}`;
    const headers: Record<string, string> =
      o.signed === false
        ? {}
        : signedHeaders(
            caller.code,
            o.secret ?? caller.secret,
            { method: 'GET', pathWithQuery: target, body: '' },
            t.clock.now(),
          );
    if (o.accept) headers.accept = o.accept;
    return fetch(`${t.sandbox!.url}${target}`, { headers, signal: AbortSignal.timeout(o.timeoutMs ?? 10_000) });
  };
  const fhir = async (path: string, o: CallOptions = {}) => {
    const r = await call(`/fhir${path}`, { accept: 'application/fhir+json', ...o });
    return { status: r.status, type: r.headers.get('content-type'), body: (await r.json()) as Json };
  };
  const search = async (path: string) => {
    const r = await fhir(path);
    expect(r).toMatchObject({ status: 200, body: { resourceType: 'Bundle', type: 'searchset' } });
    return r.body as unknown as Bundle;
  };
  const patientSearch = (id: string, name: string) =>
    search(`/Patient?${new URLSearchParams({ identifier: `${RESIDENT}|${id}`, name })}`);
  const pidOf = async (i: number) => (await patientSearch(people[i]!.id, people[i]!.name)).entry![0]!.resource.id;
  const dicomweb = async (path: string, o: CallOptions = {}) => {
    const r = await call(`/dicomweb${path}`, o);
    return { status: r.status, type: r.headers.get('content-type'), bytes: Buffer.from(await r.arrayBuffer()) };
  };
  const qido = async (path: string) => {
    const r = await dicomweb(path, { accept: 'application/dicom+json' });
    expect(r.status).toBe(200);
    expect(r.type).toContain('application/dicom+json');
    return JSON.parse(r.bytes.toString('utf8')) as DicomJson[];
  };
  const faults = (body: unknown) =>
    fetch(url('/sandbox/records/faults'), { method: 'POST', body: JSON.stringify(body) });
  const stats = async () =>
    (await (await fetch(url('/sandbox/records/stats'))).json()) as {
      answered: Record<
        'patient' | 'report' | 'binary' | 'study' | 'qido' | 'rendered' | 'thumbnail' | 'instance',
        number
      >;
      refused: number;
      faulted: number;
    };

  /** The imaging of a patient: its studies, and the first instance of each. */
  const imaging = async (pid: string) => {
    const bundle = await search(`/ImagingStudy?patient=${pid}&_count=100`);
    return bundle.entry!.map((e) => {
      const study = e.resource as Resource & {
        identifier: { system: string; value: string }[];
        series: { uid: string; instance: { uid: string }[] }[];
        modality: { code: string }[];
      };
      const uid = study.identifier.find((i) => i.system === 'urn:dicom:uid')!.value.replace('urn:oid:', '');
      const series = study.series[0]!;
      return { study, uid, series: series.uid, instance: series.instance[0]!.uid, modality: study.modality[0]!.code };
    });
  };

  it('refuses an unsigned or wrongly signed call with 401: an OperationOutcome on FHIR, JSON on DICOMweb', async () => {
    const before = await stats();
    const unsigned = await fhir('/Patient?identifier=x', { signed: false });
    expect(unsigned.status).toBe(401);
    expect(unsigned.type).toContain('application/fhir+json');
    expect(unsigned.body).toMatchObject({
      resourceType: 'OperationOutcome',
      issue: [{ severity: 'error', code: 'security', details: { text: 'SIGNATURE_MISSING' } }],
    });
    const wrong = await fhir('/Patient?identifier=x', { secret: 'not-the-secret' });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({ issue: [{ details: { text: 'SIGNATURE_INVALID' } }] });
    const dicom = await dicomweb('/studies?PatientID=x', { signed: false });
    expect(dicom.status).toBe(401);
    expect(JSON.parse(dicom.bytes.toString())).toEqual({ error: 'SIGNATURE_MISSING', message: expect.any(String) });
    expect((await stats()).refused).toBe(before.refused + 3);
  });

  it('registers a booked patient by ID number and name under a 门诊号; another number or name finds nothing', async () => {
    const [p] = people;
    const bundle = await patientSearch(p!.id, p!.name);
    expect(bundle.total).toBe(1);
    const patient = bundle.entry![0]!;
    expect(patient.search.mode).toBe('match');
    expect(patient.fullUrl).toMatch(new RegExp(`/his/${caller.code}/fhir/Patient/${patient.resource.id}$`));
    expect(patient.resource).toMatchObject({
      resourceType: 'Patient',
      id: expect.stringMatching(/^MZ\d{10}$/),
      identifier: [
        { system: RESIDENT, value: p!.id },
        { system: 'urn:oid:2.16.156.10011.1.11', value: patient.resource.id },
      ],
      name: [{ text: p!.name }],
      gender: 'male',
      birthDate: '1985-06-12',
    });
    // the same again: the registered patient, the same 门诊号
    expect((await patientSearch(p!.id, p!.name)).entry![0]!.resource).toEqual(patient.resource);
    expect((await patientSearch(idNumber('19850612', '033'), p!.name)).total).toBe(0);
    expect((await patientSearch(p!.id, '王大明')).total).toBe(0);
    // without a name: only someone registered before
    const byId = await search(`/Patient?${new URLSearchParams({ identifier: `${RESIDENT}|${p!.id}` })}`);
    expect(byId.entry!.map((e) => e.resource.id)).toEqual([patient.resource.id]);
    const unregistered = `/Patient?${new URLSearchParams({ identifier: `${RESIDENT}|${people[1]!.id}` })}`;
    expect((await search(unregistered)).total).toBe(0);
    const second = await patientSearch(people[1]!.id, people[1]!.name);
    expect(second.entry![0]!.resource).toMatchObject({ gender: 'female', birthDate: '1992-02-03' });
    expect(second.entry![0]!.resource.id).not.toBe(patient.resource.id);
  });

  it('files passport and permit holders under their document’s system, and the images with their issuer', async () => {
    const holders = [
      { name: 'John Smith', system: 'http://hl7.org/fhir/sid/passport-USA', value: 'X12345678', code: 'PPN' },
      { name: '陈大文', system: 'urn:cityhealth:sid:hk-macao-permit', value: 'H87654321', code: null },
    ];
    const fixtures = await createPatients(t.services.db, holders.length, { now: t.clock.now() });
    const session = await createSession(t.services.db, clinic, { now: t.clock.now(), capacity: 5, feeFen: 0 });
    for (const [i, h] of holders.entries()) {
      await t.services.db.query('UPDATE patient SET name = ?, id_masked = ? WHERE id = ?', [
        h.name,
        maskDocumentNumber(h.value),
        fixtures[i]!.patientId,
      ]);
      await bookThroughApi(t, fixtures[i]!, session.id);
    }
    await t.services.outbox.runOnce();
    const byDocument = (system: string, value: string, name: string) =>
      search(`/Patient?${new URLSearchParams({ identifier: `${system}|${value}`, name })}`);
    for (const h of holders) {
      const bundle = await byDocument(h.system, h.value, h.name);
      expect(bundle.total).toBe(1);
      const patient = bundle.entry![0]!.resource;
      expect(patient).toMatchObject({
        id: expect.stringMatching(/^MZ\d{10}$/),
        identifier: [
          { use: 'official', system: h.system, value: h.value, type: h.code ? { coding: [{ code: h.code }] } : {} },
          { system: 'urn:oid:2.16.156.10011.1.11', value: patient.id, assigner: { display: caller.code } },
        ],
        gender: 'unknown',
      });
      // the images name the 门诊号 and who issued it
      const [first] = await imaging(patient.id);
      const [study] = await qido(`/studies?StudyInstanceUID=${first!.uid}&includefield=00100020&includefield=00100021`);
      expect(study!['00100020']!.Value).toEqual([patient.id]);
      expect(study!['00100021']!.Value).toEqual([caller.code]);
    }
    // the same number in another country's passport, or as the resident ID: nobody
    expect((await byDocument('http://hl7.org/fhir/sid/passport-CAN', 'X12345678', 'John Smith')).total).toBe(0);
    expect((await byDocument(RESIDENT, 'H87654321', '陈大文')).total).toBe(0);
    expect((await byDocument('urn:example:unknown', 'X12345678', 'John Smith')).total).toBe(0);
  });

  it('on a miss reads the platform’s event feed and finds a booking it was never pushed', async () => {
    const received = (await (await fetch(url('/sandbox/received?limit=50'))).json()) as {
      items: { outcome: string }[];
    };
    expect(received.items.filter((r) => r.outcome === 'accepted')).toHaveLength(2);
    expect(received.items.filter((r) => r.outcome === 'fault').length).toBeGreaterThan(0);
    const [, , p] = people;
    const bundle = await patientSearch(p!.id, p!.name);
    expect(bundle.total).toBe(1);
    expect(bundle.entry![0]!.resource).toMatchObject({ name: [{ text: p!.name }], birthDate: '1978-11-30' });
    // someone who never booked here: still nothing after the catch-up
    expect((await patientSearch(idNumber('20000101', '011'), '钱多多')).total).toBe(0);
  });

  it('answers a patient’s reports the same each time: final, partial and registered, H/L and a critical', async () => {
    const pid = await pidOf(0);
    const path = `/DiagnosticReport?patient=${pid}&date=ge2000-01-01&date=le2100-12-31&_count=100`;
    const bundle = await search(path);
    expect(await search(path)).toEqual(bundle);
    const reports = bundle.entry!.map((e) => e.resource);
    expect(bundle.total).toBe(reports.length);
    expect(reports.length).toBeGreaterThanOrEqual(10);
    expect(new Set(reports.map((r) => r.status))).toEqual(new Set(['final', 'partial', 'registered']));
    for (const r of reports) {
      expect(r).toMatchObject({
        resourceType: 'DiagnosticReport',
        subject: { reference: `Patient/${pid}` },
        category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0074' }] }],
        code: { text: expect.any(String) },
        performer: [
          { type: 'Organization', display: expect.any(String) },
          { type: 'Practitioner', display: expect.any(String) },
        ],
        effectiveDateTime: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/),
      });
    }
    const lab = await search(`/DiagnosticReport?patient=${pid}&category=LAB`);
    const codes = lab.entry!.map((e) => (e.resource.category as { coding: { code: string }[] }[])[0]!.coding[0]!.code);
    expect(new Set(codes)).toEqual(new Set(['LAB']));
    const rad = await search(`/DiagnosticReport?patient=${pid}&category=RAD`);
    expect(rad.total + lab.total).toBe(bundle.total);
    for (const e of rad.entry!) {
      expect(e.resource).toMatchObject({
        conclusion: expect.stringContaining('印象'),
        presentedForm: [{ contentType: 'application/pdf', url: expect.stringMatching(/^Binary\/.+/) }],
      });
    }
    expect(rad.entry!.filter((e) => e.resource.imagingStudy)).toHaveLength(3);
    // _count limits the entries, not the total
    const two = await search(`/DiagnosticReport?patient=${pid}&_count=2`);
    expect([two.total, two.entry!.length]).toEqual([bundle.total, 2]);
    // nothing before the first one
    expect((await search(`/DiagnosticReport?patient=${pid}&date=le2000-01-01`)).total).toBe(0);

    // the results: flags N, H or L and at least one critical across the reports
    const flags = new Set<string>();
    for (const e of lab.entry!) {
      const one = await search(
        `/DiagnosticReport?_id=${e.resource.id}&patient=${pid}&_include=DiagnosticReport:result`,
      );
      for (const x of one.entry!.filter((x) => x.search.mode === 'include'))
        for (const i of (x.resource.interpretation as { coding: { code: string }[] }[] | undefined) ?? [])
          flags.add(i.coding[0]!.code);
    }
    expect(flags.has('N')).toBe(true);
    expect(flags.has('H') || flags.has('L')).toBe(true);
    expect(flags.has('HH') || flags.has('LL')).toBe(true);
    // another patient's reports stay hers
    const other = await pidOf(1);
    const mine = reports[0]!.id;
    expect((await search(`/DiagnosticReport?_id=${mine}&patient=${other}`)).total).toBe(0);
  });

  it('includes a report’s Observations with _include; a partial one has some without a value', async () => {
    const pid = await pidOf(0);
    const all = await search(`/DiagnosticReport?patient=${pid}&category=LAB`);
    const partial = all.entry!.find((e) => e.resource.status === 'partial')!.resource;
    const bundle = await search(`/DiagnosticReport?_id=${partial.id}&patient=${pid}&_include=DiagnosticReport:result`);
    const matched = bundle.entry!.filter((e) => e.search.mode === 'match');
    const included = bundle.entry!.filter((e) => e.search.mode === 'include').map((e) => e.resource);
    expect(matched.map((e) => e.resource.id)).toEqual([partial.id]);
    expect(bundle.total).toBe(1);
    expect(included.map((o) => `Observation/${o.id}`)).toEqual(
      (partial.result as { reference: string }[]).map((r) => r.reference),
    );
    const done = included.filter((o) => o.status === 'final');
    const waiting = included.filter((o) => o.status === 'registered');
    expect(done.length).toBeGreaterThan(0);
    expect(waiting.length).toBeGreaterThan(0);
    expect(waiting.every((o) => o.valueQuantity === undefined && o.valueString === undefined)).toBe(true);
    expect(done[0]).toMatchObject({
      resourceType: 'Observation',
      code: { text: expect.any(String), coding: [{ system: 'http://loinc.org' }] },
      valueQuantity: { value: expect.any(Number), unit: expect.any(String) },
      referenceRange: [{ text: expect.any(String) }],
      interpretation: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation' }] }],
    });
    const registered = all.entry!.find((e) => e.resource.status === 'registered')!.resource;
    expect(registered.result).toBeUndefined();
  });

  it('serves a report’s PDF as bytes for Accept: application/pdf, else as a Binary resource', async () => {
    const pid = await pidOf(0);
    const rad = await search(`/DiagnosticReport?patient=${pid}&category=RAD`);
    // A list names the PDF without its size (making it costs); the report asked by id says it.
    expect((rad.entry![0]!.resource.presentedForm as { size?: number }[])[0]!.size).toBeUndefined();
    const one = await search(`/DiagnosticReport?patient=${pid}&_id=${rad.entry![0]!.resource.id}`);
    const form = (one.entry![0]!.resource.presentedForm as { url: string; size: number }[])[0]!;
    const r = await call(`/fhir/${form.url}`, { accept: 'application/pdf' });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await r.arrayBuffer());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.byteLength).toBe(form.size);
    const doc = await PDFDocument.load(pdf);
    expect(doc.getPageCount()).toBe(1);
    const [page] = doc.getPages();
    expect(Math.round(page!.getWidth())).toBe(595);
    const binary = await fhir(`/${form.url}`);
    expect(binary.body).toMatchObject({ resourceType: 'Binary', contentType: 'application/pdf' });
    expect(Buffer.from(binary.body.data as string, 'base64').equals(pdf)).toBe(true);
    expect((await fhir('/Binary/MZ0000000000-R01-pdf')).status).toBe(404);
  });

  it('lists three imaging studies (CT, DX, US) with series and instances; one by _id; its Endpoint', async () => {
    const pid = await pidOf(0);
    const studies = await imaging(pid);
    expect(studies.map((s) => s.modality).sort()).toEqual(['CT', 'DX', 'US']);
    const ct = studies.find((s) => s.modality === 'CT')!;
    expect(ct.study).toMatchObject({
      resourceType: 'ImagingStudy',
      status: 'available',
      subject: { reference: `Patient/${pid}` },
      started: expect.any(String),
      description: '胸部CT平扫',
      numberOfSeries: 1,
      endpoint: [{ reference: 'Endpoint/dicomweb' }],
    });
    expect(ct.uid).toMatch(/^2\.25\.\d+$/);
    const count = ct.study.numberOfInstances as number;
    expect(count).toBeGreaterThanOrEqual(16);
    expect(count).toBeLessThanOrEqual(24);
    const one = await search(`/ImagingStudy?_id=${ct.study.id}&patient=${pid}`);
    expect(one.entry!.map((e) => e.resource)).toEqual([ct.study]);
    expect((await search(`/ImagingStudy?_id=${ct.study.id}&patient=${await pidOf(1)}`)).total).toBe(0);
    expect((await search(`/ImagingStudy?patient=${pid}&started=le2000-01-01`)).total).toBe(0);
    const endpoint = await fhir('/Endpoint/dicomweb');
    expect(endpoint.body).toMatchObject({
      resourceType: 'Endpoint',
      connectionType: { code: 'dicom-wado-rs' },
      address: url('/dicomweb'),
    });
    expect((await fhir('/Encounter/x')).body).toMatchObject({
      resourceType: 'OperationOutcome',
      issue: [{ code: 'not-found' }],
    });
    expect((await fhir('/Encounter/x')).status).toBe(404);
  });

  it('answers QIDO-RS for a study, its series and its instances', async () => {
    const pid = await pidOf(0);
    const ct = (await imaging(pid)).find((s) => s.modality === 'CT')!;
    const [study, ...more] = await qido(`/studies?StudyInstanceUID=${ct.uid}&includefield=00100020`);
    expect(more).toEqual([]);
    expect(study!['00100020']).toEqual({ vr: 'LO', Value: [pid] });
    expect(study!['0020000D']).toEqual({ vr: 'UI', Value: [ct.uid] });
    expect((await qido(`/studies?PatientID=${pid}`)).length).toBe(3);
    const series = await qido(`/studies/${ct.uid}/series`);
    expect(series).toHaveLength(1);
    expect(series[0]).toMatchObject({
      '0020000E': { vr: 'UI', Value: [ct.series] },
      '00080060': { vr: 'CS', Value: ['CT'] },
      '0008103E': { vr: 'LO' },
      '00200011': { vr: 'IS', Value: [1] },
    });
    const instances = await qido(`/studies/${ct.uid}/series/${ct.series}/instances`);
    expect(instances).toHaveLength(ct.study.numberOfInstances as number);
    expect(instances[0]).toMatchObject({
      '00080018': { vr: 'UI', Value: [ct.instance] },
      '00200013': { vr: 'IS', Value: [1] },
      '00280010': { vr: 'US', Value: [512] },
      '00280011': { vr: 'US', Value: [512] },
    });
    expect((await dicomweb('/studies/2.25.1/series')).status).toBe(404);
  });

  it('retrieves an instance as a DICOM Part-10 file in multipart/related, and its metadata', async () => {
    const pid = await pidOf(0);
    for (const s of await imaging(pid)) {
      const r = await dicomweb(`/studies/${s.uid}/series/${s.series}/instances/${s.instance}`, {
        accept: 'multipart/related; type="application/dicom"',
      });
      expect(r.status).toBe(200);
      const boundary = /boundary=([^;]+)/.exec(r.type ?? '')![1]!;
      expect(r.type).toContain('type="application/dicom"');
      const text = r.bytes.toString('latin1');
      expect(text.startsWith(`--${boundary}\r\n`)).toBe(true);
      const start = text.indexOf('\r\n\r\n') + 4;
      const end = text.lastIndexOf(`\r\n--${boundary}--`);
      const file = r.bytes.subarray(start, end);
      const buffer = file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength);
      const ds = dcmjs.data.DicomMetaDictionary.naturalizeDataset(dcmjs.data.DicomMessage.readFile(buffer).dict);
      expect(ds).toMatchObject({
        PatientID: pid,
        StudyInstanceUID: s.uid,
        SOPInstanceUID: s.instance,
        Modality: s.modality,
      });
      const size = { CT: [512, 512], DX: [1000, 820], US: [480, 640] }[s.modality]!;
      expect([ds.Rows, ds.Columns]).toEqual(size);
      expect((ds.PixelData as ArrayBuffer[])[0]!.byteLength).toBe(size[0]! * size[1]! * (s.modality === 'US' ? 3 : 2));
      if (s.modality === 'CT')
        expect(ds).toMatchObject({ RescaleIntercept: -1024, BitsAllocated: 16, PixelRepresentation: 1 });
    }
    const ct = (await imaging(pid)).find((s) => s.modality === 'CT')!;
    const [meta] = await qido(`/studies/${ct.uid}/series/${ct.series}/instances/${ct.instance}/metadata`);
    expect(meta!['00100020']).toEqual({ vr: 'LO', Value: [pid] });
    expect(meta!['7FE00010']).toMatchObject({ BulkDataURI: expect.stringContaining(ct.instance) });
  });

  it('renders an instance from its pixel data: JPEG or PNG in the viewport, aspect kept, as windowed', async () => {
    const pid = await pidOf(0);
    const studies = await imaging(pid);
    const ct = studies.find((s) => s.modality === 'CT')!;
    const dx = studies.find((s) => s.modality === 'DX')!;
    const at = (s: typeof ct) => `/studies/${s.uid}/series/${s.series}/instances/${s.instance}`;
    const jpeg = await dicomweb(`${at(ct)}/rendered?viewport=300,200&quality=80`, { accept: 'image/jpeg' });
    expect([jpeg.status, jpeg.type]).toEqual([200, 'image/jpeg']);
    expect(await sharp(jpeg.bytes).metadata()).toMatchObject({ format: 'jpeg', width: 200, height: 200 });
    const png = await dicomweb(`${at(dx)}/rendered?viewport=256,256`, { accept: 'image/png' });
    expect(png.type).toBe('image/png');
    // 1000 rows × 820 columns fitted in 256 × 256
    expect(await sharp(png.bytes).metadata()).toMatchObject({ format: 'png', width: 210, height: 256 });
    const lung = await dicomweb(`${at(ct)}/rendered?window=-600,1500,linear&viewport=128,128`);
    const soft = await dicomweb(`${at(ct)}/rendered?window=40,400,linear&viewport=128,128`);
    const fileDefault = await dicomweb(`${at(ct)}/rendered?viewport=128,128`);
    expect(lung.type).toBe('image/jpeg');
    expect(lung.bytes.equals(soft.bytes)).toBe(false);
    // without a window, the file's own (its first WindowCenter/Width: the lung window)
    expect(fileDefault.bytes.equals(lung.bytes)).toBe(true);
    const thumb = await dicomweb(`${at(dx)}/thumbnail`);
    expect(thumb.type).toBe('image/jpeg');
    const t1 = await sharp(thumb.bytes).metadata();
    expect([t1.width, t1.height]).toEqual([105, 128]);
    expect((await dicomweb(`${at(ct)}/rendered?window=abc`)).status).toBe(400);
    expect((await dicomweb(`${at(ct)}/rendered`, { accept: 'image/gif' })).status).toBe(406);
  });

  it('answers late, fails or holds record calls when told to, then normally again; counts them', async () => {
    const pid = await pidOf(0);
    const before = await stats();
    expect((await faults({ mode: 'slow', delayMs: -1 })).status).toBe(400);
    expect((await faults({ mode: 'later' })).status).toBe(400);

    expect((await faults({ mode: 'slow', delayMs: 400, count: 1 })).status).toBe(200);
    let started = Date.now();
    expect((await fhir(`/ImagingStudy?patient=${pid}`)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(380);
    started = Date.now();
    expect((await fhir(`/ImagingStudy?patient=${pid}`)).status).toBe(200);
    expect(Date.now() - started).toBeLessThan(380);

    // a caller that hangs up on a slow answer: the next call is not held behind it
    await faults({ mode: 'slow', delayMs: 3_000, count: 1 });
    await expect(fhir(`/ImagingStudy?patient=${pid}`, { timeoutMs: 200 })).rejects.toThrow();
    started = Date.now();
    expect((await fhir(`/ImagingStudy?patient=${pid}`)).status).toBe(200);
    expect(Date.now() - started).toBeLessThan(1_000);

    await faults({ mode: 'fail', count: 2 });
    const failed = await fhir(`/DiagnosticReport?patient=${pid}`);
    expect(failed.status).toBe(500);
    expect(failed.body).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ code: 'exception' }] });
    expect((await dicomweb(`/studies?PatientID=${pid}`)).status).toBe(500);
    expect((await fhir(`/DiagnosticReport?patient=${pid}`)).status).toBe(200);

    // a timeout holds the call until the caller hangs up; the event loop stays free meanwhile
    await faults({ mode: 'timeout' });
    started = Date.now();
    await expect(fhir(`/ImagingStudy?patient=${pid}`, { timeoutMs: 300 })).rejects.toThrow();
    const free = await fetch(url('/sandbox/records/stats'));
    expect(free.status).toBe(200);
    await expect(fhir(`/ImagingStudy?patient=${pid}`, { timeoutMs: 300 })).rejects.toThrow();
    expect(((await stats()) as { fault?: { mode: string } }).fault).toMatchObject({ mode: 'timeout' });
    expect((await faults({ mode: 'off' })).status).toBe(200);
    expect((await fhir(`/ImagingStudy?patient=${pid}`)).status).toBe(200);

    const after = await stats();
    expect(after.answered.study - before.answered.study).toBe(4);
    expect(after.answered.report - before.answered.report).toBe(1);
    expect(after.faulted - before.faulted).toBe(4);
    expect(after.answered.rendered).toBeGreaterThan(0);
    expect(after.answered.thumbnail).toBeGreaterThan(0);
    expect(after.answered.instance).toBeGreaterThan(0);
    expect(after.answered.binary).toBeGreaterThan(0);
    expect(after.answered.patient).toBeGreaterThan(0);
    expect(after.answered.qido).toBeGreaterThan(0);
  });
});
