import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { startTestApp, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/databases.js';
import { createClinic, createSession, idemKey, type Clinic } from '../support/fixtures.js';
import { makeIdNumber } from '../support/identity.js';
import { recordCalls, recordsFault, verifiedPatientOf, type RecordsPatient } from '../support/records.js';

/** A file answer's bytes as they came (supertest parses only text and JSON). */
const asBytes = (res: import('superagent').Response, done: (err: Error | null, body: unknown) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

interface Summary {
  reportId: string;
  hospitalId: string;
  category: 'lab' | 'exam';
  status: string;
  abnormalCount: number;
  hasPdf: boolean;
}

/** Reports and imaging through the real protocols (FHIR R4, DICOMweb) against the emulated HIS. */
describe.each(databaseKinds())('reports and imaging on %s', (kind) => {
  let t: TestApp;
  let clinic: Clinic;
  let other: Clinic;
  let code: string;
  let otherCode: string;
  let patient: RecordsPatient;
  const idNumber = makeIdNumber();

  const codeOf = async (hospitalId: string) =>
    (await t.services.db.query<{ code: string }>('SELECT code FROM hospital WHERE id = ?', [hospitalId]))[0]!.code;

  const book = async (p: RecordsPatient, c: Clinic) => {
    const s = await createSession(t.services.db, c, { now: t.clock.now(), capacity: 5, feeFen: 0 });
    await t.http
      .post('/api/v1/orders')
      .set(p.headers)
      .set('Idempotency-Key', idemKey())
      .send({ scheduleId: s.id, patientId: p.patientId })
      .expect(201);
  };

  beforeAll(async () => {
    t = await startTestApp(kind, {
      listen: true,
      env: { RECORDS_TIMEOUT_MS: '2000', RECORDS_BREAKER_FAILURES: '3', RECORDS_BREAKER_HALF_OPEN_MS: '400' },
    });
    clinic = await createClinic(t.services.db, { now: t.clock.now() });
    other = await createClinic(t.services.db, { now: t.clock.now() });
    code = await codeOf(clinic.hospitalId);
    otherCode = await codeOf(other.hospitalId);
    patient = await verifiedPatientOf(t, 'records-owner', { name: '赵六', idNumber });
    await book(patient, clinic);
    await book(patient, other);
    // The bookings reach each hospital's system (the emulated HIS registers the patient from them).
    await t.services.outbox.runOnce();
  });
  afterAll(async () => t.close());

  const reports = (p: RecordsPatient, query: Record<string, string> = {}) =>
    t.http.get(`/api/v1/patients/${p.patientId}/reports`).query(query).set(p.headers);

  it('lists the lab and exam reports of both hospitals, pending ones included, matched by the ID number', async () => {
    const r = await reports(patient).expect(200);
    expect(r.body.hospitals).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ hospitalId: clinic.hospitalId, outcome: 'ok', message: null }),
        expect.objectContaining({ hospitalId: other.hospitalId, outcome: 'ok', message: null }),
      ]),
    );
    const items = r.body.items as Summary[];
    const here = items.filter((i) => i.hospitalId === clinic.hospitalId);
    expect(here.some((i) => i.category === 'lab' && i.status === 'final' && i.abnormalCount > 0)).toBe(true);
    expect(here.some((i) => i.status === 'pending')).toBe(true);
    expect(here.some((i) => i.status === 'partial')).toBe(true);
    expect(here.some((i) => i.category === 'exam' && i.hasPdf)).toBe(true);

    const labOnly = await reports(patient, { hospitalId: clinic.hospitalId, category: 'lab' }).expect(200);
    expect(labOnly.body.hospitals).toHaveLength(1);
    expect((labOnly.body.items as Summary[]).every((i) => i.category === 'lab')).toBe(true);
    expect(labOnly.body.items.length).toBeLessThan(here.length);
  });

  it('shows a report’s items with their flags in words, the pending items, and the original PDF', async () => {
    const { body } = await reports(patient, { hospitalId: clinic.hospitalId }).expect(200);
    const items = body.items as Summary[];
    const abnormal = items.find((i) => i.category === 'lab' && i.abnormalCount > 0)!;
    const detail = await t.http
      .get(`/api/v1/patients/${patient.patientId}/reports/${abnormal.reportId}`)
      .query({ hospitalId: clinic.hospitalId })
      .set(patient.headers)
      .expect(200);
    expect(detail.body.disclaimer).toMatch(/仅供参考/);
    const flagged = (
      detail.body.items as { flag: string | null; flagWords: string | null; unit: string | null }[]
    ).filter((i) => i.flag && i.flag !== 'N');
    expect(flagged.length).toBe(abnormal.abnormalCount);
    for (const item of flagged) expect(item.flagWords).toMatch(/偏高|偏低|危急|异常/);

    const partial = items.find((i) => i.status === 'partial')!;
    const partialDetail = await t.http
      .get(`/api/v1/patients/${patient.patientId}/reports/${partial.reportId}`)
      .query({ hospitalId: clinic.hospitalId })
      .set(patient.headers)
      .expect(200);
    const pending = partialDetail.body.items.filter((i: { pending: boolean }) => i.pending);
    expect(pending.length).toBeGreaterThan(0);
    expect(pending.every((i: { result: unknown; flag: unknown }) => i.result === null && i.flag === null)).toBe(true);

    const exam = items.find((i) => i.category === 'exam' && i.hasPdf)!;
    const pdf = await t.http
      .get(`/api/v1/patients/${patient.patientId}/reports/${exam.reportId}/pdf`)
      .query({ hospitalId: clinic.hospitalId })
      .set(patient.headers)
      .buffer(true)
      .parse(asBytes)
      .expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const doc = await PDFDocument.load(pdf.body as Buffer);
    expect(doc.getPageCount()).toBeGreaterThan(0);
  });

  it('answers only about the account’s own verified patients, and nothing about another person', async () => {
    const stranger = await verifiedPatientOf(t, 'records-stranger');
    await t.http.get(`/api/v1/patients/${patient.patientId}/reports`).set(stranger.headers).expect(404);
    const unverified = await verifiedPatientOf(t, 'records-unverified', { verify: false });
    const refused = await reports(unverified).expect(403);
    expect(refused.body.error.code).toBe('REAL_NAME_REQUIRED');
    // Verified, but never booked at the hospital: the hospital knows no such patient.
    const none = await reports(stranger, { hospitalId: clinic.hospitalId }).expect(200);
    expect(none.body.items).toEqual([]);
    expect(none.body.hospitals[0]).toMatchObject({ outcome: 'no-records' });
    // Another person's report id, asked for by a patient the hospital knows: not found.
    await book(stranger, clinic);
    await t.services.outbox.runOnce();
    const theirs = await reports(stranger, { hospitalId: clinic.hospitalId }).expect(200);
    expect(theirs.body.items.length).toBeGreaterThan(0);
    const mine = await reports(patient, { hospitalId: clinic.hospitalId }).expect(200);
    const mineIds = new Set((mine.body.items as Summary[]).map((i) => i.reportId));
    const foreign = (theirs.body.items as Summary[]).find((i) => !mineIds.has(i.reportId))!;
    const denied = await t.http
      .get(`/api/v1/patients/${patient.patientId}/reports/${foreign.reportId}`)
      .query({ hospitalId: clinic.hospitalId })
      .set(patient.headers)
      .expect(404);
    expect(denied.body.error.code).toBe('RECORD_NOT_FOUND');
    const audit = await t.services.db.query<{ action: string; detail: string | null }>(
      "SELECT action, detail FROM audit_event WHERE action LIKE 'records.%'",
    );
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['records.reports.list', 'records.report.view']));
    for (const a of audit) expect(a.detail ?? '').not.toContain(idNumber);
  });

  it('shows a CT study with its series, rendered images of the right size, CT windows and thumbnails', async () => {
    const list = await t.http
      .get(`/api/v1/patients/${patient.patientId}/imaging`)
      .query({ hospitalId: clinic.hospitalId })
      .set(patient.headers)
      .expect(200);
    const modalities = list.body.items.map((s: { modality: string }) => s.modality).sort();
    expect(modalities).toEqual(expect.arrayContaining(['CT', 'DX', 'US']));
    const ct = list.body.items.find((s: { modality: string }) => s.modality === 'CT');
    const study = await t.http
      .get(`/api/v1/patients/${patient.patientId}/imaging/${ct.studyId}`)
      .query({ hospitalId: clinic.hospitalId })
      .set(patient.headers)
      .expect(200);
    expect(study.body.windowPresets.map((w: { label: string }) => w.label)).toContain('肺窗');
    const image = study.body.series[0].images[0];
    expect(image.url).toMatch(/^\/api\/v1\/images\//);
    expect(JSON.stringify(study.body)).not.toContain(t.sandbox!.url);
    const fetchImage = (url: string) => t.http.get(url).buffer(true).parse(asBytes);
    const full = await fetchImage(image.url).expect(200);
    expect(full.headers['content-type']).toBe('image/jpeg');
    const meta = await sharp(full.body as Buffer).metadata();
    expect(meta.format).toBe('jpeg');
    expect(meta.width! / meta.height!).toBeCloseTo(image.columns / image.rows, 1);
    // The file's own window is the lung window: the bone window renders other pixels.
    const lung = await fetchImage(`${image.url}?window=lung`).expect(200);
    const bone = await fetchImage(`${image.url}?window=bone`).expect(200);
    expect(Buffer.compare(bone.body as Buffer, lung.body as Buffer)).not.toBe(0);
    const png = await fetchImage(`${image.url}?format=png`).expect(200);
    expect((await sharp(png.body as Buffer).metadata()).format).toBe('png');
    const thumb = await fetchImage(image.thumbnailUrl).expect(200);
    expect((await sharp(thumb.body as Buffer).metadata()).width).toBeLessThanOrEqual(256);

    await fetchImage(`${image.url.slice(0, -4)}AAAA`).expect(404);
    t.clock.advance(31 * 60_000);
    const expired = await t.http.get(image.url).expect(410);
    expect(expired.body.error.code).toBe('IMAGE_LINK_EXPIRED');
  });

  it('shares a study by link and access code: uses, a wrong code, revocation and expiry', async () => {
    const list = await t.http
      .get(`/api/v1/patients/${patient.patientId}/imaging`)
      .query({ hospitalId: clinic.hospitalId })
      .set(patient.headers)
      .expect(200);
    const studyId = list.body.items[0].studyId as string;
    const share = await t.http
      .post(`/api/v1/patients/${patient.patientId}/imaging/${studyId}/shares`)
      .set(patient.headers)
      .send({ hospitalId: clinic.hospitalId, validHours: 24, maxUses: 2 })
      .expect(201);
    expect(share.body.accessCode).toMatch(/^\d{6}$/);
    const token = new URL(share.body.url).pathname.split('/').pop()!;
    const page = await t.http.get(`/share/${token}`).expect(200);
    expect(page.text).toContain('访问码');
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self' 'sha256-/);

    const wrong = share.body.accessCode === '000000' ? '111111' : '000000';
    const refused = await t.http.post(`/api/v1/shares/${token}/open`).send({ accessCode: wrong }).expect(403);
    expect(refused.body.error.code).toBe('SHARE_CODE_WRONG');
    const opened = await t.http
      .post(`/api/v1/shares/${token}/open`)
      .send({ accessCode: share.body.accessCode })
      .expect(200);
    expect(opened.body.patientName).toBe('赵*');
    expect(opened.body.usesLeft).toBe(1);
    expect(opened.body.study.series.length).toBeGreaterThan(0);
    await t.http.get(opened.body.study.series[0].images[0].thumbnailUrl).expect(200);
    await t.http.post(`/api/v1/shares/${token}/open`).send({ accessCode: share.body.accessCode }).expect(200);
    const usedUp = await t.http
      .post(`/api/v1/shares/${token}/open`)
      .send({ accessCode: share.body.accessCode })
      .expect(410);
    expect(usedUp.body.error.code).toBe('SHARE_USED_UP');

    const second = await t.http
      .post(`/api/v1/patients/${patient.patientId}/imaging/${studyId}/shares`)
      .set(patient.headers)
      .send({ hospitalId: clinic.hospitalId, validHours: 1 })
      .expect(201);
    const secondToken = new URL(second.body.url).pathname.split('/').pop()!;
    const revoked = await t.http
      .delete(`/api/v1/patients/${patient.patientId}/shares/${second.body.shareId}`)
      .set(patient.headers)
      .expect(200);
    expect(revoked.body.revokedAt).not.toBeNull();
    const gone = await t.http.post(`/api/v1/shares/${secondToken}/open`).send({ accessCode: second.body.accessCode });
    expect([gone.status, gone.body.error.code]).toEqual([410, 'SHARE_REVOKED']);

    const third = await t.http
      .post(`/api/v1/patients/${patient.patientId}/imaging/${studyId}/shares`)
      .set(patient.headers)
      .send({ hospitalId: clinic.hospitalId, validHours: 1 })
      .expect(201);
    const thirdToken = new URL(third.body.url).pathname.split('/').pop()!;
    t.clock.advance(61 * 60_000);
    const expired = await t.http.post(`/api/v1/shares/${thirdToken}/open`).send({ accessCode: third.body.accessCode });
    expect([expired.status, expired.body.error.code]).toEqual([410, 'SHARE_EXPIRED']);

    const mine = await t.http.get(`/api/v1/patients/${patient.patientId}/shares`).set(patient.headers).expect(200);
    expect(mine.body.items).toHaveLength(3);
    const stranger = await verifiedPatientOf(t, 'records-share-stranger');
    await t.http
      .delete(`/api/v1/patients/${patient.patientId}/shares/${share.body.shareId}`)
      .set(stranger.headers)
      .expect(404);
  });

  it('locks a share after five wrong access codes', async () => {
    const list = await t.http
      .get(`/api/v1/patients/${patient.patientId}/imaging`)
      .query({ hospitalId: clinic.hospitalId })
      .set(patient.headers)
      .expect(200);
    const share = await t.http
      .post(`/api/v1/patients/${patient.patientId}/imaging/${list.body.items[0].studyId}/shares`)
      .set(patient.headers)
      .send({ hospitalId: clinic.hospitalId })
      .expect(201);
    const token = new URL(share.body.url).pathname.split('/').pop()!;
    const wrong = share.body.accessCode === '000000' ? '111111' : '000000';
    const codes: string[] = [];
    for (let i = 0; i < 5; i++)
      codes.push((await t.http.post(`/api/v1/shares/${token}/open`).send({ accessCode: wrong })).body.error.code);
    expect(codes).toEqual([
      'SHARE_CODE_WRONG',
      'SHARE_CODE_WRONG',
      'SHARE_CODE_WRONG',
      'SHARE_CODE_WRONG',
      'SHARE_LOCKED',
    ]);
    const locked = await t.http.post(`/api/v1/shares/${token}/open`).send({ accessCode: share.body.accessCode });
    expect([locked.status, locked.body.error.code]).toEqual([429, 'SHARE_LOCKED']);
  });

  it('a failing or slow hospital is named in a partial answer; its circuit opens and closes again', async () => {
    const fresh = await verifiedPatientOf(t, 'records-breaker', { name: '钱七' });
    await book(fresh, clinic);
    await book(fresh, other);
    await t.services.outbox.runOnce();
    await recordsFault(t, otherCode, { mode: 'fail' });
    for (let i = 0; i < 3; i++) {
      const r = await reports(fresh).expect(200);
      const failed = r.body.hospitals.find((h: { hospitalId: string }) => h.hospitalId === other.hospitalId);
      expect(failed).toMatchObject({ outcome: 'failed', message: expect.stringMatching(/暂时无法访问/) });
      expect(r.body.items.length).toBeGreaterThan(0);
      expect(r.body.items.every((i: Summary) => i.hospitalId === clinic.hospitalId)).toBe(true);
    }
    // Open: the failing hospital is not asked at all now.
    const before = await recordCalls(t, otherCode);
    const open = await reports(fresh).expect(200);
    expect(open.body.hospitals.find((h: { hospitalId: string }) => h.hospitalId === other.hospitalId).outcome).toBe(
      'failed',
    );
    expect(await recordCalls(t, otherCode)).toBe(before);
    const detail = await t.http
      .get(`/api/v1/patients/${fresh.patientId}/imaging`)
      .query({ hospitalId: other.hospitalId })
      .set(fresh.headers)
      .expect(200);
    expect(detail.body.hospitals[0].outcome).toBe('failed');
    // Back after the half-open wait: one trial call succeeds and closes the circuit.
    await recordsFault(t, otherCode, { mode: 'off' });
    await new Promise((r) => setTimeout(r, 450));
    const back = await reports(fresh).expect(200);
    expect(back.body.hospitals.every((h: { outcome: string }) => h.outcome === 'ok')).toBe(true);

    // A hospital that does not answer in time: the patient waits the bounded time, not longer.
    await recordsFault(t, code, { mode: 'timeout', count: 1 });
    const started = Date.now();
    const slow = await reports(fresh, { hospitalId: clinic.hospitalId, from: '2020-01-01' }).expect(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
    expect(Date.now() - started).toBeLessThan(4500);
    expect(slow.body.hospitals[0]).toMatchObject({ outcome: 'failed' });
    await recordsFault(t, code, { mode: 'off' });
  });

  it('refuses bad input with a readable 4xx', async () => {
    const badRange = await reports(patient, { from: '2026-05-01', to: '2026-01-01' }).expect(400);
    expect(badRange.body.error.message).toMatch(/开始日期/);
    await reports(patient, { category: 'xray' }).expect(400);
    await t.http
      .get(`/api/v1/patients/${patient.patientId}/reports/not%2Fok`)
      .query({ hospitalId: clinic.hospitalId })
      .set(patient.headers)
      .expect(400);
    await t.http.get(`/api/v1/patients/${patient.patientId}/reports/abc`).set(patient.headers).expect(400);
    await t.http.post('/api/v1/shares/short/open').send({ accessCode: '123456' }).expect(400);
    await t.http.post('/api/v1/shares/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/open').send({ accessCode: '12' }).expect(400);
    const unknown = await t.http
      .post('/api/v1/shares/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/open')
      .send({ accessCode: '123456' })
      .expect(404);
    expect(unknown.body.error.code).toBe('SHARE_NOT_FOUND');
  });
});
